package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"

	"golang.org/x/mod/sumdb/tlog"
)

// Source is a copy of a log to verify: a database file (FileSource) or a
// node's API (Client). Nothing it returns is trusted until checked against
// a checkpoint signed with the log's key.
type Source interface {
	// Checkpoint returns the newest signed checkpoint note.
	Checkpoint(ctx context.Context) ([]byte, error)
	// Entries returns the entries from index from on, as many as the copy
	// holds up to to (exclusive), in the copy's order.
	Entries(ctx context.Context, from, to int64) ([][]byte, error)
	// InclusionProof and ConsistencyProof are the copy's proofs.
	InclusionProof(ctx context.Context, index, size int64) (tlog.RecordProof, error)
	ConsistencyProof(ctx context.Context, old, new int64) (tlog.TreeProof, error)
}

// FileSource reads a log's database file, read-only, as an untrusted copy:
// its entries in the order stored, whatever their recorded indexes say.
// It reads both layouts: the runs of entries written now and, in a copy
// not yet converted, the one-row-per-entry table written before (its
// entries first: they are the older).
type FileSource struct {
	db *sql.DB
	// legacy and runs say which layouts the file holds.
	legacy, runs bool
	mu           sync.Mutex // guards cur
	cur          *fileCursor
}

// OpenFile opens the log database at path read-only.
func OpenFile(path string) (*FileSource, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Set("mode", "ro")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	f := &FileSource{db: db}
	ctx := context.Background()
	if f.legacy, err = hasTable(ctx, db, "entries"); err == nil {
		f.runs, err = hasTable(ctx, db, "entry_runs")
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	return f, nil
}

// Close closes the file.
func (f *FileSource) Close() error { return f.db.Close() }

// Checkpoint returns the newest checkpoint the file holds.
func (f *FileSource) Checkpoint(ctx context.Context) ([]byte, error) {
	var note []byte
	err := f.db.QueryRowContext(ctx, `SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1`).Scan(&note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("audit log: no signed checkpoint")
	}
	if err != nil {
		return nil, fmt.Errorf("audit log: read checkpoint: %w", err)
	}
	return note, nil
}

// Checkpoints returns every checkpoint the file holds, oldest first.
func (f *FileSource) Checkpoints(ctx context.Context) ([][]byte, error) {
	return readCheckpoints(ctx, f.db)
}

// Entries returns the stored entries in the order stored, skipping none
// and renumbering none: the from-th onwards. Reading on from where the
// last call stopped (as Verify does) goes on from there; any other from
// reads the file again from its start.
func (f *FileSource) Entries(ctx context.Context, from, to int64) ([][]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cur == nil || from < f.cur.pos {
		f.cur = &fileCursor{}
	}
	c := f.cur
	var out [][]byte
	for c.pos < to {
		if len(c.pending) == 0 {
			more, err := c.fill(ctx, f)
			if err != nil {
				f.cur = nil
				return nil, fmt.Errorf("read audit entries: %w", err)
			}
			if !more {
				break
			}
		}
		k := int64(len(c.pending))
		if c.pos < from {
			k = min(k, from-c.pos)
		} else {
			k = min(k, to-c.pos)
			out = append(out, c.pending[:k]...)
		}
		c.pending, c.pos = c.pending[k:], c.pos+k
	}
	return out, nil
}

// InclusionProof builds a proof from the file's stored hashes.
func (f *FileSource) InclusionProof(ctx context.Context, index, size int64) (tlog.RecordProof, error) {
	return tlog.ProveRecord(size, index, f.hashes(ctx))
}

// ConsistencyProof builds a proof from the file's stored hashes.
func (f *FileSource) ConsistencyProof(ctx context.Context, old, new int64) (tlog.TreeProof, error) {
	return tlog.ProveTree(new, old, f.hashes(ctx))
}

// hashes reads the file's stored hashes, in whichever layout it holds.
func (f *FileSource) hashes(ctx context.Context) tlog.HashReader {
	return &runHashes{ctx: ctx, db: f.db, noRuns: !f.runs, legacy: f.legacy, first: -1}
}

// fileCursor is where a FileSource's reading stopped: pos is the position
// of pending's first entry; the rest of the file follows the last row
// read, of the old layout's table until it is done, then of the runs.
type fileCursor struct {
	pos     int64
	pending [][]byte
	// legacyAfter and runAfter are the keys of the last rows read
	// (idx, first), valid once legacyRead and runRead.
	legacyAfter, runAfter int64
	legacyRead, runRead   bool
	legacyDone, runsDone  bool
}

// fileRows is how many rows of either layout a cursor reads at a time.
const fileRows = 256

// fill reads the next rows into pending; more is false at the end.
func (c *fileCursor) fill(ctx context.Context, f *FileSource) (more bool, err error) {
	if f.legacy && !c.legacyDone {
		q, args := `SELECT idx, data FROM entries ORDER BY idx LIMIT ?`, []any{fileRows}
		if c.legacyRead {
			q, args = `SELECT idx, data FROM entries WHERE idx > ? ORDER BY idx LIMIT ?`, []any{c.legacyAfter, fileRows}
		}
		n, err := c.read(ctx, f.db, q, args, false)
		if err != nil || n > 0 {
			return n > 0, err
		}
		c.legacyDone = true
	}
	if !f.runs || c.runsDone {
		return false, nil
	}
	q, args := `SELECT first, data FROM entry_runs ORDER BY first LIMIT ?`, []any{fileRows / 32}
	if c.runRead {
		q, args = `SELECT first, data FROM entry_runs WHERE first > ? ORDER BY first LIMIT ?`, []any{c.runAfter, fileRows / 32}
	}
	n, err := c.read(ctx, f.db, q, args, true)
	if n == 0 {
		c.runsDone = true
	}
	return n > 0, err
}

// read runs q, which selects (key, data) rows, and appends their entries
// to pending: data is a run of entries when runs is set, else one entry.
func (c *fileCursor) read(ctx context.Context, db *sql.DB, q string, args []any, runs bool) (int, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var key int64
		var data []byte
		if err := rows.Scan(&key, &data); err != nil {
			return n, err
		}
		n++
		if runs {
			entries, _ := splitRun(data)
			c.pending = append(c.pending, entries...)
			c.runAfter, c.runRead = key, true
		} else {
			c.pending = append(c.pending, data)
			c.legacyAfter, c.legacyRead = key, true
		}
	}
	return n, rows.Err()
}
