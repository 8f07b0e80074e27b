package border_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"trex"
)

// TestNodePurgesEndedRestrictionsAfterRetention: on its own clock, with
// nothing from the registry, a node purges a restriction that expired and
// one that was lifted once its retention has run (and not one still in
// force, nor one that ended recently); each purge is recorded; the
// replica keeps a tombstone that a late change of the restriction cannot
// overwrite, so the person does not come back, also after a restart; and
// the registry's own tombstone still applies.
func TestNodePurgesEndedRestrictionsAfterRetention(t *testing.T) {
	ctx := context.Background()
	start := time.Now()
	now := start
	clock := func() time.Time { return now }
	dir := t.TempDir()
	n, db := openNode(t, dir, clock)
	n.Retention = 10 * 24 * time.Hour
	var recorded []string
	n.Purged = func(_ context.Context, tb *trex.Restriction) error {
		recorded = append(recorded, tb.ID)
		return nil
	}
	expiring := restriction(1, trex.StatusActive, start.Add(time.Hour))
	expiring.ID = "R-EXPIRING"
	lifted := restriction(2, trex.StatusLifted, start.Add(100*24*time.Hour))
	lifted.ID, lifted.UpdatedAt = "R-LIFTED", start
	recent := restriction(2, trex.StatusLifted, start.Add(100*24*time.Hour))
	recent.ID, recent.UpdatedAt = "R-RECENT", start.Add(5*24*time.Hour)
	inForce := restriction(1, trex.StatusActive, start.Add(100*24*time.Hour))
	inForce.ID = "R-IN-FORCE"
	for _, r := range []trex.Restriction{expiring, lifted, recent, inForce} {
		if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
			t.Fatal(err)
		}
	}
	if k, err := n.Purge(ctx); err != nil || k != 0 {
		t.Fatalf("purged %d, %v before any retention ran", k, err)
	}
	now = start.Add(11 * 24 * time.Hour)
	k, err := n.Purge(ctx)
	if err != nil || k != 2 || len(recorded) != 2 {
		t.Fatalf("purged %d (recorded %v), %v; want the expired and the long-lifted one", k, recorded, err)
	}
	for _, id := range []string{expiring.ID, lifted.ID} {
		if n.Restriction(id) != nil {
			t.Errorf("%s still in the node's map", id)
		}
	}
	for _, id := range []string{recent.ID, inForce.ID} {
		if n.Restriction(id) == nil {
			t.Errorf("%s purged before its time", id)
		}
	}
	if got := n.Stats().Indexed; got != 1 {
		t.Errorf("index holds %d, want only the restriction in force", got)
	}
	// A late change of a purged restriction, with its person, is refused.
	late := expiring
	late.Version, late.Status = 2, trex.StatusExpired
	if err := n.ApplyChange(ctx, trex.Change{Restriction: late}); !errors.Is(err, trex.ErrReplayed) {
		t.Errorf("a late change after the purge: %v, want it refused", err)
	}
	err = db.EachRestriction(ctx, func(r *trex.Restriction) error {
		if (r.ID == expiring.ID || r.ID == lifted.ID) && (r.Status != trex.StatusPurged || len(r.Person.Names) != 0 || r.LegalBasis != "") {
			t.Errorf("replica holds %+v", r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	n2, _ := openNode(t, dir, clock)
	if n2.Restriction(expiring.ID) != nil || n2.Restriction(lifted.ID) != nil || n2.Stats().Restrictions != 2 {
		t.Errorf("after a restart the node holds %d restrictions", n2.Stats().Restrictions)
	}
	// The registry's tombstone, a version later, still applies.
	tomb := expiring.Tombstone(now)
	tomb.Version = 3
	if err := n2.ApplyChange(ctx, trex.Change{Restriction: tomb}); err != nil {
		t.Errorf("the registry's tombstone: %v", err)
	}
}
