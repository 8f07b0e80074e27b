package registry_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trex"
	"trex/internal/storetest"
	"trex/registry"
	"trex/sqlite"
)

// countingStore is the real store, counting the batches it is given.
type countingStore struct {
	*sqlite.DB
	batches atomic.Int64
}

func (c *countingStore) CreateRestrictions(ctx context.Context, rs []*trex.Restriction) []error {
	c.batches.Add(1)
	return c.DB.CreateRestrictions(ctx, rs)
}

// TestConcurrentCreatesShareCommits: creates that arrive together are
// written in shared transactions, each caller learns its own outcome (an
// invalid create fails alone), and every stored create is in the outbox.
func TestConcurrentCreatesShareCommits(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := &countingStore{DB: db}
	svc := &registry.Service{RestrictionService: store, Relay: registry.NewRelay(db, nil, quiet())}
	const n = 400
	errs := make([]error, n)
	rs := make([]*trex.Restriction, n)
	var wg sync.WaitGroup
	for i := range n {
		rs[i] = storetest.NewRestriction(time.Now().Add(time.Hour))
		if i%40 == 3 {
			rs[i].Kind = "no-such-kind"
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = svc.CreateRestriction(context.Background(), rs[i]) }()
	}
	wg.Wait()
	stored := 0
	for i, err := range errs {
		if i%40 == 3 {
			if trex.ErrorCode(err) != trex.EINVALID {
				t.Errorf("create %d of an unknown kind: %v, want EINVALID", i, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
		if _, err := db.FindRestriction(context.Background(), rs[i].ID); err != nil {
			t.Fatalf("create %d acknowledged but not stored: %v", i, err)
		}
		stored++
	}
	if b := store.batches.Load(); b >= n {
		t.Errorf("%d creates took %d transactions: none were shared", n, b)
	}
	if st, _ := db.OutboxStats(context.Background()); st.Depth != int64(stored) {
		t.Errorf("outbox holds %d changes, want %d", st.Depth, stored)
	}
}
