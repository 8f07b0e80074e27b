package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"

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
type FileSource struct {
	db *sql.DB
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
	return &FileSource{db: db}, nil
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

// Entries returns the stored entries in index order, skipping none and
// renumbering none: the from-th row onwards.
func (f *FileSource) Entries(ctx context.Context, from, to int64) ([][]byte, error) {
	rows, err := f.db.QueryContext(ctx, `SELECT data FROM entries ORDER BY idx LIMIT ? OFFSET ?`, to-from, from)
	if err != nil {
		return nil, fmt.Errorf("read audit entries: %w", err)
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("read audit entries: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// InclusionProof builds a proof from the file's stored hashes.
func (f *FileSource) InclusionProof(ctx context.Context, index, size int64) (tlog.RecordProof, error) {
	return tlog.ProveRecord(size, index, dbHashes(ctx, f.db))
}

// ConsistencyProof builds a proof from the file's stored hashes.
func (f *FileSource) ConsistencyProof(ctx context.Context, old, new int64) (tlog.TreeProof, error) {
	return tlog.ProveTree(new, old, dbHashes(ctx, f.db))
}
