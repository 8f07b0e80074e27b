package natsx

import (
	"context"
	"sync"
	"testing"
	"time"

	"trex"
)

// recorder is an Applier that records what it is told.
type recorder struct {
	mu      sync.Mutex
	applied map[string]int64
	refused []error
}

func (r *recorder) ApplyChange(_ context.Context, c trex.Change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.applied[c.Restriction.ID] >= c.Restriction.Version {
		return ErrReplayed
	}
	r.applied[c.Restriction.ID] = c.Restriction.Version
	return nil
}

func (r *recorder) RefuseEnvelope(_ context.Context, _ string, reason error) {
	r.mu.Lock()
	r.refused = append(r.refused, reason)
	r.mu.Unlock()
}

func (r *recorder) CaughtUp(context.Context, time.Time) {}

func (r *recorder) state() (map[string]int64, []error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a := map[string]int64{}
	for k, v := range r.applied {
		a[k] = v
	}
	return a, append([]error(nil), r.refused...)
}

// TestFollowerWaitsForALaggingTrustList publishes a change signed by a key
// the node learns of only a second later: with a grace period it is
// applied, not lost; a key that never arrives is refused once the grace
// has passed.
func TestFollowerWaitsForALaggingTrustList(t *testing.T) {
	ctx, js := embeddedStreams(t, 30*time.Second)
	late, never := NewSigner("court"), NewSigner("court")
	tl := NewTrustList()
	rec := &recorder{applied: map[string]int64{}}
	f := &Follower{JS: js, Durable: "lagging", Trust: tl, Apply: rec, Log: quietLog(), KeyGrace: 3 * time.Second}
	go f.Run(ctx)

	publishActive(ctx, t, js, late, "R-LATE", time.Now())
	publishActive(ctx, t, js, never, "R-NEVER", time.Now())
	time.Sleep(time.Second)
	if applied, refused := rec.state(); len(applied) != 0 || len(refused) != 0 {
		t.Fatalf("within the grace: applied %v, refused %v; want both held back", applied, refused)
	}
	tl.Add(TrustedKey{Authority: "court", PublicKey: late.Public()})
	waitAppliedAndRefused(t, rec, "R-LATE", "R-NEVER", ErrUnknownKey)
}
