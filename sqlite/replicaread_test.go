package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"trex"
)

func replicaEntry(i int, status trex.Status) *trex.Restriction {
	now := time.Now().UTC()
	return &trex.Restriction{ID: fmt.Sprintf("R%05d", i), Version: 1, Status: status, Kind: trex.KindCourtOrder,
		LegalBasis: "x", Authority: "court", ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour),
		Person: trex.Person{Names: []trex.Name{{Surname: fmt.Sprintf("Surname%d", i), Given: "Given"}}}}
}

func openReplica(t *testing.T, n int) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "replica.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rs := make([]*trex.Restriction, n)
	for i := range rs {
		rs[i] = replicaEntry(i, trex.StatusActive)
	}
	if len(rs) > 0 {
		if _, err := db.ApplyRestrictions(context.Background(), rs); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// TestReplicaRestrictionByID: one entry in full by id, a tombstone as
// held, and nil (no error) for an id the replica never held; the lookup
// is by exact id, so a look-alike id finds nothing.
func TestReplicaRestrictionByID(t *testing.T) {
	ctx := context.Background()
	db := openReplica(t, 3)
	r, err := db.ReplicaRestriction(ctx, "R00001")
	if err != nil || r == nil || r.Person.Names[0].Surname != "Surname1" || r.Version != 1 {
		t.Fatalf("R00001: %+v, %v", r, err)
	}
	tomb := replicaEntry(2, trex.StatusActive).Tombstone(time.Now())
	if err := db.PurgeRestrictions(ctx, []trex.Restriction{tomb}); err != nil {
		t.Fatal(err)
	}
	if r, err := db.ReplicaRestriction(ctx, "R00002"); err != nil || r == nil || r.Status != trex.StatusPurged || len(r.Person.Names) != 0 {
		t.Errorf("purged R00002: %+v, %v", r, err)
	}
	for _, id := range []string{"R99999", "R0000１", "", "R00001 "} {
		if r, err := db.ReplicaRestriction(ctx, id); err != nil || r != nil {
			t.Errorf("%q: %+v, %v; want nothing", id, r, err)
		}
	}
}

// TestEachRestrictionParallelDeliversEveryEntryOnce: every entry reaches
// fn exactly once, from several goroutines, whatever the worker count.
func TestEachRestrictionParallelDeliversEveryEntryOnce(t *testing.T) {
	const n = 2000
	db := openReplica(t, n)
	for _, workers := range []int{0, 1, 2, 7} {
		var mu sync.Mutex
		seen := map[string]int{}
		err := db.EachRestrictionParallel(context.Background(), workers, func(r *trex.Restriction) error {
			mu.Lock()
			seen[r.ID]++
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatalf("%d workers: %v", workers, err)
		}
		if len(seen) != n {
			t.Errorf("%d workers: %d entries, want %d", workers, len(seen), n)
		}
		for id, k := range seen {
			if k != 1 {
				t.Errorf("%d workers: %s delivered %d times", workers, id, k)
			}
		}
	}
}

// TestEachRestrictionParallelStopsAtTheFirstError: an error from fn, or an
// entry that does not decode, stops the reading and comes back (no hang,
// no panic); a cancelled context does too.
func TestEachRestrictionParallelStopsAtTheFirstError(t *testing.T) {
	ctx := context.Background()
	db := openReplica(t, 3000)
	boom := errors.New("boom")
	var mu sync.Mutex
	calls := 0
	err := db.EachRestrictionParallel(ctx, 2, func(*trex.Restriction) error {
		mu.Lock()
		defer mu.Unlock()
		if calls++; calls == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("fn's error: got %v", err)
	}
	if calls >= 3000 {
		t.Errorf("fn was called %d times after it failed", calls)
	}
	if _, err := db.db.Exec(`UPDATE replica SET body = '{"id": "R00007", "version": ' WHERE id = 'R00007'`); err != nil {
		t.Fatal(err)
	}
	err = db.EachRestrictionParallel(ctx, 2, func(*trex.Restriction) error { return nil })
	if err == nil {
		t.Error("a corrupt entry was read without error")
	}
	if _, err := db.ReplicaRestriction(ctx, "R00007"); err == nil {
		t.Error("a corrupt entry was read by id without error")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.EachRestrictionParallel(cctx, 2, func(*trex.Restriction) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
}
