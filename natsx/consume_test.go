package natsx

import (
	"context"
	"errors"
	"io"
	"log/slog"
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
	srv, err := RunEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	nc, js, err := Connect(srv.URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := EnsureStreams(ctx, js); err != nil {
		t.Fatal(err)
	}
	late, never := NewSigner("court"), NewSigner("court")
	tl := NewTrustList()
	rec := &recorder{applied: map[string]int64{}}
	f := &Follower{JS: js, Durable: "lagging", Trust: tl, Apply: rec, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), KeyGrace: 3 * time.Second}
	go f.Run(ctx)

	publish := func(s *Signer, id string) {
		c := trex.Change{Restriction: trex.Restriction{ID: id, Authority: "court", Version: 1, Status: trex.StatusActive}}
		data, err := s.Seal(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := PublishRaw(ctx, js, "court", id, id, data); err != nil {
			t.Fatal(err)
		}
	}
	publish(late, "R-LATE")
	publish(never, "R-NEVER")
	time.Sleep(time.Second)
	if applied, refused := rec.state(); len(applied) != 0 || len(refused) != 0 {
		t.Fatalf("within the grace: applied %v, refused %v; want both held back", applied, refused)
	}
	tl.Add(TrustedKey{Authority: "court", PublicKey: late.Public()})
	deadline := time.Now().Add(10 * time.Second)
	for {
		applied, refused := rec.state()
		if applied["R-LATE"] == 1 && len(refused) == 1 {
			if !errors.Is(refused[0], ErrUnknownKey) {
				t.Errorf("refused for %v, want %v", refused[0], ErrUnknownKey)
			}
			if _, ok := applied["R-NEVER"]; ok {
				t.Error("a change signed by a key never trusted was applied")
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("applied %v, refused %v; want R-LATE applied and R-NEVER refused", applied, refused)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
