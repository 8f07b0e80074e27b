package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"trex"
)

// TestReplicaTagCountsEveryStoredChange: the tag moves with every change
// the replica stores (one by one, in a batch, a purge), not with a replay,
// and two replicas do not share an epoch.
func TestReplicaTagCountsEveryStoredChange(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tag := func() trex.ReplicaTag {
		t.Helper()
		g, err := db.ReplicaTag(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	t0 := tag()
	if t0.Changes != 0 || t0.Rows != 0 {
		t.Fatalf("new replica: %+v", t0)
	}
	now := time.Now().UTC()
	r := trex.Restriction{ID: "R1", Version: 1, Status: trex.StatusActive, ValidFrom: now, ValidUntil: now.Add(time.Hour),
		Person: trex.Person{Names: []trex.Name{{Surname: "Doe", Given: "Jan"}}}}
	if ok, err := db.ApplyRestriction(ctx, &r); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if g := tag(); g.Changes != 1 || g.Rows != 1 || g.Epoch != t0.Epoch {
		t.Fatalf("after one change: %+v", g)
	}
	if ok, _ := db.ApplyRestriction(ctx, &r); ok {
		t.Fatal("a replay was stored")
	}
	if g := tag(); g.Changes != 1 {
		t.Fatalf("a replay moved the tag: %+v", g)
	}
	r2, r3 := r, r
	r2.Version, r3.ID = 2, "R2"
	if _, err := db.ApplyRestrictions(ctx, []*trex.Restriction{&r2, &r3}); err != nil {
		t.Fatal(err)
	}
	if g := tag(); g.Changes != 3 || g.Rows != 2 {
		t.Fatalf("after a batch of two: %+v", g)
	}
	if err := db.PurgeRestrictions(ctx, []trex.Restriction{r3.Tombstone(now)}); err != nil {
		t.Fatal(err)
	}
	if g := tag(); g.Changes != 4 || g.Rows != 2 {
		t.Fatalf("after a purge: %+v", g)
	}
	other, err := Open(filepath.Join(t.TempDir(), "o.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if g, _ := other.ReplicaTag(ctx); g.Epoch == t0.Epoch {
		t.Fatal("two replicas share an epoch")
	}
}
