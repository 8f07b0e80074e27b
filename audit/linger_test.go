package audit_test

import (
	"context"
	"testing"
	"time"

	"trex/audit"
)

// TestAppendsWithinLingerShareACommit: an entry appended while a batch
// lingers joins it (one commit, one checkpoint for both), and the first
// entry waits no longer than the linger for it.
func TestAppendsWithinLingerShareACommit(t *testing.T) {
	dir := t.TempDir()
	keys, err := audit.LoadOrCreateKeys(dir, "border-l")
	if err != nil {
		t.Fatal(err)
	}
	l, err := audit.Open(audit.DBPath(dir, "border-l"), audit.Origin("border-l"), keys)
	if err != nil {
		t.Fatal(err)
	}
	l.Linger = 200 * time.Millisecond
	l.Start()
	defer l.Close()
	first := make(chan audit.Receipt, 1)
	start := time.Now()
	go func() {
		rc, err := l.Append(context.Background(), checkEntry(0))
		if err != nil {
			t.Error(err)
		}
		first <- rc
	}()
	time.Sleep(20 * time.Millisecond)
	second, err := l.Append(context.Background(), checkEntry(1))
	if err != nil {
		t.Fatal(err)
	}
	rc := <-first
	if rc.TreeSize != second.TreeSize || string(rc.Checkpoint) != string(second.Checkpoint) {
		t.Errorf("entries %d and %d committed apart (trees of %d and %d)", rc.Index, second.Index, rc.TreeSize, second.TreeSize)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("the batch waited %s", waited)
	}
}

// TestBatchGathersWhileEntriesKeepComingButNoLongerThanMaxLinger: entries
// that follow each other within Linger join one batch past the first
// Linger, and a batch stops gathering at MaxLinger however they keep
// coming; a lone entry is committed once Linger passes without another,
// not held for MaxLinger.
func TestBatchGathersWhileEntriesKeepComingButNoLongerThanMaxLinger(t *testing.T) {
	dir := t.TempDir()
	keys, err := audit.LoadOrCreateKeys(dir, "border-g")
	if err != nil {
		t.Fatal(err)
	}
	l, err := audit.Open(audit.DBPath(dir, "border-g"), audit.Origin("border-g"), keys)
	if err != nil {
		t.Fatal(err)
	}
	l.Linger, l.MaxLinger = 500*time.Millisecond, 1500*time.Millisecond
	l.Start()
	defer l.Close()
	const n = 60 // one every 50 ms: 3 s of entries, ten to a Linger
	trees := make(chan int64, n)
	for i := range n {
		go func() {
			rc, err := l.Append(context.Background(), checkEntry(i))
			if err != nil {
				t.Error(err)
			}
			trees <- rc.TreeSize
		}()
		time.Sleep(50 * time.Millisecond)
	}
	batches := map[int64]int{}
	for range n {
		batches[<-trees]++
	}
	largest := 0
	for _, k := range batches {
		largest = max(largest, k)
	}
	if len(batches) < 2 {
		t.Errorf("3 s of entries in %d batch: MaxLinger did not end it", len(batches))
	}
	if largest <= 15 {
		t.Errorf("the largest batch held %d entries (%v): a batch stopped gathering at the first Linger", largest, batches)
	}

	lone, err := audit.Open(audit.DBPath(t.TempDir(), "border-g"), audit.Origin("border-g"), keys)
	if err != nil {
		t.Fatal(err)
	}
	lone.Linger, lone.MaxLinger = 50*time.Millisecond, time.Hour
	lone.Start()
	defer lone.Close()
	start := time.Now()
	if _, err := lone.Append(context.Background(), checkEntry(n)); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited > 30*time.Second {
		t.Errorf("a lone entry waited %s", waited)
	}
}
