package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"trex"
)

var _ trex.BatchCreator = (*DB)(nil)

// CreateRestrictions implements trex.BatchCreator: the valid restrictions
// are written in one transaction and one round trip; should that fail,
// each is tried alone, so that one bad restriction fails by itself.
func (db *DB) CreateRestrictions(ctx context.Context, rs []*trex.Restriction) []error {
	now := db.now()
	errs := make([]error, len(rs))
	rows := make([]*createRow, 0, len(rs))
	b := &pgx.Batch{}
	for i, r := range rs {
		row, err := db.newRow(r, now)
		if err != nil {
			errs[i] = err
			continue
		}
		rows = append(rows, row)
		row.queue(b)
	}
	if len(rows) == 0 {
		return errs
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if len(rows) == 1 {
			if err := tx.SendBatch(ctx, b).Close(); err != nil {
				return fmt.Errorf("create restriction %s: %w", rows[0].r.ID, err)
			}
			return nil
		}
		return copyRows(ctx, tx, rows)
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
		errs[i] = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
			one := &pgx.Batch{}
			row.queue(one)
			if err := tx.SendBatch(ctx, one).Close(); err != nil {
				return fmt.Errorf("create restriction %s: %w", row.r.ID, err)
			}
			return nil
		})
	}
	return errs
}

// copyRows writes rows with COPY, one per table: far less work for the
// server per row than an INSERT each.
func copyRows(ctx context.Context, tx pgx.Tx, rows []*createRow) error {
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"restrictions"},
		[]string{"id", "authority", "kind", "legal_basis", "person", "valid_from", "valid_until", "status", "version", "created_at", "updated_at", "review_due"},
		pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			c := rows[i]
			r := c.r
			return []any{r.ID, r.Authority, r.Kind, r.LegalBasis, c.person, r.ValidFrom, r.ValidUntil, string(r.Status), r.Version, c.now, c.now, nullTime(r.ReviewDue)}, nil
		}))
	if err != nil {
		return fmt.Errorf("insert %d restrictions: %w", len(rows), err)
	}
	var keys [][]any
	for _, c := range rows {
		seen := map[string]bool{}
		for _, id := range c.r.Person.Identifiers {
			if k := id.Key(); trex.NormalizeDocumentNumber(id.Value) != "" && !seen[k] {
				seen[k] = true
				keys = append(keys, []any{k, c.r.ID})
			}
		}
	}
	if len(keys) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"restriction_keys"}, []string{"key", "restriction_id"}, pgx.CopyFromRows(keys)); err != nil {
			return fmt.Errorf("index identifiers of %d restrictions: %w", len(rows), err)
		}
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"outbox"}, []string{"restriction_id", "version", "payload", "created_at"},
		pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			c := rows[i]
			return []any{c.r.ID, c.r.Version, c.payload, c.now}, nil
		}))
	if err != nil {
		return fmt.Errorf("outbox of %d restrictions: %w", len(rows), err)
	}
	return nil
}
