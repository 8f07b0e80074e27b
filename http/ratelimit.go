package http

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"trex"
)

// RateLimit is a budget of travellers screened: a sustained rate per
// second and a burst. Every traveller sent in a check or a manifest counts,
// whether it is screened or refused, so that a manifest of a thousand
// travellers costs a thousand times what one check costs.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// IsZero reports whether the budget is unset.
func (l RateLimit) IsZero() bool { return l == RateLimit{} }

// String renders the budget as ParseRateLimit reads it.
func (l RateLimit) String() string {
	return strconv.FormatFloat(l.PerSecond, 'g', -1, 64) + ":" + strconv.Itoa(l.Burst)
}

// DefaultRateLimit is the budget of one token of a role that
// DefaultTokenBudgets does not name: a checkpoint lane's pace, a traveller
// every few seconds with room for a queue, far below what scraping the
// register would need.
var DefaultRateLimit = RateLimit{PerSecond: 10, Burst: 30}

// DefaultTokenBudgets are the budgets of each token, by role, when
// Server.RateLimit and Server.TokenBudgets leave them unset. A carrier or
// an officer may send a full manifest at once (the burst), then about a
// manifest every few minutes.
var DefaultTokenBudgets = map[trex.Role]RateLimit{
	trex.RoleOfficer:    {PerSecond: 5, Burst: MaxManifestTravellers},
	trex.RoleSupervisor: {PerSecond: 5, Burst: MaxManifestTravellers},
	trex.RoleCarrier:    {PerSecond: 5, Burst: MaxManifestTravellers},
}

// DefaultRoleBudgets bound all the tokens of a role together, so that many
// tokens of one role cannot add up to a harvest of the register.
var DefaultRoleBudgets = map[trex.Role]RateLimit{
	trex.RoleOfficer:    {PerSecond: 200, Burst: 20 * MaxManifestTravellers},
	trex.RoleSupervisor: {PerSecond: 20, Burst: 2 * MaxManifestTravellers},
	trex.RoleCarrier:    {PerSecond: 200, Burst: 20 * MaxManifestTravellers},
}

// ParseRateLimit reads a budget written PER_SECOND:BURST, e.g. "5:1000".
func ParseRateLimit(s string) (RateLimit, error) {
	rateText, burstText, ok := strings.Cut(strings.TrimSpace(s), ":")
	rps, err1 := strconv.ParseFloat(rateText, 64)
	burst, err2 := strconv.Atoi(burstText)
	if !ok || err1 != nil || err2 != nil || rps <= 0 || math.IsNaN(rps) || math.IsInf(rps, 0) || burst < 1 {
		return RateLimit{}, trex.Errorf(trex.EINVALID, "budget %q: want TRAVELLERS_PER_SECOND:BURST, e.g. 5:1000", s)
	}
	return RateLimit{PerSecond: rps, Burst: burst}, nil
}

// ParseRoleBudget reads ROLE=PER_SECOND:BURST, e.g. "carrier=5:1000".
func ParseRoleBudget(s string) (trex.Role, RateLimit, error) {
	name, budget, ok := strings.Cut(s, "=")
	if !ok {
		return "", RateLimit{}, trex.Errorf(trex.EINVALID, "budget %q: want ROLE=TRAVELLERS_PER_SECOND:BURST, e.g. carrier=5:1000", s)
	}
	role, err := trex.ParseRole(strings.TrimSpace(name))
	if err != nil {
		return "", RateLimit{}, err
	}
	l, err := ParseRateLimit(budget)
	return role, l, err
}

// limiters holds one token bucket per token and one per role.
type limiters struct {
	mu      sync.Mutex
	token   func(trex.Role) RateLimit
	role    func(trex.Role) (RateLimit, bool)
	byToken map[string]*rate.Limiter
	byRole  map[trex.Role]*rate.Limiter
}

