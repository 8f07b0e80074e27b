package audit_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"trex/audit"
)

// recordingFollower keeps each call's items, and refuses the item "bad".
type recordingFollower struct {
	mu    sync.Mutex
	calls [][]any
	// finished is when the last call returned; a call takes delay.
	finished time.Time
	delay    time.Duration
}

func (f *recordingFollower) Follow(ctx context.Context, items []any) []error {
	f.mu.Lock()
	f.calls = append(f.calls, items)
	f.mu.Unlock()
	time.Sleep(f.delay)
	f.mu.Lock()
	f.finished = time.Now()
	f.mu.Unlock()
	var errs []error
	for i, it := range items {
		if it == "bad" {
			if errs == nil {
				errs = make([]error, len(items))
			}
			errs[i] = errors.New("refused")
		}
	}
	return errs
}

// TestFollowerWritesOncePerBatch: the appends committed together have
// their follower called once, with all their items, alongside their
// commit; none is answered before its item is written (the follower is
// slow here); an item the follower refuses fails its own append only.
func TestFollowerWritesOncePerBatch(t *testing.T) {
	dir := t.TempDir()
	keys, err := audit.LoadOrCreateKeys(dir, "border-f")
	if err != nil {
		t.Fatal(err)
	}
	l, err := audit.Open(audit.DBPath(dir, "border-f"), audit.Origin("border-f"), keys)
	if err != nil {
		t.Fatal(err)
	}
	// A long linger gathers every append below into one batch.
	l.Linger = 300 * time.Millisecond
	l.Start()
	defer l.Close()
	f := &recordingFollower{delay: 50 * time.Millisecond}
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	rcs := make([]audit.Receipt, n)
	answered := make([]time.Time, n)
	for i := range n {
		item := any(fmt.Sprintf("item-%d", i))
		if i == 5 {
			item = "bad"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var got []audit.Receipt
			got, errs[i] = l.AppendManyThen(context.Background(), []*audit.Entry{checkEntry(i)}, f, item)
			answered[i] = time.Now()
			if len(got) == 1 {
				rcs[i] = got[0]
			}
		}()
	}
	// A plain append in the same batch is answered without the follower.
	if _, err := l.Append(context.Background(), checkEntry(n)); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, err := range errs {
		if (err != nil) != (i == 5) {
			t.Errorf("append %d: %v", i, err)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.calls) != 1 || len(f.calls[0]) != n {
		t.Fatalf("follower calls %v, want one with %d items", f.calls, n)
	}
	for i, at := range answered {
		if at.Before(f.finished) {
			t.Errorf("append %d answered before its follower was done", i)
		}
	}
	for i := range n {
		if i != 5 && rcs[i].TreeSize != int64(n+1) {
			t.Errorf("append %d: receipt %+v", i, rcs[i].TreeSize)
		}
	}
}

// funcFollower cannot be compared with another follower.
type funcFollower func(ctx context.Context, items []any) []error

func (f funcFollower) Follow(ctx context.Context, items []any) []error { return f(ctx, items) }

// TestFollowerMustBeComparable: a follower the log cannot tell apart from
// others is refused with an error, not a panic in the committer.
func TestFollowerMustBeComparable(t *testing.T) {
	dir := t.TempDir()
	l, err := audit.OpenDir(dir, "border-g")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	f := funcFollower(func(context.Context, []any) []error { return nil })
	if _, err := l.AppendManyThen(context.Background(), []*audit.Entry{checkEntry(0)}, f, 1); err == nil {
		t.Fatal("a func follower was taken")
	}
	if _, err := l.Append(context.Background(), checkEntry(1)); err != nil {
		t.Fatalf("the log stopped: %v", err)
	}
}
