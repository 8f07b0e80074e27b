package web

import (
	"strconv"
	"sync"
	"time"
)

// Limit is a token bucket: Burst attempts at once, then one per Every.
type Limit struct {
	Every time.Duration
	Burst int
}

// DefaultSignInLimit allows a client address 10 sign-in attempts at once,
// then one every 6 seconds.
var DefaultSignInLimit = Limit{Every: 6 * time.Second, Burst: 10}

// limiter keeps a bucket per key, at most max keys; when full it forgets
// the buckets that have refilled and, failing that, all of them, so that
// many addresses cannot grow it without bound.
type limiter struct {
	mu      sync.Mutex
	lim     Limit
	max     int
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(l Limit, max int, now func() time.Time) *limiter {
	if l.Burst < 1 {
		l.Burst = 1
	}
	return &limiter{lim: l, max: max, now: now, buckets: map[string]*bucket{}}
}

// allow takes one attempt from key's bucket, and reports how long to wait
// when there is none.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.max {
			l.sweep(now)
		}
		b = &bucket{tokens: float64(l.lim.Burst), at: now}
		l.buckets[key] = b
	}
	b.tokens = min(float64(l.lim.Burst), b.tokens+float64(now.Sub(b.at))/float64(l.lim.Every))
	b.at = now
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) * float64(l.lim.Every))
	}
	b.tokens--
	return true, 0
}

// sweep forgets full buckets, or every bucket if none is full.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+float64(now.Sub(b.at))/float64(l.lim.Every) >= float64(l.lim.Burst) {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= l.max {
		clear(l.buckets)
	}
}

// strconvItoa formats n in decimal.
func strconvItoa(n int64) string { return strconv.FormatInt(n, 10) }
