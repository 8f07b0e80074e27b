package sqlite

import (
	"context"
	"fmt"

	"trex"
)

// RecordReceipt implements trex.Outbox.
func (db *DB) RecordReceipt(ctx context.Context, rc trex.Receipt) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO receipts (restriction_id, version, node, status, applied_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		rc.RestrictionID, rc.Version, rc.Node, string(rc.Status), nanos(rc.AppliedAt))
	if err != nil {
		return fmt.Errorf("record receipt %s v%d from %s: %w", rc.RestrictionID, rc.Version, rc.Node, err)
	}
	return nil
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
