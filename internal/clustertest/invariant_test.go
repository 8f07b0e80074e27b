package clustertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/border"
	"trex/screening"
	"trex/sqlite"
	"trex/synth"
)

// TestInvariantFindsEachBreach drives a registry store and a border node
// by hand (no exchange between them) so that each breach the invariant
// must catch can be made on purpose: an acknowledged restriction the node
// lacks, a lift the node missed (so the lifted person still matches), a
// node holding a version the registry never had; and it holds once the
// node has what the registry has.
func TestInvariantFindsEachBreach(t *testing.T) {
	ctx := context.Background()
	reg, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	rep, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	node := &border.Node{ID: "b", Replica: rep, Matcher: screening.New(), Log: quiet()}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}
	ledger := NewLedger()
	iv := &Invariant{Registry: reg, Borders: []Border{NodeBorder(node)}, Ledger: ledger}
	g := synth.New(3)
	now := time.Now().UTC()
	r := &trex.Restriction{Person: g.Person(), Kind: trex.KindCourtOrder, Authority: "court", LegalBasis: "a ruling",
		ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(24 * time.Hour)}
	if err := reg.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	ledger.Ack(r)
	wantBreach(t, iv.Check(ctx), "in force at the registry, not at the node")

	apply := func(r *trex.Restriction) {
		t.Helper()
		if err := node.ApplyChange(ctx, trex.Change{Restriction: *r}); err != nil {
			t.Fatal(err)
		}
	}
	apply(r)
	if err := iv.Check(ctx); err != nil {
		t.Fatalf("the node has what the registry has: %v", err)
	}

	lifted, err := reg.LiftRestriction(ctx, r.ID, "set aside")
	if err != nil {
		t.Fatal(err)
	}
	ledger.Ack(lifted)
	err = iv.Check(ctx)
	wantBreach(t, err, "but in force at the node")
	wantBreach(t, err, "which is not in force at the registry")
	apply(lifted)
	if err := iv.Check(ctx); err != nil {
		t.Fatalf("the lift reached the node: %v", err)
	}

	forged := *r
	forged.ID, forged.Version, forged.Person = "RNOTATTHEREGISTRY", 1, g.Person()
	apply(&forged)
	wantBreach(t, iv.Check(ctx), "holds RNOTATTHEREGISTRY v1 in force")
}

func wantBreach(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("invariant said %v, want a breach %q", err, want)
	}
}

// TestLinkCutsAndRestores: a cut drops the connections through a link and
// refuses new ones; restored, connections pass again.
func TestLinkCutsAndRestores(t *testing.T) {
	c := StartCluster(t, 3)
	lf := StartLeaf(t, c, LeafConfig{Name: "site"})
	lf.Cut()
	if err := lf.WaitUnlinked(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // several reconnect attempts, all refused
	if lf.Linked() {
		t.Fatal("the leaf got through a cut link")
	}
	lf.Restore()
	if err := lf.WaitLinked(10 * time.Second); err != nil {
		t.Fatal(err)
	}
}
