package border_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"trex"
)

// TestRedeliveryAfterCrashResendsTheReceipt: a node killed after writing a
// change to its replica and before acknowledging it is redelivered the
// change on restart. The change is refused as a replay (it is applied
// already) and the receipt that may never have left is sent again; a
// replay of an older version sends none.
func TestRedeliveryAfterCrashResendsTheReceipt(t *testing.T) {
	ctx := context.Background()
	until := time.Now().Add(24 * time.Hour)
	dir := t.TempDir()
	first, db := openNode(t, dir, time.Now)
	// The first process wrote v1 and v2 and died before any receipt left.
	for v := int64(1); v <= 2; v++ {
		r := restriction(v, trex.StatusActive, until)
		if _, err := first.Replica.ApplyRestriction(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	n, _ := openNode(t, dir, time.Now)
	var sent []trex.Receipt
	n.Receipts = func(_ context.Context, rc trex.Receipt) error {
		sent = append(sent, rc)
		return nil
	}
	if err := n.ApplyChange(ctx, trex.Change{Restriction: restriction(2, trex.StatusActive, until)}); !errors.Is(err, trex.ErrReplayed) {
		t.Fatalf("redelivered v2: err = %v, want a replay refusal", err)
	}
	if len(sent) != 1 || sent[0].RestrictionID != "R1" || sent[0].Version != 2 || sent[0].Node != "t" {
		t.Fatalf("receipts after redelivery of the held version: %+v, want one for R1 v2", sent)
	}
	if err := n.ApplyChange(ctx, trex.Change{Restriction: restriction(1, trex.StatusActive, until)}); !errors.Is(err, trex.ErrReplayed) {
		t.Fatalf("old v1: err = %v, want a replay refusal", err)
	}
	if len(sent) != 1 {
		t.Fatalf("a replay of a superseded version sent a receipt: %+v", sent)
	}
	if d, _ := n.Check(ctx, traveller); d.Verdict != trex.Hit {
		t.Fatalf("after restart: %s, want hit", d.Verdict)
	}
}
