package audit_test

import (
	"context"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"trex/audit"
)

// TestLargeBatchIsStoredWhole: a batch whose rows take every size of
// multi-row insert (and then some) is stored whole and in order: its
// entries read back from the file as appended, the file's copy verifies
// against the signed checkpoint, and each entry is proven in it from the
// stored hashes, across a reopen.
func TestLargeBatchIsStoredWhole(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	l := mustOpen(t, dir, "border-b")
	v := verifier(t, dir, "border-b")
	appendN(t, l, 3) // the batch starts inside the tree, not at its edge
	const n = 64 + 2*16 + 3*4 + 3 + 64
	batch := make([]*audit.Entry, n)
	for i := range batch {
		batch[i] = checkEntry(100 + i)
	}
	rcs, err := l.AppendMany(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	src, err := audit.OpenFile(audit.DBPath(dir, "border-b"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	rep, err := audit.Verify(ctx, src, v)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Problem != nil || rep.Entries != 3+n || rep.Checkpoint.Size != 3+n {
		t.Fatalf("verify: %+v, %d entries, checkpoint of %d; want %d intact", rep.Problem, rep.Entries, rep.Checkpoint.Size, 3+n)
	}
	stored, err := src.Entries(ctx, 3, 3+n)
	if err != nil || len(stored) != n {
		t.Fatalf("entries: %d, %v", len(stored), err)
	}
	for i, rc := range rcs {
		if rc.Index != int64(3+i) || string(stored[i]) != string(rc.Entry) {
			t.Fatalf("entry %d stored as %d: %s, want %s", i, rc.Index, stored[i], rc.Entry)
		}
		p, err := src.InclusionProof(ctx, rc.Index, rep.Checkpoint.Size)
		if err != nil {
			t.Fatal(err)
		}
		if err := tlog.CheckRecord(p, rep.Checkpoint.Size, rep.Checkpoint.Root, rc.Index, tlog.RecordHash(rc.Entry)); err != nil {
			t.Fatalf("entry %d: %v", rc.Index, err)
		}
	}
	l2 := mustOpen(t, dir, "border-b")
	rc, err := l2.Append(ctx, checkEntry(1000))
	if err != nil || rc.Index != 3+n {
		t.Fatalf("append after reopen: index %d, %v", rc.Index, err)
	}
}
