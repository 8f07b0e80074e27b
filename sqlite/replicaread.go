package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"trex"
)

var _ trex.ParallelReplica = (*DB)(nil)

// replicaRead is the prepared statement that reads one replica entry.
type replicaRead struct {
	once sync.Once
	stmt *sql.Stmt
	err  error
}

// ReplicaRestriction implements trex.Replica: one entry by id, through a
// statement prepared once.
func (db *DB) ReplicaRestriction(ctx context.Context, id string) (*trex.Restriction, error) {
	db.replicaRead.once.Do(func() {
		db.replicaRead.stmt, db.replicaRead.err = db.db.PrepareContext(context.Background(), `SELECT body FROM replica WHERE id = ?`)
	})
	if db.replicaRead.err != nil {
		return nil, fmt.Errorf("read replica entry %s: %w", id, db.replicaRead.err)
	}
	var body string
	err := db.replicaRead.stmt.QueryRowContext(ctx, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read replica entry %s: %w", id, err)
	}
	var r trex.Restriction
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		return nil, fmt.Errorf("decode replica entry %s: %w", id, err)
	}
	return &r, nil
}

// replicaChunk is how many entries the reader hands a decoder at a time.
const replicaChunk = 512

// EachRestrictionParallel implements trex.ParallelReplica: one goroutine
// reads the entries and up to workers decode them and call fn.
func (db *DB) EachRestrictionParallel(ctx context.Context, workers int, fn func(*trex.Restriction) error) error {
	if workers <= 1 {
		return db.EachRestriction(ctx, fn)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	chunks := make(chan [][]byte, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chunk := range chunks {
				for _, body := range chunk {
					var r trex.Restriction
					if err := json.Unmarshal(body, &r); err != nil {
						cancel(fmt.Errorf("decode replica entry: %w", err))
						break
					}
					if err := fn(&r); err != nil {
						cancel(err)
						break
					}
				}
			}
		}()
	}
	readErr := db.readReplicaBodies(ctx, chunks)
	close(chunks)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}

// readReplicaBodies sends every replica entry's body, a chunk at a time,
// until ctx ends.
func (db *DB) readReplicaBodies(ctx context.Context, chunks chan<- [][]byte) error {
	rows, err := db.db.QueryContext(ctx, `SELECT body FROM replica`)
	if err != nil {
		return fmt.Errorf("read replica: %w", err)
	}
	defer rows.Close()
	chunk := make([][]byte, 0, replicaChunk)
	for rows.Next() {
		var body []byte // a copy: rows reuses its buffer
		if err := rows.Scan(&body); err != nil {
			return fmt.Errorf("read replica: %w", err)
		}
		if chunk = append(chunk, body); len(chunk) == replicaChunk {
			select {
			case chunks <- chunk:
			case <-ctx.Done():
				return nil
			}
			chunk = make([][]byte, 0, replicaChunk)
		}
	}
	if err := rows.Err(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("read replica: %w", err)
	}
	if len(chunk) > 0 {
		select {
		case chunks <- chunk:
		case <-ctx.Done():
		}
	}
	return nil
}
