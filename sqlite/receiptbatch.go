package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"trex"
)

var _ trex.BatchReceipts = (*DB)(nil)

const (
	recordReceiptSQL = `INSERT INTO receipts (restriction_id, version, node, status, applied_at)
		SELECT o.restriction_id, o.version, ?, json_extract(o.payload, '$.restriction.status'), ? FROM outbox o
		WHERE o.restriction_id = ? AND o.version = ? AND o.published_at IS NOT NULL
		ON CONFLICT DO NOTHING`
	receiptPublishedSQL = `SELECT COUNT(*) FROM outbox WHERE restriction_id = ? AND version = ? AND published_at IS NOT NULL`
)

// RecordReceipts implements trex.BatchReceipts: the receipts in one
// transaction through prepared statements, each judged as RecordReceipt
// judges it.
func (db *DB) RecordReceipts(ctx context.Context, rcs []trex.Receipt) []error {
	errs := make([]error, len(rcs))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, recordReceiptSQL)
		if err != nil {
			return err
		}
		defer ins.Close()
		var published *sql.Stmt
		for i, rc := range rcs {
			res, err := ins.ExecContext(ctx, rc.Node, nanos(rc.AppliedAt), rc.RestrictionID, rc.Version)
			if err != nil {
				return fmt.Errorf("record receipt %s v%d from %s: %w", rc.RestrictionID, rc.Version, rc.Node, err)
			}
			if n, err := res.RowsAffected(); err != nil || n > 0 {
				errs[i] = err
				continue
			}
			if published == nil {
				if published, err = tx.PrepareContext(ctx, receiptPublishedSQL); err != nil {
					return err
				}
				defer published.Close()
			}
			var n int
			if err := published.QueryRowContext(ctx, rc.RestrictionID, rc.Version).Scan(&n); err != nil {
				return fmt.Errorf("record receipt %s v%d from %s: %w", rc.RestrictionID, rc.Version, rc.Node, err)
			}
			if n == 0 {
				errs[i] = trex.Errorf(trex.ECONFLICT, "receipt from %s for %s v%d: the registry has not published that version", rc.Node, rc.RestrictionID, rc.Version)
			}
		}
		return nil
	})
	if err != nil {
		for i := range errs {
			errs[i] = err
		}
	}
	return errs
}
