package sqlite

import (
	"context"
	"database/sql"
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

// ReferralStats counts the open referrals and finds the oldest, for the
// node's metrics.
func (db *DB) ReferralStats(ctx context.Context) (trex.ReferralStats, error) {
	var st trex.ReferralStats
	var oldest sql.NullInt64
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*), MIN(at) FROM checks
		WHERE resolution = '' AND verdict IN ('refer', 'hit')`).Scan(&st.Open, &oldest); err != nil {
		return st, fmt.Errorf("referral stats: %w", err)
	}
	if oldest.Valid {
		st.Oldest = fromNanos(oldest.Int64)
	}
	return st, nil
}
