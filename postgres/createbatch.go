package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
)

var _ trex.BatchCreator = (*DB)(nil)

// CreateRestrictions implements trex.BatchCreator: the valid restrictions
// are written in one transaction and one round trip (insertRows); should
// that fail, each is tried alone, so that one bad restriction fails by
// itself.
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
	if err := db.insertRows(ctx, rows); err == nil {
		return errs
	}
	for i := range rs {
		if errs[i] != nil {
			continue
		}
		row := rows[0]
		rows = rows[1:]
		errs[i] = db.insertRows(ctx, []*createRow{row})
	}
	return errs
}

// CreateBatchesAtOnce tells the registry's group commit how many batches
// of creates to write at once: PostgreSQL commits concurrent transactions
// with a shared WAL flush, so a batch filling while another commits costs
// no extra wait for the disk. The pool holds connections for them and for
// the relay and the API.
func (db *DB) CreateBatchesAtOnce() int { return createWriters }

// createWriters is how many create batches are written at once: two
// keep the disk busy while a batch fills; more split the same clerks into
// smaller batches, each costing the server its statements and its commit
// (measured with 32 clerks before batches waited for company: 70 µs of
// server CPU per create with one writer, 75 with two, 110 with four).
const createWriters = 2

// The inserts of a batch of creates: one statement per table over arrays
// of all the batch's rows, so that each is planned once per connection
// (pgx caches the prepared statement) whatever the batch's size.
const (
	insertRestrictionsSQL = `INSERT INTO restrictions
		(id, authority, kind, legal_basis, person, valid_from, valid_until, status, version, created_at, updated_at, review_due)
		SELECT id, authority, kind, legal_basis, person::jsonb, valid_from, valid_until, status, version, $11, $11, review_due
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
			$8::text[], $9::bigint[], $10::timestamptz[])
			AS t(id, authority, kind, legal_basis, person, valid_from, valid_until, status, version, review_due)`
	insertKeysSQL = `INSERT INTO restriction_keys (key, restriction_id)
		SELECT key, id FROM unnest($1::text[], $2::text[]) AS t(key, id)
		ON CONFLICT DO NOTHING`
	insertOutboxSQL = `INSERT INTO outbox (restriction_id, version, payload, created_at)
		SELECT id, version, payload::jsonb, $4
		FROM unnest($1::text[], $2::bigint[], $3::text[]) WITH ORDINALITY AS t(id, version, payload, n)
		ORDER BY n`
)

// insertRows writes rows (restrictions, their identifier keys, their
// outbox entries, in the order given) in one round trip: the statements
// are sent together and run in one implicit transaction that commits, with
// the WAL flushed, before the server answers. Either all are stored or
// none is.
func (db *DB) insertRows(ctx context.Context, rows []*createRow) error {
	n := len(rows)
	var (
		ids, authorities, kinds, bases = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		persons, statuses, payloads    = make([]string, n), make([]string, n), make([]string, n)
		froms, untils                  = make([]time.Time, n), make([]time.Time, n)
		reviews                        = make([]*time.Time, n)
		versions                       = make([]int64, n)
		keys, keyIDs                   []string
	)
	for i, c := range rows {
		r := c.r
		ids[i], authorities[i], kinds[i], bases[i] = r.ID, r.Authority, r.Kind, r.LegalBasis
		persons[i], statuses[i], payloads[i] = string(c.person), string(r.Status), string(c.payload)
		froms[i], untils[i], reviews[i], versions[i] = r.ValidFrom, r.ValidUntil, nullTime(r.ReviewDue), r.Version
		seen := map[string]bool{}
		for _, k := range r.Person.SubjectKeys() {
			if !seen[k] {
				seen[k] = true
				keys, keyIDs = append(keys, k), append(keyIDs, r.ID)
			}
		}
	}
	b := &pgx.Batch{}
	b.Queue(insertRestrictionsSQL, ids, authorities, kinds, bases, persons, froms, untils, statuses, versions, reviews, rows[0].now)
	if len(keys) > 0 {
		b.Queue(insertKeysSQL, keys, keyIDs)
	}
	b.Queue(insertOutboxSQL, ids, versions, payloads, rows[0].now)
	if err := db.pool.SendBatch(ctx, b).Close(); err != nil {
		if n == 1 {
			return fmt.Errorf("create restriction %s: %w", ids[0], err)
		}
		return fmt.Errorf("create %d restrictions (first %s): %w", n, ids[0], err)
	}
	return nil
}
