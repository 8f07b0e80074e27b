package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
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
	// insert are the prepared inserts of checkRowsPerInsert rows each,
	// kept (by database/sql, on each connection they are used on) so that
	// a batch does not parse them again. Only the caller writing a batch
	// uses them.
	insert [len(checkRowsPerInsert)]*sql.Stmt
}

// checkRowsPerInsert are the row counts of the prepared check inserts,
// largest first: a batch is written with as few statements as these make
// up, rather than one statement per record.
var checkRowsPerInsert = [...]int{16, 4, 1}

// checkInsertColumns are the columns a check record is inserted with.
const checkInsertColumns = "id, at, node, officer, verdict, restrictions, document, reason"

// prepareCheckInserts prepares the check inserts, once.
func (db *DB) prepareCheckInserts(ctx context.Context) error {
	if db.checks.insert[0] != nil {
		return nil
	}
	var ins [len(checkRowsPerInsert)]*sql.Stmt
	for i, n := range checkRowsPerInsert {
		// OR ROLLBACK: a statement of several rows that fails rolls back
		// the whole transaction (as writeChecks would), so SQLite keeps no
		// statement journal to undo it alone; with random check IDs that
		// journal would copy most pages the batch touches.
		q := "INSERT OR ROLLBACK INTO checks (" + checkInsertColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)" + strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?)", n-1)
		st, err := db.db.PrepareContext(ctx, q)
		if err != nil {
			for _, st := range ins[:i] {
				st.Close()
			}
			return fmt.Errorf("prepare the insert of %d checks: %w", n, err)
		}
		ins[i] = st
	}
	db.checks.insert = ins
	return nil
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
				rec.ID = trex.NewCheckID(now)
			}
			if rec.At.IsZero() {
				rec.At = now
			}
			if rec.RestrictionIDs == nil {
				rec.RestrictionIDs = []string{}
			}
		}
	}
	if err := db.prepareCheckInserts(ctx); err != nil {
		for _, w := range batch {
			w.done <- fmt.Errorf("record check: %w", err)
		}
		return
	}
	insert := db.checks.insert
	err := db.inTx(ctx, func(tx *sql.Tx) error { return insertChecks(ctx, tx, insert, batch) })
	if err == nil || len(batch) == 1 {
		for _, w := range batch {
			w.done <- err
		}
		return
	}
	for _, w := range batch {
		w.done <- db.inTx(ctx, func(tx *sql.Tx) error { return insertChecks(ctx, tx, insert, []*checkWrite{w}) })
	}
}

// insertChecks writes the batch's records in tx, as many rows to a
// statement as insert allows.
func insertChecks(ctx context.Context, tx *sql.Tx, insert [len(checkRowsPerInsert)]*sql.Stmt, batch []*checkWrite) error {
	var recs []*trex.CheckRecord
	for _, w := range batch {
		recs = append(recs, w.recs...)
	}
	args := make([]any, 0, 8*min(len(recs), checkRowsPerInsert[0]))
	for i, n := range checkRowsPerInsert {
		var st *sql.Stmt
		for len(recs) >= n {
			if st == nil {
				st = tx.StmtContext(ctx, insert[i])
			}
			args = args[:0]
			for _, rec := range recs[:n] {
				ids, _ := json.Marshal(rec.RestrictionIDs)
				args = append(args, rec.ID, nanos(rec.At), rec.Node, rec.Officer, string(rec.Verdict), string(ids), rec.Document, rec.Reason)
			}
			if _, err := st.ExecContext(ctx, args...); err != nil {
				if n == 1 {
					return fmt.Errorf("record check %s: %w", recs[0].ID, err)
				}
				return fmt.Errorf("record checks %s to %s: %w", recs[0].ID, recs[n-1].ID, err)
			}
			recs = recs[n:]
		}
	}
	return nil
}
