package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"trex"
	"trex/internal/storetest"
	"trex/sqlite"
)

// MustOpenDB opens a fresh database in a temporary directory.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "trex.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestRegistryContract(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) storetest.Store { return MustOpenDB(tb) })
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trex.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := storetest.NewRestriction(time.Now().Add(time.Hour))
	if err := db.CreateRestriction(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = sqlite.Open(path) // migrations run again and must be no-ops
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.FindRestriction(context.Background(), r.ID); err != nil {
		t.Errorf("after reopening: %v", err)
	}
}

func TestReplicaAppliesOnlyNewerVersions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := storetest.NewRestriction(time.Now().Add(time.Hour))
	r.ID, r.Version, r.Status = "R1", 2, trex.StatusLifted
	if ok, err := db.ApplyRestriction(ctx, r); !ok || err != nil {
		t.Fatalf("apply v2 = %v, %v", ok, err)
	}
	old := *r
	old.Version, old.Status = 1, trex.StatusActive
	if ok, err := db.ApplyRestriction(ctx, &old); ok || err != nil {
		t.Fatalf("apply older v1 = %v, %v; want ignored", ok, err)
	}
	if ok, _ := db.ApplyRestriction(ctx, r); ok {
		t.Errorf("re-applying the same version reported a change")
	}
	var held []*trex.Restriction
	db.EachRestriction(ctx, func(r *trex.Restriction) error { held = append(held, r); return nil })
	if len(held) != 1 || held[0].Version != 2 || held[0].Status != trex.StatusLifted {
		t.Fatalf("replica holds %+v", held)
	}
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	if err := db.SetDataAsOf(ctx, at); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.DataAsOf(ctx); !got.Equal(at) {
		t.Errorf("data_as_of = %v, want %v", got, at)
	}
}
