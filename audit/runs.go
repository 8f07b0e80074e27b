package audit

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// A batch of appends is stored as two rows, not three per entry: its
// entries as one run (entry_runs: the index of its first entry, how many
// it holds, and the entries one after the other, each preceded by its
// length as a uvarint) and the stored hashes it adds as one run
// (hash_runs: the tlog.StoredHashIndex of its first hash, and the hashes'
// 32 bytes one after the other; tlog numbers a batch's hashes
// consecutively). A commit then writes two rows through two statements
// whatever the batch's size, and fewer pages. Reads find the run that
// covers an index: the one with the largest first index not past it.

// sizeQuery is the number of entries the runs hold.
const sizeQuery = `SELECT COALESCE((SELECT first + n FROM entry_runs ORDER BY first DESC LIMIT 1), 0)`

// appendRun appends the run encoding of entries to buf.
func appendRun(buf []byte, entries ...[]byte) []byte {
	for _, e := range entries {
		buf = binary.AppendUvarint(buf, uint64(len(e)))
		buf = append(buf, e...)
	}
	return buf
}

// splitRun decodes a run into its entries (slices of run). A run that does
// not decode (a length past its end) ends with what is left of it as one
// last entry, and ok is false: a verifier reading an untrusted copy sees
// a changed entry at that position rather than losing the rest.
func splitRun(run []byte) (entries [][]byte, ok bool) {
	for len(run) > 0 {
		n, k := binary.Uvarint(run)
		if k <= 0 || n > uint64(len(run)-k) {
			return append(entries, run), false
		}
		entries = append(entries, run[k:k+int(n)])
		run = run[k+int(n):]
	}
	return entries, true
}

// runHashes reads stored hashes from hash_runs (unless noRuns: a copy
// written before runs has no such table), keeping the run it read last (an
// inclusion or consistency proof asks for hashes that often lie in one
// run); with legacy set, a hash no run holds is looked up in the
// one-row-per-hash table of logs written before runs.
type runHashes struct {
	ctx            context.Context
	db             queryRower
	noRuns, legacy bool
	first          int64
	run            []byte
}

// dbHashes reads stored hashes from a log's own database, in runs.
func dbHashes(ctx context.Context, db queryRower) tlog.HashReader {
	return &runHashes{ctx: ctx, db: db, first: -1}
}

// ReadHashes implements tlog.HashReader.
func (r *runHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, id := range indexes {
		h, err := r.read(id)
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

func (r *runHashes) covers(id int64) bool {
	return r.first >= 0 && id >= r.first && (id-r.first) < int64(len(r.run)/tlog.HashSize)
}

func (r *runHashes) read(id int64) (tlog.Hash, error) {
	var h tlog.Hash
	if !r.noRuns && !r.covers(id) {
		var first int64
		var run []byte
		err := r.db.QueryRowContext(r.ctx, `SELECT first, data FROM hash_runs WHERE first <= ? ORDER BY first DESC LIMIT 1`, id).Scan(&first, &run)
		switch {
		case err == nil:
			if len(run)%tlog.HashSize != 0 {
				return h, fmt.Errorf("stored hashes from %d: %d bytes, not whole hashes", first, len(run))
			}
			r.first, r.run = first, run
		case !errors.Is(err, sql.ErrNoRows):
			return h, fmt.Errorf("read stored hash %d: %w", id, err)
		}
	}
	if r.covers(id) {
		k := (id - r.first) * tlog.HashSize
		copy(h[:], r.run[k:k+tlog.HashSize])
		return h, nil
	}
	if !r.legacy {
		return h, fmt.Errorf("read stored hash %d: not stored", id)
	}
	var b []byte
	if err := r.db.QueryRowContext(r.ctx, `SELECT hash FROM hashes WHERE id = ?`, id).Scan(&b); err != nil {
		return h, fmt.Errorf("read stored hash %d: %w", id, err)
	}
	if len(b) != tlog.HashSize {
		return h, fmt.Errorf("stored hash %d: %d bytes", id, len(b))
	}
	copy(h[:], b)
	return h, nil
}

// readRuns returns the entries [from, to) of a log's own database, which
// must be whole: a run whose first index, count or encoding does not
// agree with its place is reported, not skipped.
func readRuns(ctx context.Context, db *sql.DB, from, to int64) ([][]byte, error) {
	if from >= to {
		return nil, nil
	}
	var start int64
	err := db.QueryRowContext(ctx, `SELECT first FROM entry_runs WHERE first <= ? ORDER BY first DESC LIMIT 1`, from).Scan(&start)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read audit entries %d-%d: %w", from, to, err)
	}
	rows, err := db.QueryContext(ctx, `SELECT first, n, data FROM entry_runs WHERE first >= ? AND first < ? ORDER BY first`, start, to)
	if err != nil {
		return nil, fmt.Errorf("read audit entries %d-%d: %w", from, to, err)
	}
	defer rows.Close()
	var out [][]byte
	next := start
	for rows.Next() {
		var first, n int64
		var run []byte
		if err := rows.Scan(&first, &n, &run); err != nil {
			return nil, fmt.Errorf("read audit entries: %w", err)
		}
		if first != next {
			return nil, fmt.Errorf("audit log: entry %d is missing", max(next, from))
		}
		entries, ok := splitRun(run)
		if !ok || int64(len(entries)) != n {
			return nil, fmt.Errorf("audit log: the run of entries from %d is damaged", first)
		}
		for i, e := range entries {
			if idx := first + int64(i); idx >= from && idx < to {
				out = append(out, e)
			}
		}
		next = first + n
	}
	return out, rows.Err()
}

// hasTable reports whether the database holds table name.
func hasTable(ctx context.Context, db queryRower, name string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, name).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look for table %s: %w", name, err)
	}
	return n > 0, nil
}
