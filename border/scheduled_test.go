package border_test

import (
	"context"
	"testing"
	"time"

	"trex"
)

// TestScheduledRestrictionComesIntoForceByItself: a restriction whose
// valid_from is ahead reaches the node as an active change; the node
// clears the traveller until valid_from and stops them from then on, with
// no further change published, also after a restart.
func TestScheduledRestrictionComesIntoForceByItself(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	clock := func() time.Time { return now }
	dir := t.TempDir()
	n, db := openNode(t, dir, clock)
	r := restriction(1, trex.StatusActive, now.Add(72*time.Hour))
	r.ValidFrom = now.Add(time.Hour)
	if r.StatusAt(now) != trex.StatusScheduled {
		t.Fatalf("status before valid_from = %s", r.StatusAt(now))
	}
	if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
		t.Fatal(err)
	}
	if d, _ := n.Check(ctx, traveller); d.Verdict != trex.Clear {
		t.Errorf("before valid_from: %s, want clear", d.Verdict)
	}
	now = r.ValidFrom
	if d, _ := n.Check(ctx, traveller); d.Verdict != trex.Hit {
		t.Errorf("at valid_from, with no new change: %s, want hit", d.Verdict)
	}
	db.Close()
	n2, _ := openNode(t, dir, clock)
	if d, _ := n2.Check(ctx, traveller); d.Verdict != trex.Hit {
		t.Errorf("after a restart: %s, want hit", d.Verdict)
	}
}
