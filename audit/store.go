package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"

	"golang.org/x/mod/sumdb/tlog"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// schema of a log's database: the entries as stored (their bytes are what
// the tree hashes) and the tree's stored hashes (tlog.StoredHashIndex),
// both in runs, one of each per batch (runs.go), and every checkpoint
// signed.
const schema = `
CREATE TABLE IF NOT EXISTS entry_runs (first INTEGER PRIMARY KEY, n INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS hash_runs (first INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note BLOB NOT NULL);
`

// openDB opens the log database at path: its own file, readable by its
// owner only, in WAL mode with synchronous=FULL, so that a committed
// append survives a crash of the process or the machine.
func openDB(path string) (*sql.DB, error) {
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err != nil {
		return nil, fmt.Errorf("create audit log %s: %w", path, err)
	} else {
		f.Close()
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	// Commits do not copy the write-ahead log into the database: that
	// (and its sync) would stall the batch that crosses the threshold,
	// and every caller waiting on it. The checkpointer does it in the
	// background (walCheckpoint); committed entries are durable in the
	// synced write-ahead log either way.
	q.Add("_pragma", "wal_autocheckpoint(0)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	if err := migrateLegacy(context.Background(), db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			db.Close()
			return nil, fmt.Errorf("restrict audit log file %s: %w", p, err)
		}
	}
	return db, nil
}

// statements are the committer's, prepared once: database/sql keeps each
// prepared on the connections it is used on, so a batch does not parse
// its statements again.
type statements struct {
	size, insertEntries, insertHashes *sql.Stmt
}

func prepare(ctx context.Context, db *sql.DB) (*statements, error) {
	var st statements
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&st.size, sizeQuery},
		{&st.insertEntries, `INSERT INTO entry_runs (first, n, data) VALUES (?, ?, ?)`},
		{&st.insertHashes, `INSERT INTO hash_runs (first, data) VALUES (?, ?)`},
	} {
		var err error
		if *p.stmt, err = db.PrepareContext(ctx, p.sql); err != nil {
			return nil, fmt.Errorf("prepare %q: %w", p.sql, err)
		}
	}
	return &st, nil
}

// walCheckpoint copies what the write-ahead log holds into the database,
// as far as it can without waiting for readers or blocking appends.
func walCheckpoint(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
		return fmt.Errorf("audit log: write-ahead log checkpoint: %w", err)
	}
	return nil
}

// queryRower is a database or a transaction.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// frontier lists the stored-hash indexes of the complete subtrees a tree
// of size n is made of: all that appending to it, or hashing it, needs.
func frontier(n int64) []int64 {
	var out []int64
	for l := 0; l < 63 && n>>l > 0; l++ {
		if (n>>l)&1 == 1 {
			out = append(out, tlog.StoredHashIndex(l, (n>>l)-1))
		}
	}
	return out
}

func readCheckpoints(ctx context.Context, db *sql.DB) ([][]byte, error) {
	rows, err := db.QueryContext(ctx, `SELECT note FROM checkpoints ORDER BY size`)
	if err != nil {
		return nil, fmt.Errorf("read checkpoints: %w", err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
