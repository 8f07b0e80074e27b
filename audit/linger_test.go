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
