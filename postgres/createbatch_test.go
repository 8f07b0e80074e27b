package postgres_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"trex"
	"trex/internal/storetest"
	"trex/registry"
)

// TestConcurrentCreatesThroughTheRegistry: many clerks creating at once
// through the registry's group commit, which gives PostgreSQL several
// batches at a time: each learns its own outcome (an invalid create fails
// alone), every acknowledged create is stored with its identifier key and
// its one outbox entry, and nothing else is.
func TestConcurrentCreatesThroughTheRegistry(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	svc := &registry.Service{RestrictionService: db, Relay: registry.NewRelay(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))}
	const n = 600
	rs := make([]*trex.Restriction, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		rs[i] = storetest.NewRestriction(time.Now().Add(time.Hour))
		rs[i].Person.Identifiers = []trex.Identifier{{Kind: "national_id", Country: "RU", Value: fmt.Sprintf("4509 %06d", i)}}
		if i%37 == 5 {
			rs[i].LegalBasis = "" // invalid
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = svc.CreateRestriction(ctx, rs[i]) }()
	}
	wg.Wait()
	stored := map[string]bool{}
	for i, err := range errs {
		if i%37 == 5 {
			if trex.ErrorCode(err) != trex.EINVALID {
				t.Errorf("create %d without a legal basis: %v, want EINVALID", i, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
		if _, err := db.FindRestriction(ctx, rs[i].ID); err != nil {
			t.Fatalf("create %d acknowledged but not stored: %v", i, err)
		}
		key := rs[i].Person.Identifiers[0].Key()
		if got, err := db.RestrictionsOf(ctx, key); err != nil || len(got) != 1 || got[0].ID != rs[i].ID {
			t.Fatalf("create %d by its identifier %s: %+v, %v", i, key, got, err)
		}
		stored[rs[i].ID] = true
	}
	pending, err := db.PendingChanges(ctx, 2*n)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != len(stored) {
		t.Fatalf("%d changes in the outbox, want %d", len(pending), len(stored))
	}
	for _, c := range pending {
		if !stored[c.Restriction.ID] || c.Restriction.Version != 1 {
			t.Fatalf("outbox holds %s v%d, not one acknowledged create", c.Restriction.ID, c.Restriction.Version)
		}
		delete(stored, c.Restriction.ID) // once each
	}
}
