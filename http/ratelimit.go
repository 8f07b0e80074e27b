package http

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"trex"
)

// RateLimit bounds how fast one token may call the rate-limited actions
// (checks and manifests): a sustained rate and a burst.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// DefaultRateLimit suits a checkpoint lane: a traveller every few seconds
// with room for a queue, far below what scraping the register would need.
var DefaultRateLimit = RateLimit{PerSecond: 10, Burst: 30}

// limiters holds one token bucket per token.
type limiters struct {
	mu   sync.Mutex
	cfg  RateLimit
	byID map[string]*rate.Limiter
}

func (l *limiters) get(id string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byID == nil {
		l.byID = map[string]*rate.Limiter{}
	}
	lim := l.byID[id]
	if lim == nil {
		lim = rate.NewLimiter(rate.Limit(l.cfg.PerSecond), l.cfg.Burst)
		l.byID[id] = lim
	}
	return lim
}

// limit refuses a token's call with 429 and Retry-After once it has used
// its budget.
func (s *Server) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := trex.PrincipalFromContext(r.Context())
		res := s.limiters.get(p.TokenID).Reserve()
		if delay := res.Delay(); delay > 0 {
			res.Cancel()
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(delay.Seconds()))))
			s.problem(w, r, trex.Errorf(trex.ERATELIMIT, "too many requests for this token; retry in %s", delay.Round(time.Millisecond)))
			return
		}
		next.ServeHTTP(w, r)
	})
}
