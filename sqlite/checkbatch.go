package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"

	"trex"
)

// checkBatch gathers the check records of concurrent callers so that one
// transaction, on one connection, writes them all. A busy border node
// then writes its check log once per batch rather than once per check,
// without opening a connection for each waiting writer or having writers
// wait for SQLite's lock in its busy handler. The caller that finds no
// batch being written writes the next one; when it is done it hands the
// turn to the first caller that queued meanwhile, so no caller waits for
// more than the batch in progress and its own.
type checkBatch struct {
	mu      sync.Mutex
	queue   []*checkWrite
	writing bool
	// insert is the prepared insert, kept (by database/sql, on each
	// connection it is used on) so that a batch does not parse it again.
	// Only the caller writing a batch uses it.
	insert *sql.Stmt
}

// checkWrite is one caller's records, waiting to be written.
type checkWrite struct {
	recs []*trex.CheckRecord
	done chan error    // the outcome of writing recs
	turn chan struct{} // this caller writes the next batch
}

// recordChecks writes recs in the next batch and returns its outcome for
// them.
func (db *DB) recordChecks(ctx context.Context, recs []*trex.CheckRecord) error {
	w := &checkWrite{recs: recs, done: make(chan error, 1), turn: make(chan struct{}, 1)}
	b := &db.checks
	b.mu.Lock()
	b.queue = append(b.queue, w)
	if !b.writing {
		b.writing = true
		w.turn <- struct{}{}
	}
	b.mu.Unlock()
	select {
	case err := <-w.done:
		return err
	case <-w.turn:
	}
	b.mu.Lock()
	batch := b.queue
	b.queue = nil
	b.mu.Unlock()
	// The batch is written for every caller in it: one caller giving up
	// does not fail the others' records.
	db.writeChecks(context.WithoutCancel(ctx), batch)
	b.mu.Lock()
	if len(b.queue) > 0 {
		b.queue[0].turn <- struct{}{}
	} else {
		b.writing = false
	}
	b.mu.Unlock()
	return <-w.done
}

// writeChecks writes a batch in one transaction and answers each caller.
// If the transaction fails, each caller's records are written on their own,
// so that one bad record fails only its caller.
func (db *DB) writeChecks(ctx context.Context, batch []*checkWrite) {
	now := db.now()
	for _, w := range batch {
		for _, rec := range w.recs {
			if rec.ID == "" {
				rec.ID = "C" + randomID(10)
			}
			if rec.At.IsZero() {
				rec.At = now
			}
			if rec.RestrictionIDs == nil {
				rec.RestrictionIDs = []string{}
			}
		}
	}
	if db.checks.insert == nil {
		stmt, err := db.db.PrepareContext(ctx, `INSERT INTO checks (id, at, node, officer, verdict, restrictions, document, reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			for _, w := range batch {
				w.done <- fmt.Errorf("record check: %w", err)
			}
			return
		}
		db.checks.insert = stmt
	}
	insert := db.checks.insert
	err := db.inTx(ctx, func(tx *sql.Tx) error { return insertChecks(ctx, tx.StmtContext(ctx, insert), batch) })
	if err == nil || len(batch) == 1 {
		for _, w := range batch {
			w.done <- err
		}
		return
	}
	for _, w := range batch {
		w.done <- db.inTx(ctx, func(tx *sql.Tx) error { return insertChecks(ctx, tx.StmtContext(ctx, insert), []*checkWrite{w}) })
	}
}

func insertChecks(ctx context.Context, stmt *sql.Stmt, batch []*checkWrite) error {
	for _, w := range batch {
		for _, rec := range w.recs {
			ids, _ := json.Marshal(rec.RestrictionIDs)
			if _, err := stmt.ExecContext(ctx, rec.ID, nanos(rec.At), rec.Node, rec.Officer, string(rec.Verdict), string(ids), rec.Document, rec.Reason); err != nil {
				return fmt.Errorf("record check %s: %w", rec.ID, err)
			}
		}
	}
	return nil
}
