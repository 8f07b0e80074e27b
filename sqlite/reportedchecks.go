package sqlite

import (
	"context"
	"fmt"

	"trex"
)

var _ trex.ReportedChecks = (*DB)(nil)

// reportedChecksQuery counts border nodes' looks by node: a check is one
// report (its events share the Ref "check/NODE/CHECK/" before the
// restriction id); an event without a Ref counts as a check of its own.
const reportedChecksQuery = `SELECT who,
	COUNT(DISTINCT CASE WHEN ref IS NULL THEN 'seq/' || CAST(seq AS TEXT) ELSE substr(ref, 1, length(ref) - length(restriction_id) - 1) END),
	COUNT(*), MAX(at)
	FROM access_events WHERE kind = 'check' AND who_kind = 'border_node' GROUP BY who`

// ReportedCheckCounts implements trex.ReportedChecks.
func (db *DB) ReportedCheckCounts(ctx context.Context) (map[string]trex.ReportedCheckCount, error) {
	rows, err := db.db.QueryContext(ctx, reportedChecksQuery)
	if err != nil {
		return nil, fmt.Errorf("reported check counts: %w", err)
	}
	defer rows.Close()
	out := map[string]trex.ReportedCheckCount{}
	for rows.Next() {
		var who string
		var c trex.ReportedCheckCount
		var last int64
		if err := rows.Scan(&who, &c.Checks, &c.Restrictions, &last); err != nil {
			return nil, fmt.Errorf("reported check counts: %w", err)
		}
		c.Last = fromNanos(last)
		out[who] = c
	}
	return out, rows.Err()
}
