package postgres

import (
	"context"

	"trex"
)

var _ trex.BatchReceipts = (*DB)(nil)

// RecordReceipts implements trex.BatchReceipts. PostgreSQL commits each
// receipt by itself, from as many connections as the pool holds; pgx
// prepares the statements once per connection.
func (db *DB) RecordReceipts(ctx context.Context, rcs []trex.Receipt) []error {
	errs := make([]error, len(rcs))
	for i, rc := range rcs {
		errs[i] = db.RecordReceipt(ctx, rc)
	}
	return errs
}
