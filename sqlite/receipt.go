package sqlite

import (
	"context"
	"fmt"

	"trex"
)

// RecordReceipt implements trex.Outbox: a receipt counts only for a
// version the registry published, and carries the status that version
// had, whatever the node claims.
func (db *DB) RecordReceipt(ctx context.Context, rc trex.Receipt) error {
	res, err := db.exec(ctx, recordReceiptSQL,
		rc.Node, nanos(rc.AppliedAt), rc.RestrictionID, rc.Version)
	if err != nil {
		return fmt.Errorf("record receipt %s v%d from %s: %w", rc.RestrictionID, rc.Version, rc.Node, err)
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	var published int
	if err := db.db.QueryRowContext(ctx, receiptPublishedSQL,
		rc.RestrictionID, rc.Version).Scan(&published); err != nil {
		return fmt.Errorf("record receipt %s v%d from %s: %w", rc.RestrictionID, rc.Version, rc.Node, err)
	}
	if published == 0 {
		return trex.Errorf(trex.ECONFLICT, "receipt from %s for %s v%d: the registry has not published that version", rc.Node, rc.RestrictionID, rc.Version)
	}
	return nil // a duplicate
}

// Receipts implements trex.RestrictionService.
func (db *DB) Receipts(ctx context.Context, id string) ([]trex.Receipt, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT restriction_id, version, node, status, applied_at FROM receipts
		WHERE restriction_id = ? ORDER BY applied_at DESC, node`, id)
	if err != nil {
		return nil, fmt.Errorf("receipts of %s: %w", id, err)
	}
	defer rows.Close()
	out := []trex.Receipt{}
	for rows.Next() {
		var rc trex.Receipt
		var status string
		var at int64
		if err := rows.Scan(&rc.RestrictionID, &rc.Version, &rc.Node, &status, &at); err != nil {
			return nil, err
		}
		rc.Status, rc.AppliedAt = trex.Status(status), fromNanos(at)
		out = append(out, rc)
	}
	return out, rows.Err()
}
