package border_test

import (
	"context"
	"testing"
	"time"

	"trex"
)

func TestReadyFailsWhenTheDataIsStale(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	n, _ := openNode(t, t.TempDir(), func() time.Time { return now })
	ready := n.Ready(15 * time.Second)
	if err := ready(ctx); trex.ErrorCode(err) != trex.EUNAVAILABLE {
		t.Errorf("never caught up: %v, want EUNAVAILABLE", err)
	}
	n.CaughtUp(ctx, now.Add(-5*time.Second))
	if err := ready(ctx); err != nil {
		t.Errorf("caught up 5s ago: %v", err)
	}
	now = now.Add(time.Minute) // the link is cut; nothing confirms freshness
	if err := ready(ctx); trex.ErrorCode(err) != trex.EUNAVAILABLE {
		t.Errorf("data a minute old: %v, want EUNAVAILABLE", err)
	}
	// Checks still answer, saying how stale they are.
	if d, err := n.Check(ctx, traveller); err != nil || d.DataAsOf.IsZero() {
		t.Errorf("check on stale data: %+v, %v", d, err)
	}
}
