package audit

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// checkpointLoop signs a checkpoint every Interval while the log grows,
// and a last one when the log closes; and copies the write-ahead log into
// the database, which commits leave to it.
func (l *Log) checkpointLoop() {
	defer l.wg.Done()
	t := time.NewTicker(l.Interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-l.kick:
		case <-l.stop:
			<-l.committed
			l.Checkpoint(context.Background())
			walCheckpoint(context.Background(), l.db)
			return
		}
		l.Checkpoint(context.Background())
		walCheckpoint(context.Background(), l.db)
	}
}

// Checkpoint signs a checkpoint of the committed tree now, unless the
// newest one already covers it, stores it, and returns the newest signed
// note.
func (l *Log) Checkpoint(ctx context.Context) ([]byte, error) {
	l.signMu.Lock()
	defer l.signMu.Unlock()
	l.mu.Lock()
	size, root := l.size, l.root
	l.mu.Unlock()
	// Another process may have appended since this one last wrote.
	var stored int64
	if err := l.db.QueryRowContext(ctx, sizeQuery).Scan(&stored); err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	if stored > size {
		r, err := tlog.TreeHash(stored, dbHashes(ctx, l.db))
		if err != nil {
			return nil, fmt.Errorf("checkpoint: %w", err)
		}
		size, root = stored, r
	}
	if l.latest == nil || size > l.latestSize {
		msg, err := Checkpoint{Origin: l.Origin, Size: size, Root: root}.Sign(l.Keys.Signer)
		if err != nil {
			return nil, err
		}
		l.latest, l.latestSize, l.unstored = msg, size, true
	}
	// The newest checkpoint may be one signed for a batch of appends:
	// store it, rather than signing the same tree again.
	if l.unstored {
		if _, err := l.db.ExecContext(ctx, `INSERT OR REPLACE INTO checkpoints (size, note) VALUES (?, ?)`, l.latestSize, l.latest); err != nil {
			return nil, fmt.Errorf("store checkpoint %d: %w", l.latestSize, err)
		}
		l.unstored = false
		if l.OnCheckpoint != nil {
			l.OnCheckpoint(l.latestSize)
		}
	}
	return l.latest, nil
}

// Latest returns the newest signed checkpoint note without signing one.
func (l *Log) Latest() []byte {
	l.signMu.Lock()
	defer l.signMu.Unlock()
	return l.latest
}

// Entries returns the stored bytes of entries [from, to).
func (l *Log) Entries(ctx context.Context, from, to int64) ([][]byte, error) {
	return readRuns(ctx, l.db, from, to)
}

// checkSize refuses a tree size the log has not committed.
func (l *Log) checkSize(size int64) error {
	if cur := l.Size(); size < 0 || size > cur {
		return fmt.Errorf("tree size %d: the log has %d entries", size, cur)
	}
	return nil
}

// RootAt returns the tree hash of the first size entries.
func (l *Log) RootAt(ctx context.Context, size int64) (tlog.Hash, error) {
	if err := l.checkSize(size); err != nil {
		return tlog.Hash{}, err
	}
	return tlog.TreeHash(size, dbHashes(ctx, l.db))
}

// InclusionProof proves that entry index is in the tree of size entries.
func (l *Log) InclusionProof(ctx context.Context, index, size int64) (tlog.RecordProof, error) {
	if err := l.checkSize(size); err != nil {
		return nil, err
	}
	if index < 0 || index >= size {
		return nil, fmt.Errorf("index %d: not in a tree of %d entries", index, size)
	}
	return tlog.ProveRecord(size, index, dbHashes(ctx, l.db))
}

// ConsistencyProof proves that the tree of old entries is a prefix of the
// tree of size new.
func (l *Log) ConsistencyProof(ctx context.Context, old, new int64) (tlog.TreeProof, error) {
	if err := l.checkSize(new); err != nil {
		return nil, err
	}
	if old < 1 || old > new {
		return nil, fmt.Errorf("old size %d: want 1 to %d", old, new)
	}
	return tlog.ProveTree(new, old, dbHashes(ctx, l.db))
}

// SignedCheckpoints returns every checkpoint the log has signed, oldest
// first.
func (l *Log) SignedCheckpoints(ctx context.Context) ([][]byte, error) {
	return readCheckpoints(ctx, l.db)
}

// LatestSize is the size of the newest signed checkpoint.
func (l *Log) LatestSize() int64 {
	l.signMu.Lock()
	defer l.signMu.Unlock()
	return l.latestSize
}
