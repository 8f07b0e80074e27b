package postgres

import (
	"context"
	"fmt"

	"trex"
)

var _ trex.AccessLog = (*DB)(nil)

// RecordAccess implements trex.AccessLog.
func (db *DB) RecordAccess(ctx context.Context, e trex.AccessEvent) error {
	if err := e.Stamp(db.now()); err != nil {
		return err
	}
	var ref *string
	if e.Ref != "" {
		ref = &e.Ref
	}
	if _, err := db.pool.Exec(ctx, `INSERT INTO access_events (at, who, who_kind, kind, restriction_id, exempt, ref)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (ref) DO NOTHING`,
		e.At.UTC(), e.Who, e.WhoKind, e.Kind, e.RestrictionID, e.Exempt, ref); err != nil {
		return fmt.Errorf("record access %s by %s: %w", e.Kind, e.Who, err)
	}
	return nil
}

// AccessEvents implements trex.AccessLog.
func (db *DB) AccessEvents(ctx context.Context, restrictionIDs []string) ([]trex.AccessEvent, error) {
	out := []trex.AccessEvent{}
	if len(restrictionIDs) == 0 {
		return out, nil
	}
	rows, err := db.pool.Query(ctx, `SELECT at, who, who_kind, kind, restriction_id FROM access_events
		WHERE NOT exempt AND restriction_id = ANY($1) ORDER BY at DESC, seq DESC`, restrictionIDs)
	if err != nil {
		return nil, fmt.Errorf("access events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e trex.AccessEvent
		if err := rows.Scan(&e.At, &e.Who, &e.WhoKind, &e.Kind, &e.RestrictionID); err != nil {
			return nil, fmt.Errorf("access events: %w", err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// ExemptCounts implements trex.AccessLog.
func (db *DB) ExemptCounts(ctx context.Context) (map[string]int64, error) {
	rows, err := db.pool.Query(ctx, `SELECT who, COUNT(*) FROM access_events WHERE exempt GROUP BY who`)
	if err != nil {
		return nil, fmt.Errorf("exempt access counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var who string
		var n int64
		if err := rows.Scan(&who, &n); err != nil {
			return nil, fmt.Errorf("exempt access counts: %w", err)
		}
		out[who] = n
	}
	return out, rows.Err()
}
