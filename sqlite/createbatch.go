package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"trex"
)

var _ trex.BatchCreator = (*DB)(nil)

// CreateRestrictions implements trex.BatchCreator: the valid restrictions
// are written in one transaction through prepared statements; should
// that transaction fail, each is tried alone, so that one bad restriction
// fails by itself.
func (db *DB) CreateRestrictions(ctx context.Context, rs []*trex.Restriction) []error {
	now := db.now()
	errs := make([]error, len(rs))
	rows := make([]*createRow, 0, len(rs))
	for i, r := range rs {
		row, err := db.newRow(r, now)
		if err != nil {
			errs[i] = err
			continue
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return errs
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		stmts := map[string]*sql.Stmt{}
		defer func() {
			for _, s := range stmts {
				s.Close()
			}
		}()
		exec := func(ctx context.Context, query string, args ...any) error {
			s := stmts[query]
			if s == nil {
				var err error
				if s, err = tx.PrepareContext(ctx, query); err != nil {
					return err
				}
				stmts[query] = s
			}
			_, err := s.ExecContext(ctx, args...)
			return err
		}
		for _, row := range rows {
			if err := row.insert(ctx, exec); err != nil {
				return fmt.Errorf("create %s: %w", row.r.ID, err)
			}
		}
		return nil
	})
	if err == nil {
		return errs
	}
	for i := range rs {
		if errs[i] != nil {
			continue
		}
		row := rows[0]
		rows = rows[1:]
		errs[i] = db.inTx(ctx, func(tx *sql.Tx) error { return row.insert(ctx, txExec(tx)) })
	}
	return errs
}
