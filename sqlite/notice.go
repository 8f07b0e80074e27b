package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"trex"
)

var _ trex.NoticeOutbox = (*DB)(nil)

// noticeSchema is the schema step that adds the notice outbox. The cursor
// starts at the newest change, so that a registry that gains notices
// does not send them for its whole history.
const noticeSchema = `CREATE TABLE notices (
		id         TEXT PRIMARY KEY,
		body       TEXT NOT NULL,     -- trex.Notice as JSON
		created_at INTEGER NOT NULL,  -- unix nanoseconds
		due_at     INTEGER NOT NULL,
		attempts   INTEGER NOT NULL DEFAULT 0,
		last_error TEXT NOT NULL DEFAULT '',
		sent_at    INTEGER
	);
	CREATE INDEX notices_due ON notices(due_at) WHERE sent_at IS NULL;
	CREATE TABLE notice_cursor (      -- the last outbox change turned into notices
		id  INTEGER PRIMARY KEY CHECK (id = 1),
		seq INTEGER NOT NULL
	);
	INSERT INTO notice_cursor (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM outbox;`

// EnqueueNotices implements trex.NoticeOutbox.
func (db *DB) EnqueueNotices(ctx context.Context, ns []trex.Notice) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return enqueueNotices(ctx, tx, ns, db.now()) })
}

func enqueueNotices(ctx context.Context, tx *sql.Tx, ns []trex.Notice, now time.Time) error {
	for i := range ns {
		ns[i].ID = "N" + randomID(10)
		body, err := json.Marshal(&ns[i])
		if err != nil {
			return fmt.Errorf("enqueue notice %s: %w", ns[i].Event, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notices (id, body, created_at, due_at) VALUES (?, ?, ?, ?)`,
			ns[i].ID, string(body), nanos(now), nanos(now)); err != nil {
			return fmt.Errorf("enqueue notice %s: %w", ns[i].Event, err)
		}
	}
	return nil
}

// NoticesFromChanges implements trex.NoticeOutbox: the changes are read
// from the restriction outbox after the cursor, and their notices queued
// and the cursor moved in one transaction.
func (db *DB) NoticesFromChanges(ctx context.Context, limit int) (int, error) {
	var taken int
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var cursor int64
		if err := tx.QueryRowContext(ctx, `SELECT seq FROM notice_cursor WHERE id = 1`).Scan(&cursor); err != nil {
			return fmt.Errorf("notice cursor: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT seq, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?`, cursor, limit)
		if err != nil {
			return fmt.Errorf("changes for notices: %w", err)
		}
		var ns []trex.Notice
		for rows.Next() {
			var payload sql.NullString
			if err := rows.Scan(&cursor, &payload); err != nil {
				rows.Close()
				return fmt.Errorf("changes for notices: %w", err)
			}
			taken++
			var b []byte // nil for a purged change
			if payload.Valid {
				b = []byte(payload.String)
			}
			ns = append(ns, trex.NoticesForPayload(b)...)
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
		_, err = tx.ExecContext(ctx, `UPDATE notice_cursor SET seq = ? WHERE id = 1`, cursor)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("notices from changes: %w", err)
	}
	return taken, nil
}

// DueNotices implements trex.NoticeOutbox.
func (db *DB) DueNotices(ctx context.Context, now time.Time, limit int) ([]trex.Notice, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, body FROM notices WHERE sent_at IS NULL AND due_at <= ?
		ORDER BY created_at, id LIMIT ?`, nanos(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due notices: %w", err)
	}
	defer rows.Close()
	out := []trex.Notice{}
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, fmt.Errorf("due notices: %w", err)
		}
		var n trex.Notice
		if err := json.Unmarshal([]byte(body), &n); err != nil {
			return nil, fmt.Errorf("due notice %s: %w", id, err)
		}
		n.ID = id
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkNoticeSent implements trex.NoticeOutbox.
func (db *DB) MarkNoticeSent(ctx context.Context, id string) error {
	if _, err := db.exec(ctx, `UPDATE notices SET sent_at = ? WHERE id = ?`, nanos(db.now()), id); err != nil {
		return fmt.Errorf("mark notice %s sent: %w", id, err)
	}
	return nil
}

// PurgeSentNotices implements trex.NoticeOutbox.
func (db *DB) PurgeSentNotices(ctx context.Context, before time.Time) (int, error) {
	res, err := db.exec(ctx, `DELETE FROM notices WHERE sent_at IS NOT NULL AND sent_at < ?`, nanos(before))
	if err != nil {
		return 0, fmt.Errorf("purge sent notices: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DeferNotice implements trex.NoticeOutbox.
func (db *DB) DeferNotice(ctx context.Context, id, reason string, retryAt time.Time) error {
	if _, err := db.exec(ctx, `UPDATE notices SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?`,
		reason, nanos(retryAt), id); err != nil {
		return fmt.Errorf("defer notice %s: %w", id, err)
	}
	return nil
}
