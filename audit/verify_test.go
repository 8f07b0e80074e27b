package audit_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"testing"

	"trex/audit"
)

// tamperedCopy builds a closed log of n entries in a fresh directory,
// appended in batches of batch entries (so that each batch is one run of
// entries in the file), lets tamper change its database, and returns the
// verification report.
func tamperedCopy(t *testing.T, n, batch int, tamper func(db *sql.DB) error) *audit.Report {
	t.Helper()
	dir := t.TempDir()
	l, err := audit.OpenDir(dir, "border-x")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i += batch { // in order, so that positions are known
		var es []*audit.Entry
		for j := i; j < min(i+batch, n); j++ {
			es = append(es, checkEntry(j))
		}
		if _, err := l.AppendMany(context.Background(), es); err != nil {
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

// storedRun is a run of entries as a tamperer finds it in the file: the
// index of its first entry and its entries, decoded from their
// length-prefixed form.
type storedRun struct {
	first   int64
	entries [][]byte
}

// editRuns reads every run of entries of db, lets edit change them (their
// entries, or the index they say they start at), and writes them back,
// each run as its length-prefixed entries, as the log writes them.
func editRuns(db *sql.DB, edit func(runs []storedRun)) error {
	rows, err := db.Query(`SELECT first, data FROM entry_runs ORDER BY first`)
	if err != nil {
		return err
	}
	var runs []storedRun
	for rows.Next() {
		var r storedRun
		var data []byte
		if err := rows.Scan(&r.first, &data); err != nil {
			return err
		}
		for len(data) > 0 {
			n, k := binary.Uvarint(data)
			if k <= 0 || n > uint64(len(data)-k) {
				return fmt.Errorf("run from %d does not decode", r.first)
			}
			r.entries = append(r.entries, data[k:k+int(n)])
			data = data[k+int(n):]
		}
		runs = append(runs, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	edit(runs)
	if _, err := db.Exec(`DELETE FROM entry_runs`); err != nil {
		return err
	}
	for _, r := range runs {
		var data []byte
		for _, e := range r.entries {
			data = binary.AppendUvarint(data, uint64(len(e)))
			data = append(data, e...)
		}
		if _, err := db.Exec(`INSERT INTO entry_runs (first, n, data) VALUES (?, ?, ?)`, r.first, len(r.entries), data); err != nil {
			return err
		}
	}
	return nil
}

// at finds the run holding entry i and its place in it.
func at(runs []storedRun, i int64) (r, k int) {
	for r = len(runs) - 1; r > 0 && runs[r].first > i; r-- {
	}
	return r, int(i - runs[r].first)
}

// TestVerifyNamesTheFirstTamperedPosition: flipping one byte of a stored
// entry, dropping an entry (with or without renumbering the rest), or
// swapping two, inside one batch's run of entries or across runs, is
// found, and the report names the position.
func TestVerifyNamesTheFirstTamperedPosition(t *testing.T) {
	const n, batch = 300, 50
	if rep := tamperedCopy(t, n, batch, nil); rep.Problem != nil || rep.Entries != n {
		t.Fatalf("an intact log: %+v", rep.Problem)
	}
	swapAt := func(i, j int64) func(db *sql.DB) error {
		return func(db *sql.DB) error {
			return editRuns(db, func(runs []storedRun) {
				ri, ki := at(runs, i)
				rj, kj := at(runs, j)
				runs[ri].entries[ki], runs[rj].entries[kj] = runs[rj].entries[kj], runs[ri].entries[ki]
			})
		}
	}
	dropAt := func(i int64, renumber bool) func(db *sql.DB) error {
		return func(db *sql.DB) error {
			return editRuns(db, func(runs []storedRun) {
				r, k := at(runs, i)
				runs[r].entries = append(runs[r].entries[:k:k], runs[r].entries[k+1:]...)
				for q := r + 1; renumber && q < len(runs); q++ {
					runs[q].first--
				}
			})
		}
	}
	cases := []struct {
		name   string
		tamper func(db *sql.DB) error
		index  int64
		what   string
		other  int64
	}{
		{"flip a byte inside a run", func(db *sql.DB) error {
			return editRuns(db, func(runs []storedRun) {
				r, k := at(runs, 137)
				e := bytes.Clone(runs[r].entries[k])
				e[len(e)/2] ^= 0x01
				runs[r].entries[k] = e
			})
		}, 137, "changed", 0},
		{"flip a byte of a run's length prefix", func(db *sql.DB) error {
			var data []byte
			if err := db.QueryRow(`SELECT data FROM entry_runs WHERE first = 100`).Scan(&data); err != nil {
				return err
			}
			// Entry 100's length, the run's first byte, made one shorter:
			// entry 100 loses its last byte and the rest of the run is
			// read out of step.
			data[0]--
			_, err := db.Exec(`UPDATE entry_runs SET data = ? WHERE first = 100`, data)
			return err
		}, 100, "changed", 0},
		{"cut a run short", func(db *sql.DB) error {
			var data []byte
			if err := db.QueryRow(`SELECT data FROM entry_runs WHERE first = 150`).Scan(&data); err != nil {
				return err
			}
			_, err := db.Exec(`UPDATE entry_runs SET data = ? WHERE first = 150`, data[:len(data)-3])
			return err
		}, 199, "changed", 0},
		{"drop an entry inside a run", dropAt(42, false), 42, "dropped", 0},
		{"drop the first entry of a run", dropAt(100, false), 100, "dropped", 0},
		{"drop and renumber", dropAt(205, true), 205, "dropped", 0},
		{"drop a whole run", func(db *sql.DB) error {
			_, err := db.Exec(`DELETE FROM entry_runs WHERE first = 50`)
			return err
		}, 50, "changed", 0},
		{"drop the last", dropAt(299, false), 299, "missing", 0},
		{"swap across runs", swapAt(10, 250), 10, "swapped", 250},
		{"swap inside one run", swapAt(101, 148), 101, "swapped", 148},
		{"swap neighbours", swapAt(77, 78), 77, "swapped", 78},
		{"swap the runs' order", func(db *sql.DB) error {
			for _, q := range []string{`UPDATE entry_runs SET first = -1 WHERE first = 100`,
				`UPDATE entry_runs SET first = 100 WHERE first = 150`, `UPDATE entry_runs SET first = 150 WHERE first = -1`} {
				if _, err := db.Exec(q); err != nil {
					return err
				}
			}
			return nil
		}, 100, "swapped", 150},
		{"first entry changed", func(db *sql.DB) error {
			return editRuns(db, func(runs []storedRun) {
				runs[0].entries[0] = bytes.Replace(runs[0].entries[0], []byte("clear"), []byte("hit"), 1)
			})
		}, 0, "changed", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := tamperedCopy(t, n, batch, c.tamper)
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
	for _, q := range []string{`ATTACH DATABASE '` + forged + `' AS forged`, `DELETE FROM entry_runs`, `INSERT INTO entry_runs SELECT * FROM forged.entry_runs`,
		`DELETE FROM hash_runs`, `INSERT INTO hash_runs SELECT * FROM forged.hash_runs`} {
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
