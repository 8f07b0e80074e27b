package natsx

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"trex"
)

// freshness is an Applier that fails to apply chosen restrictions until
// told otherwise, and records what the follower says about being caught up.
type freshness struct {
	mu       sync.Mutex
	failing  map[string]bool
	applied  map[string]bool
	caughtUp time.Time
}

func (f *freshness) ApplyChange(_ context.Context, c trex.Change) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failing[c.Restriction.ID] {
		return errors.New("replica busy")
	}
	f.applied[c.Restriction.ID] = true
	return nil
}

func (f *freshness) RefuseEnvelope(context.Context, string, error) {}

func (f *freshness) CaughtUp(_ context.Context, t time.Time) {
	f.mu.Lock()
	if t.After(f.caughtUp) {
		f.caughtUp = t
	}
	f.mu.Unlock()
}

func (f *freshness) state(id string) (applied bool, caughtUp time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.applied[id], f.caughtUp
}

// TestFollowerIsNotCaughtUpWhileChangesWaitForRedelivery: a change held
// back (its key not on the node's list yet, or its apply failed) is still
// owed; the node must not claim to be caught up past it because later
// changes were applied.
func TestFollowerIsNotCaughtUpWhileChangesWaitForRedelivery(t *testing.T) {
	ctx, js := embeddedStreams(t, 60*time.Second)
	known, lagging := NewSigner("court"), NewSigner("court")
	tl := NewTrustList(TrustedKey{Authority: "court", PublicKey: known.Public()})
	app := &freshness{failing: map[string]bool{"R-BUSY": true}, applied: map[string]bool{}}
	f := &Follower{JS: js, Durable: "freshness", Trust: tl, Apply: app, Log: quietLog(),
		Heartbeat: 100 * time.Millisecond, KeyGrace: time.Minute}
	go f.Run(ctx)
	publish := func(s *Signer, id string) { publishActive(ctx, t, js, s, id, time.Now()) }
	waitApplied := func(id string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for applied, _ := app.state(id); !applied; applied, _ = app.state(id) {
			if time.Now().After(deadline) {
				t.Fatalf("%s was not applied", id)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	publish(known, "R-FIRST")
	waitApplied("R-FIRST")
	time.Sleep(300 * time.Millisecond) // a few heartbeats: caught up
	_, before := app.state("")
	if before.IsZero() {
		t.Fatal("the follower never said it was caught up with nothing outstanding")
	}

	for _, held := range []struct {
		name    string
		publish func()
		release func()
	}{
		{"key not on the list yet", func() { publish(lagging, "R-LAGGING") }, func() {
			tl.Add(TrustedKey{Authority: "court", PublicKey: lagging.Public()})
		}},
		{"apply failed", func() { publish(known, "R-BUSY") }, func() {
			app.mu.Lock()
			app.failing["R-BUSY"] = false
			app.mu.Unlock()
		}},
	} {
		t.Run(held.name, func(t *testing.T) {
			heldAt := time.Now()
			held.publish()
			after := "R-AFTER-" + held.name[:3]
			publish(known, after)
			waitApplied(after)
			time.Sleep(500 * time.Millisecond) // several heartbeats
			if _, asOf := app.state(""); asOf.After(heldAt) {
				t.Fatalf("caught up at %s while a change from %s waits for redelivery", asOf.Format(time.RFC3339Nano), heldAt.Format(time.RFC3339Nano))
			}
			held.release()
			deadline := time.Now().Add(10 * time.Second)
			for {
				if _, asOf := app.state(""); asOf.After(heldAt) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("never caught up again after the held change was applied")
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}
