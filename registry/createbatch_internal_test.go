package registry

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"trex"
	"trex/internal/storetest"
	"trex/sqlite"
)

// gatedStore is the real SQLite store whose batches wait for the test:
// each batch reports its size on entered and is written when the test
// sends on release.
type gatedStore struct {
	*sqlite.DB
	entered chan int
	release chan struct{}
}

func (g *gatedStore) CreateRestrictions(ctx context.Context, rs []*trex.Restriction) []error {
	g.entered <- len(rs)
	<-g.release
	return g.DB.CreateRestrictions(ctx, rs)
}

func openGated(t *testing.T) *gatedStore {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &gatedStore{DB: db, entered: make(chan int, 16), release: make(chan struct{}, 16)}
}

// batch waits until the store is given a batch and returns its size.
func (g *gatedStore) batch(t *testing.T) int {
	t.Helper()
	select {
	case n := <-g.entered:
		return n
	case <-time.After(10 * time.Second):
		t.Fatal("no batch written in 10 s: the creates are held")
		return 0
	}
}

// queued waits until n creates wait in b's queue.
func queued(t *testing.T, b *createBatcher, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		b.mu.Lock()
		got := len(b.queue)
		b.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("%d creates never queued", n)
}

// createAll starts n creates on b and returns a channel that yields each
// one's outcome.
func createAll(b *createBatcher, n int) chan error {
	out := make(chan error, n)
	for range n {
		go func() { out <- b.create(context.Background(), storetest.NewRestriction(time.Now().Add(time.Hour))) }()
	}
	return out
}

func wait(t *testing.T, errs chan error, n int) {
	t.Helper()
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// TestLoneCreatesAreNotHeld: creates made one after another (a clerk, an
// import) are each written at once, however long a busy registry would
// let a batch wait for company.
func TestLoneCreatesAreNotHeld(t *testing.T) {
	store := openGated(t)
	b := &createBatcher{store: store, writers: 1, linger: time.Hour, ready: make(chan struct{}, 1)}
	for i := range 20 {
		store.release <- struct{}{}
		errs := createAll(b, 1)
		if n := store.batch(t); n != 1 {
			t.Fatalf("create %d written in a batch of %d", i, n)
		}
		wait(t, errs, 1)
	}
}

// TestBusyBatchesWaitForCompany: once creates arrive together, a batch
// waits for as many as recent batches held to join it, instead of being
// written with the few that queued while the last one was written.
func TestBusyBatchesWaitForCompany(t *testing.T) {
	const crowd = 40
	store := openGated(t)
	b := &createBatcher{store: store, writers: 1, linger: time.Hour, ready: make(chan struct{}, 1)}
	a := createAll(b, 1)
	var sizes []int
	sizes = append(sizes, store.batch(t)) // a lone create: written at once
	many := createAll(b, crowd)
	queued(t, b, crowd)
	store.release <- struct{}{}
	wait(t, a, 1)
	sizes = append(sizes, store.batch(t)) // queued meanwhile: written next
	d := createAll(b, 1)
	queued(t, b, 1)
	store.release <- struct{}{}
	wait(t, many, crowd)
	// The registry is busy: d waits for company, and the batch is written
	// when as many wait as the last batch held.
	rest := createAll(b, crowd-1)
	sizes = append(sizes, store.batch(t))
	if want := []int{1, crowd, crowd}; !slices.Equal(sizes, want) {
		go func() { // let the rest be written, in whatever batches
			for range crowd {
				store.release <- struct{}{}
				<-store.entered
			}
		}()
		t.Fatalf("batches of %v, want %v", sizes, want)
	}
	store.release <- struct{}{}
	wait(t, d, 1)
	wait(t, rest, crowd-1)
	if st, _ := store.OutboxStats(context.Background()); st.Depth != int64(1+2*crowd) {
		t.Errorf("outbox holds %d changes, want %d", st.Depth, 1+2*crowd)
	}
}

// TestACrowdIsForgotten: after a crowd, creates made one at a time are
// soon written without waiting for company again.
func TestACrowdIsForgotten(t *testing.T) {
	b := &createBatcher{}
	b.wrote(maxCreateBatch)
	for i := 0; b.enough() > 1; i++ {
		if i == 50 {
			t.Fatalf("after a full batch and %d lone ones, a batch still waits for %d", i, b.enough())
		}
		b.wrote(1)
	}
}

// TestBatchesWrittenAtOnce: a store that takes several batches at once
// is given the next while the first is still being written.
func TestBatchesWrittenAtOnce(t *testing.T) {
	store := openGated(t)
	b := &createBatcher{store: store, writers: 2, ready: make(chan struct{}, 1)}
	first := createAll(b, 1)
	store.batch(t)
	second := createAll(b, 1)
	store.batch(t) // while the first is still held
	store.release <- struct{}{}
	store.release <- struct{}{}
	wait(t, first, 1)
	wait(t, second, 1)
}

// TestACallerGivingUpWhileItsBatchWaits: a create whose caller's context
// ends while its batch waits for company is still written, and the caller
// is told it was, so that no stored restriction is reported as failed.
func TestACallerGivingUpWhileItsBatchWaits(t *testing.T) {
	const crowd = 10
	store := openGated(t)
	b := &createBatcher{store: store, writers: 1, linger: time.Hour, ready: make(chan struct{}, 1)}
	b.wrote(crowd) // the registry is busy
	ctx, cancel := context.WithCancel(context.Background())
	r := storetest.NewRestriction(time.Now().Add(time.Hour))
	got := make(chan error, 1)
	go func() { got <- b.create(ctx, r) }()
	queued(t, b, 1)
	cancel()
	others := createAll(b, crowd-1)
	if n := store.batch(t); n != crowd {
		t.Fatalf("batch of %d, want %d", n, crowd)
	}
	store.release <- struct{}{}
	wait(t, others, crowd-1)
	if err := <-got; err != nil {
		t.Fatalf("create of a caller that gave up: %v", err)
	}
	if _, err := store.FindRestriction(context.Background(), r.ID); err != nil {
		t.Fatalf("the create was reported written but is not stored: %v", err)
	}
}
