package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"trex"
)

// TestConcurrentChecksShareConnections: many checks recorded at once are
// all kept, on a few connections that stay open, rather than a new
// connection opened (and closed again) for most of them.
func TestConcurrentChecksShareConnections(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	const callers = 128
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- db.RecordCheck(ctx, &trex.CheckRecord{ID: fmt.Sprintf("C%03d", i), Node: "n", Officer: "o", Verdict: trex.Clear})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	recs, err := db.ChecksSince(ctx, time.Time{}, 1000)
	if err != nil || len(recs) != callers {
		t.Fatalf("%d checks recorded (%v), want %d", len(recs), err, callers)
	}
	st := db.db.Stats()
	if st.MaxIdleClosed > 0 || st.OpenConnections > 4 {
		t.Errorf("%d concurrent checks: %d connections open, %d closed for want of an idle slot; want a few kept open",
			callers, st.OpenConnections, st.MaxIdleClosed)
	}
}

// TestABadCheckRecordFailsOnlyItsCaller: a record that cannot be written
// (its ID is taken) fails its own caller; the records written in the same
// batch are kept.
func TestABadCheckRecordFailsOnlyItsCaller(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.RecordCheck(ctx, &trex.CheckRecord{ID: "CTAKEN", Node: "n", Officer: "o", Verdict: trex.Clear}); err != nil {
		t.Fatal(err)
	}
	// Queue a batch behind one being written, so that the bad record
	// shares a transaction with good ones.
	db.checks.mu.Lock()
	db.checks.writing = true
	db.checks.mu.Unlock()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		id := fmt.Sprintf("CGOOD%d", i)
		if i == 3 {
			id = "CTAKEN"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.RecordCheck(ctx, &trex.CheckRecord{ID: id, Node: "n", Officer: "o", Verdict: trex.Hit})
		}()
	}
	for {
		db.checks.mu.Lock()
		n := len(db.checks.queue)
		if n == len(errs) {
			db.checks.queue[0].turn <- struct{}{}
		}
		db.checks.mu.Unlock()
		if n == len(errs) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	wg.Wait()
	for i, err := range errs {
		if (err != nil) != (i == 3) {
			t.Errorf("record %d: %v", i, err)
		}
	}
	recs, err := db.ChecksSince(ctx, time.Time{}, 100)
	if err != nil || len(recs) != len(errs) {
		t.Errorf("%d checks kept (%v), want %d", len(recs), err, len(errs))
	}
}

// TestLargeCheckBatchIsStoredWhole: a batch written with several rows to a
// statement keeps every record, each with its own fields, whatever its
// size; a bad record among them fails the batch, and only the batch.
func TestLargeCheckBatchIsStoredWhole(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	const n = 37 // 16 + 16 + 4 + 1
	var recs []*trex.CheckRecord
	for i := range n {
		recs = append(recs, &trex.CheckRecord{ID: fmt.Sprintf("C%03d", i), Node: "n", Officer: fmt.Sprintf("o%d", i),
			Verdict: trex.Refer, RestrictionIDs: []string{fmt.Sprintf("R%d", i)}, Document: "mrz:TD3", Reason: fmt.Sprintf("r%d", i)})
	}
	if err := db.RecordChecks(ctx, recs); err != nil {
		t.Fatal(err)
	}
	got, err := db.ChecksSince(ctx, time.Time{}, 1000)
	if err != nil || len(got) != n {
		t.Fatalf("%d checks stored (%v), want %d", len(got), err, n)
	}
	byID := map[string]trex.CheckRecord{}
	for _, r := range got {
		byID[r.ID] = r
	}
	for i := range n {
		r, ok := byID[fmt.Sprintf("C%03d", i)]
		if !ok || r.Officer != fmt.Sprintf("o%d", i) || r.Reason != fmt.Sprintf("r%d", i) ||
			len(r.RestrictionIDs) != 1 || r.RestrictionIDs[0] != fmt.Sprintf("R%d", i) || r.Verdict != trex.Refer {
			t.Errorf("check %d stored as %+v", i, r)
		}
	}
	bad := []*trex.CheckRecord{{ID: "CNEW1", Node: "n", Officer: "o", Verdict: trex.Clear}, {ID: "C020", Node: "n", Officer: "o", Verdict: trex.Clear}}
	for i := range 20 {
		bad = append(bad, &trex.CheckRecord{ID: fmt.Sprintf("CX%02d", i), Node: "n", Officer: "o", Verdict: trex.Clear})
	}
	if err := db.RecordChecks(ctx, bad); err == nil {
		t.Fatal("a batch with a taken ID was stored")
	}
	if got, _ := db.ChecksSince(ctx, time.Time{}, 1000); len(got) != n {
		t.Errorf("%d checks after a refused batch, want %d", len(got), n)
	}
}
