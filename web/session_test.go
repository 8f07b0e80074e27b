package web

import (
	"fmt"
	"testing"
	"time"
)

// TestSessionsAreBoundedAndExpire: signing in again and again keeps at
// most max sessions (the least recently used go), and an idle session
// ends.
func TestSessionsAreBoundedAndExpire(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	tab := newSessions(3, time.Minute, func() time.Time { return now })
	first := tab.create("t1", Principal{})
	kept := tab.create("t2", Principal{})
	for i := 0; i < 100; i++ {
		tab.get(kept.ID) // in use: stays
		tab.create(fmt.Sprint("x", i), Principal{})
	}
	if n := tab.len(); n != 3 {
		t.Errorf("%d sessions kept, bound 3", n)
	}
	if tab.get(first.ID) != nil {
		t.Error("the least recently used session survived")
	}
	if tab.get(kept.ID) == nil {
		t.Error("a session in use was evicted")
	}
	now = now.Add(2 * time.Minute)
	if tab.get(kept.ID) != nil {
		t.Error("an idle session did not expire")
	}
}

// TestSignInLimiterStaysBounded: attempts from very many addresses do not
// grow the limiter past its bound, and a limited address stays limited
// while others come and go.
func TestSignInLimiterStaysBounded(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	l := newLimiter(Limit{Every: time.Minute, Burst: 2}, 100, func() time.Time { return now })
	l.allow("victim")
	l.allow("victim")
	if ok, wait := l.allow("victim"); ok || wait <= 0 {
		t.Fatalf("third attempt allowed: %v %v", ok, wait)
	}
	for i := 0; i < 10_000; i++ {
		l.allow(fmt.Sprint("10.0.", i/256, ".", i%256))
	}
	if n := len(l.buckets); n > 100 {
		t.Errorf("%d buckets, bound 100", n)
	}
	for i := range 5 {
		if ok, _ := l.allow(fmt.Sprint("fresh", i)); !ok {
			t.Errorf("a new address is limited")
		}
	}
}
