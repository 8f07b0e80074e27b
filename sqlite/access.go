package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"trex"
)

var _ trex.AccessLog = (*DB)(nil)

// RecordAccess implements trex.AccessLog.
func (db *DB) RecordAccess(ctx context.Context, e trex.AccessEvent) error {
	if err := e.Stamp(db.now()); err != nil {
		return err
	}
	at, err := storedNanos("at", e.At)
	if err != nil {
		return err
	}
	var ref sql.NullString
	if e.Ref != "" {
		ref = sql.NullString{String: e.Ref, Valid: true}
	}
	if _, err := db.exec(ctx, `INSERT INTO access_events (at, who, who_kind, kind, restriction_id, exempt, ref)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO NOTHING`,
		at, e.Who, e.WhoKind, e.Kind, e.RestrictionID, e.Exempt, ref); err != nil {
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
	args := make([]any, len(restrictionIDs))
	for i, id := range restrictionIDs {
		args[i] = id
	}
	rows, err := db.db.QueryContext(ctx, `SELECT at, who, who_kind, kind, restriction_id FROM access_events
		WHERE exempt = 0 AND restriction_id IN (?`+strings.Repeat(", ?", len(args)-1)+`)
		ORDER BY at DESC, seq DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("access events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e trex.AccessEvent
		var at int64
		if err := rows.Scan(&at, &e.Who, &e.WhoKind, &e.Kind, &e.RestrictionID); err != nil {
			return nil, fmt.Errorf("access events: %w", err)
		}
		e.At = fromNanos(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ExemptCounts implements trex.AccessLog.
func (db *DB) ExemptCounts(ctx context.Context) (map[string]int64, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT who, COUNT(*) FROM access_events WHERE exempt = 1 GROUP BY who`)
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
