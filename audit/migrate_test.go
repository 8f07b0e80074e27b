package audit_test

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"trex/audit"
)

// legacyCopy builds a log of n entries and rewrites its database in the
// layout logs had before runs: one row per entry (entries: idx, data), one
// per stored hash (hashes: id, hash, computed here from the entries), and
// its checkpoints. It returns the directory.
func legacyCopy(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	l := mustOpen(t, dir, "border-m")
	appendN(t, l, n/2)
	appendN(t, l, n-n/2)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	path := audit.DBPath(dir, "border-m")
	src, err := audit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	entries, err := src.Entries(ctx, 0, int64(n))
	if err != nil || len(entries) != n {
		t.Fatalf("entries: %d, %v", len(entries), err)
	}
	notes, err := src.Checkpoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	src.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	file, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	db, err := file.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE entries (idx INTEGER PRIMARY KEY, data BLOB NOT NULL)`,
		`CREATE TABLE hashes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL)`,
		`CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note BLOB NOT NULL)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var tree memTree
	for i, data := range entries {
		hs, err := tlog.StoredHashes(int64(i), data, tree)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			if _, err := db.Exec(`INSERT INTO hashes (id, hash) VALUES (?, ?)`, len(tree), h[:]); err != nil {
				t.Fatal(err)
			}
			tree = append(tree, h)
		}
		if _, err := db.Exec(`INSERT INTO entries (idx, data) VALUES (?, ?)`, i, data); err != nil {
			t.Fatal(err)
		}
	}
	for _, note := range notes {
		c, err := audit.OpenCheckpoint(note, verifier(t, dir, "border-m"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO checkpoints (size, note) VALUES (?, ?)`, c.Size, note); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Commit(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// memTree is stored hashes in memory, for building a legacy copy.
type memTree []tlog.Hash

func (m memTree) ReadHashes(ids []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(ids))
	for i, id := range ids {
		out[i] = m[id]
	}
	return out, nil
}

// verifyFile verifies the log database under dir as an untrusted copy.
func verifyFile(t *testing.T, dir string) *audit.Report {
	t.Helper()
	src, err := audit.OpenFile(audit.DBPath(dir, "border-m"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	rep, err := audit.Verify(context.Background(), src, verifier(t, dir, "border-m"))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestLegacyLayoutVerifiesAsItIs: a copy of a log in the old layout (a row
// per entry and per hash), read without converting it, verifies, and a
// swap in it is named by position.
func TestLegacyLayoutVerifiesAsItIs(t *testing.T) {
	const n = 90
	dir := legacyCopy(t, n)
	if rep := verifyFile(t, dir); rep.Problem != nil || rep.Entries != n || rep.Checkpoint.Size != n {
		t.Fatalf("intact legacy copy: %+v, %d entries, checkpoint of %d", rep.Problem, rep.Entries, rep.Checkpoint.Size)
	}
	db, err := sql.Open("sqlite", audit.DBPath(dir, "border-m"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE entries SET idx = -1 WHERE idx = 12`, `UPDATE entries SET idx = 12 WHERE idx = 70`, `UPDATE entries SET idx = 70 WHERE idx = -1`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	rep := verifyFile(t, dir)
	if p := rep.Problem; p == nil || p.What != "swapped" || p.Index != 12 || p.Other != 70 {
		t.Fatalf("swap in a legacy copy: %+v", p)
	}
}

// TestLegacyLayoutIsConvertedOnOpen: opening a log in the old layout
// converts it to runs in one go: the old tables are gone, the converted
// copy verifies against the checkpoints signed before, its entries read
// back as they were, and appends go on from where it ended, proven in the
// tree that includes the old entries, across a reopen.
func TestLegacyLayoutIsConvertedOnOpen(t *testing.T) {
	const n = 2500 // more than one run of converted entries
	dir := legacyCopy(t, n)
	before, err := audit.OpenFile(audit.DBPath(dir, "border-m"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	old, err := before.Entries(ctx, 0, n)
	before.Close()
	if err != nil || len(old) != n {
		t.Fatalf("legacy entries: %d, %v", len(old), err)
	}
	l := mustOpen(t, dir, "border-m")
	db, err := sql.Open("sqlite", audit.DBPath(dir, "border-m"))
	if err != nil {
		t.Fatal(err)
	}
	var tables string
	if err := db.QueryRow(`SELECT group_concat(name, ',') FROM sqlite_master WHERE type = 'table'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if strings.Contains(","+tables+",", ",entries,") || strings.Contains(","+tables+",", ",hashes,") {
		t.Fatalf("the old tables are still there: %s", tables)
	}
	got, err := l.Entries(ctx, 0, n)
	if err != nil || len(got) != n {
		t.Fatalf("converted entries: %d, %v", len(got), err)
	}
	for i := range got {
		if string(got[i]) != string(old[i]) {
			t.Fatalf("entry %d changed in the conversion: %s, was %s", i, got[i], old[i])
		}
	}
	if some, err := l.Entries(ctx, 1023, 1026); err != nil || len(some) != 3 || string(some[0]) != string(old[1023]) || string(some[2]) != string(old[1025]) {
		t.Fatalf("entries across converted runs: %d, %v", len(some), err)
	}
	rc, err := l.Append(ctx, checkEntry(n))
	if err != nil || rc.Index != n {
		t.Fatalf("append after conversion: index %d, %v", rc.Index, err)
	}
	p, err := rc.InclusionProof()
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckRecord(p, rc.TreeSize, rc.Root, rc.Index, tlog.RecordHash(rc.Entry)); err != nil {
		t.Fatal(err)
	}
	p, err = l.InclusionProof(ctx, 7, n+1)
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckRecord(p, rc.TreeSize, rc.Root, 7, tlog.RecordHash(old[7])); err != nil {
		t.Fatalf("a converted entry in the grown tree: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if rep := verifyFile(t, dir); rep.Problem != nil || rep.Entries != n+1 || rep.Checkpoint.Size != n+1 {
		t.Fatalf("converted copy: %+v, %d entries, checkpoint of %d", rep.Problem, rep.Entries, rep.Checkpoint.Size)
	}
	l2 := mustOpen(t, dir, "border-m")
	if rc, err := l2.Append(ctx, checkEntry(n+1)); err != nil || rc.Index != n+1 {
		t.Fatalf("append after reopen: index %d, %v", rc.Index, err)
	}
}

// TestDamagedRunIsRefusedByTheLog: the log's own reads refuse a run whose
// entries do not agree with its count, rather than serve shifted entries.
func TestDamagedRunIsRefusedByTheLog(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, "border-m")
	var es []*audit.Entry
	for i := range 10 {
		es = append(es, checkEntry(i))
	}
	if _, err := l.AppendMany(context.Background(), es); err != nil {
		t.Fatal(err)
	}
	l.Close()
	db, err := sql.Open("sqlite", audit.DBPath(dir, "border-m"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE entry_runs SET n = n - 1`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	l2 := mustOpen(t, dir, "border-m")
	if got, err := l2.Entries(context.Background(), 0, 9); err == nil {
		t.Fatalf("a damaged run read as %d entries", len(got))
	}
}
