package sqlite

import (
	"context"
	"fmt"
	"time"

	"trex"
)

// SampleInForce implements trex.InForceSampler.
func (db *DB) SampleInForce(ctx context.Context, from string, n int, now time.Time) ([]trex.VersionRef, error) {
	out, err := db.sampleInForce(ctx, `id >= ?`, from, n, now)
	if err != nil || len(out) >= n {
		return out, err
	}
	rest, err := db.sampleInForce(ctx, `id < ?`, from, n-len(out), now)
	return append(out, rest...), err
}

func (db *DB) sampleInForce(ctx context.Context, where, from string, n int, now time.Time) ([]trex.VersionRef, error) {
	at := nanos(now)
	rows, err := db.db.QueryContext(ctx, `SELECT id, version, updated_at FROM restrictions
		WHERE `+where+` AND status = 'active' AND valid_from <= ? AND valid_until > ? ORDER BY id LIMIT ?`, from, at, at, n)
	if err != nil {
		return nil, fmt.Errorf("sample restrictions in force: %w", err)
	}
	defer rows.Close()
	var out []trex.VersionRef
	for rows.Next() {
		var v trex.VersionRef
		var updated int64
		if err := rows.Scan(&v.ID, &v.Version, &updated); err != nil {
			return nil, fmt.Errorf("sample restrictions in force: %w", err)
		}
		v.InForce, v.UpdatedAt = true, fromNanos(updated)
		out = append(out, v)
	}
	return out, rows.Err()
}
