package postgres

import (
	"context"
	"fmt"
	"time"

	"trex"
)

// SampleInForce implements trex.InForceSampler.
func (db *DB) SampleInForce(ctx context.Context, from string, n int, now time.Time) ([]trex.VersionRef, error) {
	out, err := db.sampleInForce(ctx, `id >= $1`, from, n, now)
	if err != nil || len(out) >= n {
		return out, err
	}
	rest, err := db.sampleInForce(ctx, `id < $1`, from, n-len(out), now)
	return append(out, rest...), err
}

func (db *DB) sampleInForce(ctx context.Context, where, from string, n int, now time.Time) ([]trex.VersionRef, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, version, updated_at FROM restrictions
		WHERE `+where+` AND status = 'active' AND valid_from <= $2 AND valid_until > $2 ORDER BY id LIMIT $3`, from, now, n)
	if err != nil {
		return nil, fmt.Errorf("sample restrictions in force: %w", err)
	}
	defer rows.Close()
	var out []trex.VersionRef
	for rows.Next() {
		var v trex.VersionRef
		if err := rows.Scan(&v.ID, &v.Version, &v.UpdatedAt); err != nil {
			return nil, fmt.Errorf("sample restrictions in force: %w", err)
		}
		v.InForce, v.UpdatedAt = true, v.UpdatedAt.UTC()
		out = append(out, v)
	}
	return out, rows.Err()
}
