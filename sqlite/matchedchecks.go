package sqlite

import (
	"context"
	"fmt"

	"trex"
)

var _ trex.MatchedChecks = (*DB)(nil)

// MatchedChecksAfter implements trex.MatchedChecks. Positions are rowids:
// writes are serialised (each transaction takes the write lock when it
// begins), so rowids grow in the order checks are committed and no check
// appears behind one already read. Each call reads only the rows recorded
// since pos.
func (db *DB) MatchedChecksAfter(ctx context.Context, pos int64, limit int) ([]trex.CheckRecord, int64, error) {
	var hi int64
	if err := db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(rowid), 0) FROM checks`).Scan(&hi); err != nil {
		return nil, pos, fmt.Errorf("read matched checks: %w", err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT rowid, `+checkColumns+` FROM checks
		WHERE rowid > ? AND rowid <= ? AND restrictions NOT IN ('[]', 'null') ORDER BY rowid LIMIT ?`, pos, hi, limit)
	if err != nil {
		return nil, pos, fmt.Errorf("read matched checks: %w", err)
	}
	defer rows.Close()
	out := []trex.CheckRecord{}
	last := pos
	for rows.Next() {
		var rowid int64
		rec, err := scanCheck(rowidScanner{rows, &rowid})
		if err != nil {
			return nil, pos, err
		}
		last = rowid
		out = append(out, *rec)
	}
	if err := rows.Err(); err != nil {
		return nil, pos, err
	}
	if len(out) < limit {
		last = hi // every row up to hi was read
	}
	return out, last, nil
}

// rowidScanner scans a leading rowid column into rowid, then the rest as s
// would.
type rowidScanner struct {
	s     scanner
	rowid *int64
}

func (r rowidScanner) Scan(dest ...any) error { return r.s.Scan(append([]any{r.rowid}, dest...)...) }
