package postgres

import (
	"context"
	"fmt"
	"time"

	"trex"
)

var _ trex.ReportedChecks = (*DB)(nil)

// ReportedCheckCounts implements trex.ReportedChecks: a check is one
// report (its events share the Ref "check/NODE/CHECK/" before the
// restriction id); an event without a Ref counts as a check of its own.
func (db *DB) ReportedCheckCounts(ctx context.Context) (map[string]trex.ReportedCheckCount, error) {
	rows, err := db.pool.Query(ctx, `SELECT who,
		COUNT(DISTINCT CASE WHEN ref IS NULL THEN 'seq/' || CAST(seq AS TEXT) ELSE substr(ref, 1, length(ref) - length(restriction_id) - 1) END),
		COUNT(*), MAX(at)
		FROM access_events WHERE kind = 'check' AND who_kind = 'border_node' GROUP BY who`)
	if err != nil {
		return nil, fmt.Errorf("reported check counts: %w", err)
	}
	defer rows.Close()
	out := map[string]trex.ReportedCheckCount{}
	for rows.Next() {
		var who string
		var c trex.ReportedCheckCount
		var last time.Time
		if err := rows.Scan(&who, &c.Checks, &c.Restrictions, &last); err != nil {
			return nil, fmt.Errorf("reported check counts: %w", err)
		}
		c.Last = last.UTC()
		out[who] = c
	}
	return out, rows.Err()
}
