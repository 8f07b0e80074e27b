package http

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"trex"
)

// DefaultPersonClientLimit bounds the person's requests (status, appeals,
// access log) from one client address: enough for a family at one
// computer, far too little to sweep identifiers.
var DefaultPersonClientLimit = RateLimit{PerSecond: 1.0 / 60, Burst: 20}

// DefaultPersonIdentityLimit bounds the requests naming one national
// identifier, from any number of addresses, so that a third party who
// knows the number cannot try birth dates and document numbers at will.
var DefaultPersonIdentityLimit = RateLimit{PerSecond: 1.0 / 600, Burst: 10}

// maxKeyedBuckets bounds the buckets a keyedLimiter keeps before it drops
// those that have refilled (a refilled bucket is the same as none).
const maxKeyedBuckets = 100_000

// keyedLimiter holds a token bucket per key (a client address, an
// identifier).
type keyedLimiter struct {
	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

// reserve takes one request from key's bucket under limit, or takes
// nothing and says how long to wait.
func (k *keyedLimiter) reserve(key string, limit RateLimit, now time.Time) (time.Duration, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.buckets == nil {
		k.buckets = map[string]*rate.Limiter{}
	}
	b := k.buckets[key]
	if b == nil {
		if len(k.buckets) >= maxKeyedBuckets {
			k.dropFull(now)
		}
		b = rate.NewLimiter(rate.Limit(limit.PerSecond), limit.Burst)
		k.buckets[key] = b
	}
	res := b.ReserveN(now, 1)
	if d := res.DelayFrom(now); !res.OK() || d > 0 {
		res.CancelAt(now)
		return max(d, time.Second), false
	}
	return 0, true
}

// dropFull forgets the buckets that have refilled; if none has, it
// forgets all, so that memory stays bounded (a flood of new keys then
// gets fresh buckets, each still bounded).
func (k *keyedLimiter) dropFull(now time.Time) {
	for key, b := range k.buckets {
		if b.TokensAt(now) >= float64(b.Burst()) {
			delete(k.buckets, key)
		}
	}
	if len(k.buckets) >= maxKeyedBuckets {
		k.buckets = map[string]*rate.Limiter{}
	}
}

// personLimits are the budgets of persons' requests, per client address
// and per identity.
type personLimits struct {
	client, identity keyedLimiter
}

// clientKey is the address a request came from (the TCP peer, not a
// header a client could set).
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// spendPerson takes one request from the client's budget and, when
// identity is set, from the identity's, or refuses with ERATELIMIT and
// Retry-After. The identity is spent whether or not the details match.
func (s *Server) spendPerson(w http.ResponseWriter, r *http.Request, identity string) error {
	now := s.Now()
	cl, il := s.PersonClientLimit, s.PersonIdentityLimit
	if cl.IsZero() {
		cl = DefaultPersonClientLimit
	}
	if il.IsZero() {
		il = DefaultPersonIdentityLimit
	}
	wait, ok := s.persons.client.reserve(clientKey(r), cl, now)
	what := "from this address"
	if ok && identity != "" {
		wait, ok = s.persons.identity.reserve(identity, il, now)
		what = "for this identification number"
	}
	if ok {
		return nil
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	return trex.Errorf(trex.ERATELIMIT, "too many requests %s; try again in %s", what, wait.Round(time.Second))
}
