package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"trex"
)

var _ trex.LifecycleService = (*DB)(nil)

// UseKinds sets the kinds of restriction the registry accepts.
func (db *DB) UseKinds(ks trex.Kinds) { db.Kinds = ks }

// nullNanos stores a zero time as NULL.
func nullNanos(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: nanos(t), Valid: true}
}

// ReviewQueue implements trex.LifecycleService.
func (db *DB) ReviewQueue(ctx context.Context, authority string, now time.Time, limit int) ([]trex.Restriction, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+restrictionColumns+` FROM restrictions
		WHERE authority = ? AND status = ? AND review_due IS NOT NULL AND review_due <= ?
		ORDER BY review_due, id LIMIT ?`, authority, string(trex.StatusActive), nanos(now), limit)
	if err != nil {
		return nil, fmt.Errorf("review queue of %s: %w", authority, err)
	}
	defer rows.Close()
	out := []trex.Restriction{}
	for rows.Next() {
		r, err := scanRestriction(rows)
		if err != nil {
			return nil, fmt.Errorf("review queue of %s: %w", authority, err)
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

// ReviewRestriction implements trex.LifecycleService. A review changes
// nothing the border applies, so it bumps no version and sends no change.
func (db *DB) ReviewRestriction(ctx context.Context, id string, now time.Time) (*trex.Restriction, error) {
	var out *trex.Restriction
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := findRestriction(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := r.MarkReviewed(db.Kinds, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE restrictions SET review_due = ? WHERE id = ?`, nullNanos(r.ReviewDue), id); err != nil {
			return fmt.Errorf("review restriction %s: %w", id, err)
		}
		out = r
		return nil
	})
	return out, err
}

// LapseUnreviewed implements trex.LifecycleService.
func (db *DB) LapseUnreviewed(ctx context.Context, now time.Time) (int, error) {
	kinds := db.Kinds.OrDefault()
	n := 0
	for _, k := range kinds {
		if !k.LapseUnreviewed {
			continue
		}
		kindN := 0 // counted only once the kind's transaction commits
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			due := []any{k.Name, string(trex.StatusActive), nanos(now)}
			return eachFound(ctx, tx, `SELECT id FROM restrictions WHERE kind = ? AND status = ?
				AND review_due IS NOT NULL AND review_due <= ? ORDER BY review_due LIMIT 1000`, due, func(r *trex.Restriction) error {
				r.Lapse(db.now())
				if err := update(ctx, tx, r); err != nil {
					return err
				}
				if err := enqueue(ctx, tx, r, r.UpdatedAt); err != nil {
					return err
				}
				kindN++
				return nil
			})
		})
		if err != nil {
			return n, fmt.Errorf("lapse unreviewed %s restrictions: %w", k.Name, err)
		}
		n += kindN
	}
	return n, nil
}

// PurgeEnded implements trex.LifecycleService, one kind at a time, each
// restriction in the same transaction as its tombstone's outbox entry.
func (db *DB) PurgeEnded(ctx context.Context, now time.Time) ([]trex.Restriction, error) {
	kinds := db.Kinds.OrDefault()
	var out []trex.Restriction
	for _, k := range kinds {
		var batch []trex.Restriction
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			due := []any{k.Name, string(trex.StatusLifted), string(trex.StatusExpired), nanos(now.Add(-k.Retention()))}
			return eachFound(ctx, tx, `SELECT id FROM restrictions WHERE kind = ? AND status IN (?, ?)
				AND updated_at <= ? ORDER BY updated_at LIMIT 1000`, due, func(r *trex.Restriction) error {
				t := r.Tombstone(db.now())
				if err := purgeOne(ctx, tx, &t); err != nil {
					return err
				}
				batch = append(batch, t)
				return nil
			})
		})
		if err != nil {
			return out, fmt.Errorf("purge ended %s restrictions: %w", k.Name, err)
		}
		out = append(out, batch...)
	}
	if len(out) > 0 {
		db.forgetPurged(ctx)
	}
	return out, nil
}

// purgeOne overwrites the restriction with its tombstone t and deletes
// everything else the registry holds about it, inside tx.
func purgeOne(ctx context.Context, tx *sql.Tx, t *trex.Restriction) error {
	for _, q := range []string{
		`DELETE FROM restriction_keys WHERE restriction_id = ?`,
		`DELETE FROM receipts WHERE restriction_id = ?`,
		`DELETE FROM outbox WHERE restriction_id = ?`,
		`DELETE FROM access_events WHERE restriction_id = ?`,
		`DELETE FROM appeals WHERE restriction_id = ?`,
		`DELETE FROM notices WHERE json_extract(body, '$.restriction_id') = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, t.ID); err != nil {
			return fmt.Errorf("purge %s: %w", t.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE restrictions SET person = '{}', legal_basis = '', lift_reason = '',
		status = ?, version = ?, updated_at = ?, review_due = NULL WHERE id = ?`,
		string(t.Status), t.Version, nanos(t.UpdatedAt), t.ID); err != nil {
		return fmt.Errorf("purge %s: %w", t.ID, err)
	}
	return enqueue(ctx, tx, t, t.UpdatedAt)
}

// forgetPurged checkpoints the write-ahead log into the database and
// truncates it, so that the pages a purge replaced (which secure_delete
// zeroes in the database) do not live on as old frames in the log. It is
// best effort: a reader holding an old snapshot delays it to the next purge.
func (db *DB) forgetPurged(ctx context.Context) {
	if db.path == ":memory:" {
		return
	}
	db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}

// eachFound calls fn, inside tx, for each restriction whose id the query q
// (with args) selects, in the order it selects them; it stops at fn's first
// error.
func eachFound(ctx context.Context, tx *sql.Tx, q string, args []any, fn func(*trex.Restriction) error) error {
	ids, err := queryIDs(ctx, tx, q, args...)
	if err != nil {
		return err
	}
	for _, id := range ids {
		r, err := findRestriction(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// queryIDs runs a query for one column of identifiers.
func queryIDs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
