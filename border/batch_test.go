package border_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"trex"
)

// TestApplyChangesKeepsVersionAndTombstoneRules: a batch applies in
// order in one go, and a version already held, an older one, or a change
// behind a tombstone is refused as a replay, as one change at a time would
// be; receipts go out together for what was applied.
func TestApplyChangesKeepsVersionAndTombstoneRules(t *testing.T) {
	ctx := context.Background()
	until := time.Now().Add(24 * time.Hour)
	n, _ := openNode(t, t.TempDir(), time.Now)
	var sent [][]trex.Receipt
	n.ReceiptBatch = func(_ context.Context, rcs []trex.Receipt) error { sent = append(sent, rcs); return nil }
	var recorded int
	n.AppliedBatch = func(_ context.Context, rs []*trex.Restriction) error { recorded += len(rs); return nil }
	other := restriction(1, trex.StatusActive, until)
	other.ID = "R2"
	tomb := restriction(3, trex.StatusPurged, until)
	tomb.Person = trex.Person{}
	late := restriction(4, trex.StatusActive, until) // after the tombstone: never resurrected
	errs := n.ApplyChanges(ctx, []trex.Change{
		{Restriction: restriction(1, trex.StatusActive, until)},
		{Restriction: other},
		{Restriction: restriction(2, trex.StatusLifted, until)},
		{Restriction: restriction(1, trex.StatusActive, until)}, // older than the lift just applied
		{Restriction: other}, // the same version again
	})
	want := []bool{false, false, false, true, true}
	for i, err := range errs {
		if replayed := errors.Is(err, trex.ErrReplayed); replayed != want[i] || (!replayed && err != nil) {
			t.Errorf("change %d: %v, want replayed=%v", i, err, want[i])
		}
	}
	if r := n.Restriction("R1"); r == nil || r.Version != 2 || r.Status != trex.StatusLifted {
		t.Errorf("R1 = %+v, want v2 lifted", r)
	}
	if d, _ := n.Check(ctx, traveller); d.Verdict != trex.Hit {
		t.Errorf("R2 is active and matches; verdict %s", d.Verdict)
	}
	if len(sent) != 1 || len(sent[0]) != 3 || recorded != 3 {
		t.Errorf("receipt batches %v, recorded %d; want one batch of the 3 applied", sent, recorded)
	}
	errs = n.ApplyChanges(ctx, []trex.Change{{Restriction: tomb}, {Restriction: late}})
	if errs[0] != nil || !errors.Is(errs[1], trex.ErrReplayed) {
		t.Errorf("tombstone then a later active version: %v", errs)
	}
	if r := n.Restriction("R1"); r != nil {
		t.Errorf("R1 after its tombstone: %+v", r)
	}
}
