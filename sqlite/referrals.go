package sqlite

import (
	"context"
	"fmt"

	"trex"
)

// OpenReferrals implements trex.CheckLog.
func (db *DB) OpenReferrals(ctx context.Context, limit int) ([]trex.CheckRecord, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+checkColumns+` FROM checks
		WHERE resolution = '' AND verdict IN ('refer', 'hit') ORDER BY at, id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("open referrals: %w", err)
	}
	defer rows.Close()
	out := []trex.CheckRecord{}
	for rows.Next() {
		rec, err := scanCheck(rows)
		if err != nil {
			return nil, fmt.Errorf("open referrals: %w", err)
		}
		out = append(out, *rec)
	}
	return out, rows.Err()
}
