package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"trex"
)

var _ trex.Replica = (*DB)(nil)

// ApplyRestriction implements trex.Replica.
func (db *DB) ApplyRestriction(ctx context.Context, r *trex.Restriction) (bool, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return false, err
	}
	res, err := db.exec(ctx, applyRestrictionSQL,
		r.ID, r.Version, string(body), string(trex.StatusPurged), string(trex.StatusPurged))
	if err != nil {
		return false, fmt.Errorf("apply restriction %s v%d: %w", r.ID, r.Version, err)
	}
	n, err := res.RowsAffected()
	if err == nil && n > 0 && r.Status == trex.StatusPurged {
		db.forgetPurged(ctx)
	}
	return n > 0, err
}

// PurgeRestrictions implements trex.Replica.
func (db *DB) PurgeRestrictions(ctx context.Context, ts []trex.Restriction) error {
	if len(ts) == 0 {
		return nil
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for i := range ts {
			t := &ts[i]
			if t.Status != trex.StatusPurged || len(t.Person.Names) > 0 || len(t.Person.Identifiers) > 0 || len(t.Person.Documents) > 0 {
				return fmt.Errorf("purge %s: not a tombstone", t.ID)
			}
			body, err := json.Marshal(t)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO replica (id, version, body) VALUES (?, ?, ?)
				ON CONFLICT(id) DO UPDATE SET version = max(replica.version, excluded.version), body = excluded.body`,
				t.ID, t.Version, string(body)); err != nil {
				return fmt.Errorf("purge %s from the replica: %w", t.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	db.forgetPurged(ctx)
	return nil
}

// EachRestriction implements trex.Replica.
func (db *DB) EachRestriction(ctx context.Context, fn func(*trex.Restriction) error) error {
	rows, err := db.db.QueryContext(ctx, `SELECT body FROM replica`)
	if err != nil {
		return fmt.Errorf("read replica: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return err
		}
		var r trex.Restriction
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			return fmt.Errorf("decode replica entry: %w", err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// SetDataAsOf implements trex.Replica.
func (db *DB) SetDataAsOf(ctx context.Context, t time.Time) error {
	_, err := db.exec(ctx, `INSERT INTO replica_state (key, value) VALUES ('data_as_of', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, t.UTC().Format(time.RFC3339Nano))
	return err
}

// DataAsOf implements trex.Replica.
func (db *DB) DataAsOf(ctx context.Context) (time.Time, error) {
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM replica_state WHERE key = 'data_as_of'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	} else if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339Nano, v)
}
