package audit

import (
	"context"
	"database/sql"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// migrateRun bounds the entries, and the hashes, of one run written when a
// log in the old layout is converted.
const migrateRun = 1024

// migrateLegacy converts a log written before runs (one row per entry in
// entries, one per stored hash in hashes) to runs, in one transaction:
// its entries in index order, numbered by their position, and its stored
// hashes in id order, a run broken wherever an id is missing. The old
// tables are dropped. A log already in runs is left alone; one holding
// entries in both layouts is refused.
func migrateLegacy(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("convert audit log: %w", err)
	}
	defer tx.Rollback()
	legacy, err := hasTable(ctx, tx, "entries")
	if err != nil || !legacy {
		return err
	}
	var size int64
	if err := tx.QueryRowContext(ctx, sizeQuery).Scan(&size); err != nil {
		return fmt.Errorf("convert audit log: %w", err)
	}
	if size > 0 {
		return fmt.Errorf("convert audit log: it holds entries in both the old layout and runs")
	}
	if err := migrateEntries(ctx, tx); err != nil {
		return err
	}
	if err := migrateHashes(ctx, tx); err != nil {
		return err
	}
	for _, q := range []string{`DROP TABLE entries`, `DROP TABLE hashes`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("convert audit log: %s: %w", q, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("convert audit log: %w", err)
	}
	return nil
}

func migrateEntries(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT data FROM entries ORDER BY idx`)
	if err != nil {
		return fmt.Errorf("convert audit log: read entries: %w", err)
	}
	defer rows.Close()
	var run []byte
	var first, n int64
	flush := func() error {
		if n == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO entry_runs (first, n, data) VALUES (?, ?, ?)`, first, n, run); err != nil {
			return fmt.Errorf("convert audit log: write entries from %d: %w", first, err)
		}
		first, n, run = first+n, 0, run[:0]
		return nil
	}
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return fmt.Errorf("convert audit log: read entries: %w", err)
		}
		run = appendRun(run, data)
		if n++; n == migrateRun {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("convert audit log: read entries: %w", err)
	}
	return flush()
}

func migrateHashes(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, hash FROM hashes ORDER BY id`)
	if err != nil {
		return fmt.Errorf("convert audit log: read stored hashes: %w", err)
	}
	defer rows.Close()
	var run []byte
	first := int64(-1)
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO hash_runs (first, data) VALUES (?, ?)`, first, run); err != nil {
			return fmt.Errorf("convert audit log: write stored hashes from %d: %w", first, err)
		}
		run = run[:0]
		return nil
	}
	for rows.Next() {
		var id int64
		var h []byte
		if err := rows.Scan(&id, &h); err != nil {
			return fmt.Errorf("convert audit log: read stored hashes: %w", err)
		}
		if len(h) != tlog.HashSize {
			return fmt.Errorf("convert audit log: stored hash %d: %d bytes", id, len(h))
		}
		held := int64(len(run) / tlog.HashSize)
		if held > 0 && (id != first+held || held == migrateRun) {
			if err := flush(); err != nil {
				return err
			}
			held = 0
		}
		if held == 0 {
			first = id
		}
		run = append(run, h...)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("convert audit log: read stored hashes: %w", err)
	}
	return flush()
}
