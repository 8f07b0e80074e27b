package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
)

// PendingChanges implements trex.Outbox: due changes, oldest first, none
// behind a parked earlier change of the same restriction.
func (db *DB) PendingChanges(ctx context.Context, limit int) ([]trex.Change, error) {
	rows, err := db.pool.Query(ctx, `SELECT o.seq, o.payload, o.attempts FROM outbox o
		WHERE o.published_at IS NULL AND (o.retry_at IS NULL OR o.retry_at <= $1)
		AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.restriction_id = o.restriction_id
			AND p.published_at IS NULL AND p.seq < o.seq AND p.retry_at > $1)
		ORDER BY o.seq LIMIT $2`, db.now(), limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	var out []trex.Change
	for rows.Next() {
		var seq int64
		var payload []byte
		var attempts int
		if err := rows.Scan(&seq, &payload, &attempts); err != nil {
			return nil, fmt.Errorf("read outbox: %w", err)
		}
		var c trex.Change
		if err := json.Unmarshal(payload, &c); err != nil {
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
	if _, err := db.pool.Exec(ctx, `UPDATE outbox SET published_at = $1, retry_at = NULL WHERE seq = ANY($2)`, db.now(), seqs); err != nil {
		return fmt.Errorf("mark %d outbox changes published (first %d): %w", len(seqs), seqs[0], err)
	}
	return nil
}

// ParkChange implements trex.Outbox.
func (db *DB) ParkChange(ctx context.Context, seq int64, reason string, retryAt time.Time) error {
	if _, err := db.pool.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, retry_at = $1, last_error = $2
		WHERE seq = $3 AND published_at IS NULL`, retryAt.UTC(), reason, seq); err != nil {
		return fmt.Errorf("park outbox %d: %w", seq, err)
	}
	return nil
}

// OutboxStats implements trex.Outbox.
func (db *DB) OutboxStats(ctx context.Context) (trex.OutboxStats, error) {
	var st trex.OutboxStats
	var oldest *time.Time
	err := db.pool.QueryRow(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE attempts > 0), MIN(created_at)
		FROM outbox WHERE published_at IS NULL`).Scan(&st.Depth, &st.Parked, &oldest)
	if err != nil {
		return st, fmt.Errorf("outbox stats: %w", err)
	}
	if oldest != nil {
		st.OldestUnpublished = oldest.UTC()
	}
	if st.Parked > 0 {
		err := db.pool.QueryRow(ctx, `SELECT last_error FROM outbox WHERE published_at IS NULL AND attempts > 0
			ORDER BY seq LIMIT 1`).Scan(&st.ParkedReason)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return st, fmt.Errorf("outbox stats: %w", err)
		}
	}
	return st, nil
}

// RecordReceipt implements trex.Outbox: a receipt counts only for a
// version the registry published, and carries the status that version
// had, whatever the node claims.
func (db *DB) RecordReceipt(ctx context.Context, rc trex.Receipt) error {
	tag, err := db.pool.Exec(ctx, `INSERT INTO receipts (restriction_id, version, node, status, applied_at)
		SELECT o.restriction_id, o.version, $1, o.payload->'restriction'->>'status', $2 FROM outbox o
		WHERE o.restriction_id = $3 AND o.version = $4 AND o.published_at IS NOT NULL
		ON CONFLICT DO NOTHING`, rc.Node, rc.AppliedAt, rc.RestrictionID, rc.Version)
	if err != nil {
		return fmt.Errorf("record receipt %s v%d from %s: %w", rc.RestrictionID, rc.Version, rc.Node, err)
	}
	if tag.RowsAffected() > 0 {
		return nil
	}
	var published bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM outbox WHERE restriction_id = $1 AND version = $2 AND published_at IS NOT NULL)`,
		rc.RestrictionID, rc.Version).Scan(&published); err != nil {
		return fmt.Errorf("record receipt %s v%d from %s: %w", rc.RestrictionID, rc.Version, rc.Node, err)
	}
	if !published {
		return trex.Errorf(trex.ECONFLICT, "receipt from %s for %s v%d: the registry has not published that version", rc.Node, rc.RestrictionID, rc.Version)
	}
	return nil // a duplicate
}

// UndeliveredChanges implements trex.Outbox.
func (db *DB) UndeliveredChanges(ctx context.Context, id string) ([]trex.Undelivered, error) {
	rows, err := db.pool.Query(ctx, `SELECT payload, attempts, retry_at, last_error, created_at FROM outbox
		WHERE restriction_id = $1 AND published_at IS NULL ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("undelivered changes of %s: %w", id, err)
	}
	defer rows.Close()
	var out []trex.Undelivered
	for rows.Next() {
		var payload []byte
		var retryAt *time.Time
		var u trex.Undelivered
		if err := rows.Scan(&payload, &u.Attempts, &retryAt, &u.LastError, &u.CreatedAt); err != nil {
			return nil, fmt.Errorf("undelivered changes of %s: %w", id, err)
		}
		var c trex.Change
		if err := json.Unmarshal(payload, &c); err != nil {
			return nil, fmt.Errorf("undelivered changes of %s: decode: %w", id, err)
		}
		u.Version, u.Status, u.CreatedAt = c.Restriction.Version, c.Restriction.Status, u.CreatedAt.UTC()
		if retryAt != nil {
			u.RetryAt = retryAt.UTC()
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
