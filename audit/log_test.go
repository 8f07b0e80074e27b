package audit_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"trex/audit"
)

// mustOpen opens a started log of role in a temporary directory.
func mustOpen(tb testing.TB, dir, role string) *audit.Log {
	tb.Helper()
	l, err := audit.OpenDir(dir, role)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Close() })
	return l
}

func verifier(tb testing.TB, dir, role string) note.Verifier {
	tb.Helper()
	v, err := audit.ReadVerifier(audit.PublicKeyPath(dir, role))
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func checkEntry(i int) *audit.Entry {
	return &audit.Entry{Type: audit.TypeCheck, Actor: "tok-1", Role: "officer", CheckID: fmt.Sprintf("chk-%d", i),
		Document: "mrz:TD3", Decision: "clear"}
}

func appendN(tb testing.TB, l *audit.Log, n int) []audit.Receipt {
	tb.Helper()
	var (
		wg  sync.WaitGroup
		out = make([]audit.Receipt, n)
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := l.Append(context.Background(), checkEntry(i))
			if err != nil {
				tb.Error(err)
			}
			out[i] = r
		}()
	}
	wg.Wait()
	return out
}

// TestEveryEntryIsProvenInTheSignedCheckpoint: concurrent appends get
// distinct positions, and each is proven, by inclusion proof, to be in
// the signed checkpoint; any two checkpoints are proven consistent.
func TestEveryEntryIsProvenInTheSignedCheckpoint(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, "border-a")
	v := verifier(t, dir, "border-a")
	ctx := context.Background()
	first := appendN(t, l, 37)
	msg1, err := l.Checkpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	appendN(t, l, 100)
	msg2, _ := l.Checkpoint(ctx)
	cp1, err := audit.OpenCheckpoint(msg1, v)
	if err != nil {
		t.Fatal(err)
	}
	cp2, err := audit.OpenCheckpoint(msg2, v)
	if err != nil {
		t.Fatal(err)
	}
	if cp1.Size != 37 || cp2.Size != 137 {
		t.Fatalf("checkpoint sizes %d, %d; want 37, 137", cp1.Size, cp2.Size)
	}
	seen := map[int64]bool{}
	for _, r := range first {
		if seen[r.Index] || r.Index >= r.TreeSize {
			t.Fatalf("receipt %+v: index reused or outside its tree", r)
		}
		seen[r.Index] = true
	}
	entries, err := l.Entries(ctx, 0, cp2.Size)
	if err != nil || len(entries) != 137 {
		t.Fatalf("entries: %d, %v", len(entries), err)
	}
	for i, data := range entries {
		p, err := l.InclusionProof(ctx, int64(i), cp2.Size)
		if err != nil {
			t.Fatal(err)
		}
		if err := tlog.CheckRecord(p, cp2.Size, cp2.Root, int64(i), tlog.RecordHash(data)); err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if i > 0 && tlog.CheckRecord(p, cp2.Size, cp2.Root, int64(i), tlog.RecordHash(entries[i-1])) == nil {
			t.Fatalf("entry %d's proof also proves entry %d", i, i-1)
		}
	}
	// A decision's receipt names a tree that the later checkpoint extends.
	r := first[5]
	p, err := l.ConsistencyProof(ctx, r.TreeSize, cp2.Size)
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckTree(p, cp2.Size, cp2.Root, r.TreeSize, r.Root); err != nil {
		t.Fatalf("receipt's tree is not a prefix of the checkpoint: %v", err)
	}
	p, _ = l.ConsistencyProof(ctx, cp1.Size, cp2.Size)
	if err := tlog.CheckTree(p, cp2.Size, cp2.Root, cp1.Size, cp1.Root); err != nil {
		t.Fatal(err)
	}
	if _, err := l.InclusionProof(ctx, 0, cp2.Size+1); err == nil {
		t.Fatal("a proof for a tree larger than the log was given")
	}
}

// TestReopenContinuesTheSameTree: a log reopened goes on from where it
// was, with the same key, and its checkpoints stay consistent.
func TestReopenContinuesTheSameTree(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	l, err := audit.OpenDir(dir, "registry")
	if err != nil {
		t.Fatal(err)
	}
	appendN(t, l, 21)
	msg1, _ := l.Checkpoint(ctx)
	l.Close()
	l = mustOpen(t, dir, "registry")
	if l.Size() != 21 {
		t.Fatalf("reopened size %d, want 21", l.Size())
	}
	appendN(t, l, 10)
	msg2, _ := l.Checkpoint(ctx)
	v := verifier(t, dir, "registry")
	cp1, err1 := audit.OpenCheckpoint(msg1, v)
	cp2, err2 := audit.OpenCheckpoint(msg2, v)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	p, err := l.ConsistencyProof(ctx, cp1.Size, cp2.Size)
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckTree(p, cp2.Size, cp2.Root, cp1.Size, cp1.Root); err != nil {
		t.Fatal(err)
	}
	if got := filepath.Base(audit.DBPath(dir, "registry")); got != "audit-registry.db" {
		t.Fatal(got)
	}
}

// TestCheckpointsFollowAGrowingLogWithinASecond: while entries keep
// coming, a checkpoint is signed at least every second without anyone
// asking, and the newest covers what was committed a second before.
func TestCheckpointsFollowAGrowingLogWithinASecond(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, "border-c")
	ctx := context.Background()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			l.Append(ctx, checkEntry(i))
		}
	}()
	var sizes []int64
	for range 3 {
		before := l.Size()
		time.Sleep(time.Second)
		if got := l.LatestSize(); got < before {
			t.Errorf("newest checkpoint covers %d entries; %d were committed a second before", got, before)
		}
		sizes = append(sizes, l.LatestSize())
	}
	close(stop)
	<-done
	notes, err := l.SignedCheckpoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) < 3 {
		t.Errorf("%d checkpoints signed in 3 s of appends (sizes seen %v)", len(notes), sizes)
	}
	v := verifier(t, dir, "border-c")
	for _, n := range notes {
		if _, err := audit.OpenCheckpoint(n, v); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAppendAfterCloseFails: appends racing a Close are either committed
// or refused with ErrClosed; none waits for ever.
func TestAppendAfterCloseFails(t *testing.T) {
	l, err := audit.OpenDir(t.TempDir(), "border-z")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := l.Append(context.Background(), checkEntry(i))
			if err != nil && err != audit.ErrClosed {
				t.Error(err)
			}
		}()
	}
	l.Close()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("appends racing Close did not return")
	}
	if _, err := l.Append(context.Background(), checkEntry(0)); err != audit.ErrClosed {
		t.Fatalf("append after Close: %v", err)
	}
}

// TestTwoWritersShareOneLog: a second writer on the same file (a command
// recording a token while the node runs) appends after the first one's
// entries, and the first goes on after the second's; the log verifies.
func TestTwoWritersShareOneLog(t *testing.T) {
	dir := t.TempDir()
	a := mustOpen(t, dir, "registry")
	b := mustOpen(t, dir, "registry")
	ctx := context.Background()
	seen := map[int64]bool{}
	for i := range 30 {
		l := a
		if i%3 == 2 {
			l = b
		}
		r, err := l.Append(ctx, checkEntry(i))
		if err != nil {
			t.Fatal(err)
		}
		if seen[r.Index] {
			t.Fatalf("index %d given twice", r.Index)
		}
		seen[r.Index] = true
	}
	if _, err := a.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := audit.Verify(ctx, a, verifier(t, dir, "registry"))
	if err != nil || rep.Problem != nil || rep.Checkpoint.Size != 30 {
		t.Fatalf("shared log: %v %+v", err, rep)
	}
}
