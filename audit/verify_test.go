package audit_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"trex/audit"
)

// tamperedCopy builds a closed log of n entries in a fresh directory, lets
// tamper change its database, and returns the verification report.
func tamperedCopy(t *testing.T, n int, tamper func(db *sql.DB) error) *audit.Report {
	t.Helper()
	dir := t.TempDir()
	l, err := audit.OpenDir(dir, "border-x")
	if err != nil {
		t.Fatal(err)
	}
	for i := range n { // in order, so that positions are known
		if _, err := l.Append(context.Background(), checkEntry(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil { // signs the last checkpoint
		t.Fatal(err)
	}
	if tamper != nil {
		db, err := sql.Open("sqlite", audit.DBPath(dir, "border-x"))
		if err != nil {
			t.Fatal(err)
		}
		if err := tamper(db); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	src, err := audit.OpenFile(audit.DBPath(dir, "border-x"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	rep, err := audit.Verify(context.Background(), src, verifier(t, dir, "border-x"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Checkpoint.Size != int64(n) {
		t.Fatalf("verified against a checkpoint of %d entries, want %d", rep.Checkpoint.Size, n)
	}
	return rep
}

// TestVerifyNamesTheFirstTamperedPosition: flipping one byte of a stored
// entry, dropping an entry (with or without renumbering the rest), or
// swapping two is found, and the report names the position.
func TestVerifyNamesTheFirstTamperedPosition(t *testing.T) {
	const n = 300
	if rep := tamperedCopy(t, n, nil); rep.Problem != nil || rep.Entries != n {
		t.Fatalf("an intact log: %+v", rep.Problem)
	}
	cases := []struct {
		name   string
		tamper func(db *sql.DB) error
		index  int64
		what   string
		other  int64
	}{
		{"flip a byte", func(db *sql.DB) error {
			var b []byte
			if err := db.QueryRow(`SELECT data FROM entries WHERE idx = 137`).Scan(&b); err != nil {
				return err
			}
			b[len(b)/2] ^= 0x01
			_, err := db.Exec(`UPDATE entries SET data = ? WHERE idx = 137`, b)
			return err
		}, 137, "changed", 0},
		{"drop an entry", func(db *sql.DB) error {
			_, err := db.Exec(`DELETE FROM entries WHERE idx = 42`)
			return err
		}, 42, "dropped", 0},
		{"drop and renumber", func(db *sql.DB) error {
			if _, err := db.Exec(`DELETE FROM entries WHERE idx = 200`); err != nil {
				return err
			}
			_, err := db.Exec(`UPDATE entries SET idx = idx - 1 WHERE idx > 200`)
			return err
		}, 200, "dropped", 0},
		{"drop the last", func(db *sql.DB) error {
			_, err := db.Exec(`DELETE FROM entries WHERE idx = 299`)
			return err
		}, 299, "missing", 0},
		{"swap two", func(db *sql.DB) error {
			return swap(db, 10, 250)
		}, 10, "swapped", 250},
		{"swap neighbours", func(db *sql.DB) error {
			return swap(db, 77, 78)
		}, 77, "swapped", 78},
		{"first entry changed", func(db *sql.DB) error {
			_, err := db.Exec(`UPDATE entries SET data = CAST(REPLACE(CAST(data AS TEXT), 'clear', 'hit') AS BLOB) WHERE idx = 0`)
			return err
		}, 0, "changed", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := tamperedCopy(t, n, c.tamper)
			p := rep.Problem
			if p == nil {
				t.Fatal("tampering not detected")
			}
			if p.Index != c.index || p.What != c.what || p.Other != c.other {
				t.Fatalf("reported %q at %d (other %d): %s; want %q at %d (other %d)", p.What, p.Index, p.Other, p.Detail, c.what, c.index, c.other)
			}
		})
	}
}

// swap exchanges the positions of entries i and j.
func swap(db *sql.DB, i, j int) error {
	for _, q := range [][2]int{{i, -1}, {j, i}, {-1, j}} {
		if _, err := db.Exec(`UPDATE entries SET idx = ? WHERE idx = ?`, q[1], q[0]); err != nil {
			return err
		}
	}
	return nil
}

// TestVerifyBoundsAChangeWhenTheTreeHashesWereRewrittenToo: a tamperer who
// changes an entry and recomputes the stored tree hashes cannot sign a
// checkpoint; the copy's own signed checkpoints bound the change.
func TestVerifyBoundsAChangeWhenTheTreeHashesWereRewrittenToo(t *testing.T) {
	dir := t.TempDir()
	keys, err := audit.LoadOrCreateKeys(dir, "border-y")
	if err != nil {
		t.Fatal(err)
	}
	l, err := audit.Open(audit.DBPath(dir, "border-y"), audit.Origin("border-y"), keys)
	if err != nil {
		t.Fatal(err)
	}
	l.Start()
	ctx := context.Background()
	for i := range 120 {
		if i%20 == 0 {
			l.Checkpoint(ctx)
		}
		l.Append(ctx, checkEntry(i))
	}
	l.Close()
	// Rebuild the same log with entry 70 changed, then put its tree
	// hashes in place of the real ones: proofs now agree with the change.
	forged := filepath.Join(t.TempDir(), "forged.db")
	other, _ := audit.NewKeys("border-y")
	f, err := audit.Open(forged, audit.Origin("border-y"), other)
	if err != nil {
		t.Fatal(err)
	}
	f.Start()
	orig, err := audit.OpenFile(audit.DBPath(dir, "border-y"))
	if err != nil {
		t.Fatal(err)
	}
	genuine, _ := orig.Entries(ctx, 0, 120)
	orig.Close()
	for i, data := range genuine {
		e, _ := audit.DecodeEntry(data)
		if i == 70 {
			e.Decision = "hit"
		}
		f.Append(ctx, e)
	}
	f.Close()
	db, err := sql.Open("sqlite", audit.DBPath(dir, "border-y"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ATTACH DATABASE '` + forged + `' AS forged`, `DELETE FROM entries`, `INSERT INTO entries SELECT * FROM forged.entries`,
		`DELETE FROM hashes`, `INSERT INTO hashes SELECT * FROM forged.hashes`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()
	src, _ := audit.OpenFile(audit.DBPath(dir, "border-y"))
	defer src.Close()

	rep, err := audit.Verify(ctx, src, verifier(t, dir, "border-y"))
	if err != nil {
		t.Fatal(err)
	}
	p := rep.Problem
	if p == nil {
		t.Fatal("rewritten entries and hashes not detected")
	}
	if p.Index > 70 || p.Other < 70 || p.Other-p.Index > 20 {
		t.Fatalf("reported %s (%d to %d); want a range of at most 20 holding 70", p.Detail, p.Index, p.Other)
	}
}
