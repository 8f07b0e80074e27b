package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
)

var _ trex.NoticeOutbox = (*DB)(nil)

// noticeSchema is the schema step that adds the notice outbox. The cursor
// starts at the newest change, so that a registry that gains notices
// does not send them for its whole history.
const noticeSchema = `CREATE TABLE notices (
		id         TEXT PRIMARY KEY,
		body       JSONB NOT NULL,
		created_at TIMESTAMPTZ NOT NULL,
		due_at     TIMESTAMPTZ NOT NULL,
		attempts   INT NOT NULL DEFAULT 0,
		last_error TEXT NOT NULL DEFAULT '',
		sent_at    TIMESTAMPTZ
	);
	CREATE INDEX notices_due ON notices(due_at) WHERE sent_at IS NULL;
	CREATE TABLE notice_cursor (
		id  INT PRIMARY KEY CHECK (id = 1),
		seq BIGINT NOT NULL
	);
	INSERT INTO notice_cursor (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM outbox;`

// noticeSettle is how old an outbox row must be before it is turned into
// notices: sequence numbers are taken when a row is written, not when its
// transaction commits, so a younger row may still be joined by an older
// one that commits late.
const noticeSettle = 5 * time.Second

// EnqueueNotices implements trex.NoticeOutbox.
func (db *DB) EnqueueNotices(ctx context.Context, ns []trex.Notice) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error { return enqueueNotices(ctx, tx, ns, db.now()) })
}

func enqueueNotices(ctx context.Context, tx pgx.Tx, ns []trex.Notice, now time.Time) error {
	for i := range ns {
		ns[i].ID = "N" + randomID(10)
		body, err := json.Marshal(&ns[i])
		if err != nil {
			return fmt.Errorf("enqueue notice %s: %w", ns[i].Event, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO notices (id, body, created_at, due_at) VALUES ($1, $2, $3, $3)`,
			ns[i].ID, body, now); err != nil {
			return fmt.Errorf("enqueue notice %s: %w", ns[i].Event, err)
		}
	}
	return nil
}

// NoticesFromChanges implements trex.NoticeOutbox: the changes are read
// from the restriction outbox after the cursor, and their notices queued
// and the cursor moved in one transaction (which locks the cursor, so
// that two registries never queue a change twice).
func (db *DB) NoticesFromChanges(ctx context.Context, limit int) (int, error) {
	var taken int
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		taken = 0
		var cursor int64
		if err := tx.QueryRow(ctx, `SELECT seq FROM notice_cursor WHERE id = 1 FOR UPDATE`).Scan(&cursor); err != nil {
			return fmt.Errorf("notice cursor: %w", err)
		}
		rows, err := tx.Query(ctx, `SELECT seq, payload FROM outbox WHERE seq > $1 AND created_at <= $2 ORDER BY seq LIMIT $3`,
			cursor, db.now().Add(-noticeSettle), limit)
		if err != nil {
			return fmt.Errorf("changes for notices: %w", err)
		}
		var ns []trex.Notice
		for rows.Next() {
			var payload []byte
			if err := rows.Scan(&cursor, &payload); err != nil {
				rows.Close()
				return fmt.Errorf("changes for notices: %w", err)
			}
			taken++
			ns = append(ns, trex.NoticesForPayload(payload)...)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("changes for notices: %w", err)
		}
		if taken == 0 {
			return nil
		}
		if err := enqueueNotices(ctx, tx, ns, db.now()); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE notice_cursor SET seq = $1 WHERE id = 1`, cursor)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("notices from changes: %w", err)
	}
	return taken, nil
}

// DueNotices implements trex.NoticeOutbox.
func (db *DB) DueNotices(ctx context.Context, now time.Time, limit int) ([]trex.Notice, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, body FROM notices WHERE sent_at IS NULL AND due_at <= $1
		ORDER BY created_at, id LIMIT $2`, now, limit)
	if err != nil {
		return nil, fmt.Errorf("due notices: %w", err)
	}
	defer rows.Close()
	out := []trex.Notice{}
	for rows.Next() {
		var id string
		var body []byte
		if err := rows.Scan(&id, &body); err != nil {
			return nil, fmt.Errorf("due notices: %w", err)
		}
		var n trex.Notice
		if err := json.Unmarshal(body, &n); err != nil {
			return nil, fmt.Errorf("due notice %s: %w", id, err)
		}
		n.ID = id
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkNoticeSent implements trex.NoticeOutbox.
func (db *DB) MarkNoticeSent(ctx context.Context, id string) error {
	if _, err := db.pool.Exec(ctx, `UPDATE notices SET sent_at = $1 WHERE id = $2`, db.now(), id); err != nil {
		return fmt.Errorf("mark notice %s sent: %w", id, err)
	}
	return nil
}

// PurgeSentNotices implements trex.NoticeOutbox.
func (db *DB) PurgeSentNotices(ctx context.Context, before time.Time) (int, error) {
	tag, err := db.pool.Exec(ctx, `DELETE FROM notices WHERE sent_at IS NOT NULL AND sent_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("purge sent notices: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// DeferNotice implements trex.NoticeOutbox.
func (db *DB) DeferNotice(ctx context.Context, id, reason string, retryAt time.Time) error {
	if _, err := db.pool.Exec(ctx, `UPDATE notices SET attempts = attempts + 1, last_error = $1, due_at = $2 WHERE id = $3`,
		reason, retryAt, id); err != nil {
		return fmt.Errorf("defer notice %s: %w", id, err)
	}
	return nil
}
