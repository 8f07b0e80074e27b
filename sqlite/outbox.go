package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"trex"
)

// PendingChanges implements trex.Outbox: due changes, oldest first, none
// behind a parked earlier change of the same restriction.
func (db *DB) PendingChanges(ctx context.Context, limit int) ([]trex.Change, error) {
	now := nanos(db.now())
	rows, err := db.db.QueryContext(ctx, `SELECT o.seq, o.payload, o.attempts FROM outbox o
		WHERE o.published_at IS NULL AND (o.retry_at IS NULL OR o.retry_at <= ?)
		AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.restriction_id = o.restriction_id
			AND p.published_at IS NULL AND p.seq < o.seq AND p.retry_at > ?)
		ORDER BY o.seq LIMIT ?`, now, now, limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	var out []trex.Change
	for rows.Next() {
		var seq int64
		var payload string
		var attempts int
		if err := rows.Scan(&seq, &payload, &attempts); err != nil {
			return nil, fmt.Errorf("read outbox: %w", err)
		}
		var c trex.Change
		if err := json.Unmarshal([]byte(payload), &c); err != nil {
			return nil, fmt.Errorf("decode outbox entry %d: %w", seq, err)
		}
		c.Seq, c.Attempts = seq, attempts
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkPublished implements trex.Outbox, in one statement for all seqs.
func (db *DB) MarkPublished(ctx context.Context, seqs ...int64) error {
	if len(seqs) == 0 {
		return nil
	}
	list, err := json.Marshal(seqs)
	if err != nil {
		return err
	}
	_, err = db.exec(ctx, `UPDATE outbox SET published_at = ?, retry_at = NULL
		WHERE seq IN (SELECT value FROM json_each(?))`, nanos(db.now()), string(list))
	if err != nil {
		return fmt.Errorf("mark %d outbox changes published (first %d): %w", len(seqs), seqs[0], err)
	}
	return nil
}

// ParkChange implements trex.Outbox.
func (db *DB) ParkChange(ctx context.Context, seq int64, reason string, retryAt time.Time) error {
	_, err := db.exec(ctx, `UPDATE outbox SET attempts = attempts + 1, retry_at = ?, last_error = ?
		WHERE seq = ? AND published_at IS NULL`, nanos(retryAt), reason, seq)
	if err != nil {
		return fmt.Errorf("park outbox %d: %w", seq, err)
	}
	return nil
}

// OutboxStats implements trex.Outbox.
func (db *DB) OutboxStats(ctx context.Context) (trex.OutboxStats, error) {
	var st trex.OutboxStats
	var oldest sql.NullInt64
	err := db.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(attempts > 0), 0), MIN(created_at)
		FROM outbox WHERE published_at IS NULL`).Scan(&st.Depth, &st.Parked, &oldest)
	if err != nil {
		return st, fmt.Errorf("outbox stats: %w", err)
	}
	if oldest.Valid {
		st.OldestUnpublished = fromNanos(oldest.Int64)
	}
	if st.Parked > 0 {
		err := db.db.QueryRowContext(ctx, `SELECT last_error FROM outbox WHERE published_at IS NULL AND attempts > 0
			ORDER BY seq LIMIT 1`).Scan(&st.ParkedReason)
		if err != nil && err != sql.ErrNoRows {
			return st, fmt.Errorf("outbox stats: %w", err)
		}
	}
	return st, nil
}

// UndeliveredChanges implements trex.Outbox.
func (db *DB) UndeliveredChanges(ctx context.Context, id string) ([]trex.Undelivered, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT payload, attempts, retry_at, last_error, created_at FROM outbox
		WHERE restriction_id = ? AND published_at IS NULL ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("undelivered changes of %s: %w", id, err)
	}
	defer rows.Close()
	var out []trex.Undelivered
	for rows.Next() {
		var payload string
		var retryAt sql.NullInt64
		var created int64
		var u trex.Undelivered
		if err := rows.Scan(&payload, &u.Attempts, &retryAt, &u.LastError, &created); err != nil {
			return nil, fmt.Errorf("undelivered changes of %s: %w", id, err)
		}
		var c trex.Change
		if err := json.Unmarshal([]byte(payload), &c); err != nil {
			return nil, fmt.Errorf("undelivered changes of %s: decode: %w", id, err)
		}
		u.Version, u.Status, u.CreatedAt = c.Restriction.Version, c.Restriction.Status, fromNanos(created)
		if retryAt.Valid {
			u.RetryAt = fromNanos(retryAt.Int64)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