// buckets returns the token's bucket and its role's (nil when the role is
// not bounded as a whole).
func (l *limiters) buckets(p *trex.Principal) (tok, role *rate.Limiter) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byToken == nil {
		l.byToken, l.byRole = map[string]*rate.Limiter{}, map[trex.Role]*rate.Limiter{}
	}
	tok = l.byToken[p.TokenID]
	if tok == nil {
		c := l.token(p.Role)
		tok = rate.NewLimiter(rate.Limit(c.PerSecond), c.Burst)
		l.byToken[p.TokenID] = tok
	}
	role = l.byRole[p.Role]
	if c, ok := l.role(p.Role); ok && role == nil {
		role = rate.NewLimiter(rate.Limit(c.PerSecond), c.Burst)
		l.byRole[p.Role] = role
	}
	return tok, role
}

// tokenBudget is the budget of one token of role.
func (s *Server) tokenBudget(role trex.Role) RateLimit {
	if l, ok := s.TokenBudgets[role]; ok {
		return l
	}
	if !s.RateLimit.IsZero() {
		return s.RateLimit
	}
	if l, ok := DefaultTokenBudgets[role]; ok {
		return l
	}
	return DefaultRateLimit
}

// roleBudget is the budget shared by all tokens of role, if any.
func (s *Server) roleBudget(role trex.Role) (RateLimit, bool) {
	if l, ok := s.RoleBudgets[role]; ok {
		return l, !l.IsZero()
	}
	l, ok := DefaultRoleBudgets[role]
	return l, ok
}

// spend takes n travellers from the caller's budgets (the token's and its
// role's), or takes nothing and refuses with ERATELIMIT, saying when to
// retry, when either cannot cover them now.
func (s *Server) spend(w http.ResponseWriter, r *http.Request, n int) error {
	p := trex.PrincipalFromContext(r.Context())
	if p == nil {
		return trex.Errorf(trex.EUNAUTHORIZED, "no caller")
	}
	tok, role := s.limiters.buckets(p)
	now := time.Now()
	var (
		delay time.Duration
		owner string
		held  []*rate.Reservation
	)
	for _, lim := range []*rate.Limiter{tok, role} {
		if lim == nil {
			continue
		}
		if n > lim.Burst() {
			cancelAll(held, now)
			return trex.Errorf(trex.ERATELIMIT, "%d travellers in one request; this %s may screen at most %d at once", n, budgetOwner(lim, role), lim.Burst())
		}
		res := lim.ReserveN(now, n)
		held = append(held, res)
		if d := res.DelayFrom(now); !res.OK() || d > delay {
			delay, owner = max(d, time.Second), budgetOwner(lim, role)
		}
	}
	if delay > 0 {
		cancelAll(held, now)
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(delay.Seconds()))))
		return trex.Errorf(trex.ERATELIMIT, "too many travellers screened with this %s; %d more can be screened in %s", owner, n, delay.Round(time.Millisecond))
	}
	return nil
}

func cancelAll(rs []*rate.Reservation, now time.Time) {
	for _, r := range rs {
		r.CancelAt(now)
	}
}

func budgetOwner(lim, role *rate.Limiter) string {
	if lim == role {
		return "role"
	}
	return "token"
}

// limit refuses a call with 429 and Retry-After, before its body is read,
// when the caller's token or role has no traveller left in its budget.
// The handler then spends one traveller per traveller it was sent.
func (s *Server) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := trex.PrincipalFromContext(r.Context())
		tok, role := s.limiters.buckets(p)
		now := time.Now()
		for _, lim := range []*rate.Limiter{tok, role} {
			if lim == nil || lim.TokensAt(now) >= 1 {
				continue
			}
			wait := time.Second
			if lim.Limit() > 0 {
				wait = time.Duration((1 - lim.TokensAt(now)) / float64(lim.Limit()) * float64(time.Second))
			}
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
			s.problem(w, r, trex.Errorf(trex.ERATELIMIT, "too many travellers screened with this %s; retry in %s", budgetOwner(lim, role), wait.Round(time.Millisecond)))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// DescribeBudgets renders the traveller budgets in force, for the log at
// start-up.
func (s *Server) DescribeBudgets() string {
	var b strings.Builder
	for _, role := range []trex.Role{trex.RoleOfficer, trex.RoleSupervisor, trex.RoleCarrier} {
		fmt.Fprintf(&b, "%s token %s", role, s.tokenBudget(role))
		if l, ok := s.roleBudget(role); ok {
			fmt.Fprintf(&b, " role %s", l)
		}
		b.WriteString("; ")
	}
	return strings.TrimSuffix(b.String(), "; ")
}
