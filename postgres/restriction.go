package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
)

var (
	_ trex.RestrictionService = (*DB)(nil)
	_ trex.Outbox             = (*DB)(nil)
	_ trex.SubjectService     = (*DB)(nil)
)

// CreateRestriction implements trex.RestrictionService: the restriction,
// its identifier keys and its outbox entry in one round trip and one
// transaction (insertRows).
func (db *DB) CreateRestriction(ctx context.Context, r *trex.Restriction) error {
	row, err := db.newRow(r, db.now())
	if err != nil {
		return err
	}
	return db.insertRows(ctx, []*createRow{row})
}

// newRow validates a restriction to create, gives it its ID, version and
// dates, and encodes it for the insert.
func (db *DB) newRow(r *trex.Restriction, now time.Time) (*createRow, error) {
	if r.ValidFrom.IsZero() {
		r.ValidFrom = now
	}
	if err := r.Validate(now, db.Kinds); err != nil {
		return nil, err
	}
	r.ID = "R" + randomID(10)
	r.Status, r.Version = trex.StatusActive, 1
	r.CreatedAt, r.UpdatedAt = now, now
	r.ValidFrom, r.ValidUntil = r.ValidFrom.UTC(), r.ValidUntil.UTC()
	person, err := json.Marshal(r.Person)
	if err != nil {
		return nil, fmt.Errorf("encode person: %w", err)
	}
	kind, _ := db.Kinds.Lookup(r.Kind)
	r.ReviewDue = kind.ReviewDueAfter(now)
	payload, err := json.Marshal(trex.Change{Restriction: *r, At: now})
	if err != nil {
		return nil, err
	}
	return &createRow{r: r, person: person, payload: payload, now: now}, nil
}

// createRow is a new restriction encoded for its inserts.
type createRow struct {
	r               *trex.Restriction
	person, payload []byte
	now             time.Time
}

type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// restrictionColumns are the columns scanRestriction reads, in order.
const restrictionColumns = `id, authority, kind, legal_basis, person, valid_from, valid_until, status, version, lift_reason,
	created_at, updated_at, review_due`

func findRestriction(ctx context.Context, q queryRower, id string, lock bool) (*trex.Restriction, error) {
	query := `SELECT ` + restrictionColumns + ` FROM restrictions WHERE id = $1`
	if lock {
		query += ` FOR UPDATE`
	}
	r, err := scanRestriction(q.QueryRow(ctx, query, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, trex.Errorf(trex.ENOTFOUND, "restriction %q not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find restriction %s: %w", id, err)
	}
	return r, nil
}

// scanRestriction reads one row of restrictionColumns.
func scanRestriction(row pgx.Row) (*trex.Restriction, error) {
	var (
		r      trex.Restriction
		person []byte
		status string
		review *time.Time
	)
	if err := row.Scan(&r.ID, &r.Authority, &r.Kind, &r.LegalBasis, &person, &r.ValidFrom, &r.ValidUntil,
		&status, &r.Version, &r.LiftReason, &r.CreatedAt, &r.UpdatedAt, &review); err != nil {
		return nil, err
	}
	if review != nil {
		r.ReviewDue = review.UTC()
	}
	if err := json.Unmarshal(person, &r.Person); err != nil {
		return nil, fmt.Errorf("decode person of restriction %s: %w", r.ID, err)
	}
	r.Status = trex.Status(status)
	r.ValidFrom, r.ValidUntil, r.CreatedAt, r.UpdatedAt = r.ValidFrom.UTC(), r.ValidUntil.UTC(), r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &r, nil
}

// FindRestriction implements trex.RestrictionService.
func (db *DB) FindRestriction(ctx context.Context, id string) (*trex.Restriction, error) {
	return findRestriction(ctx, db.pool, id, false)
}

// LiftRestriction implements trex.RestrictionService.
func (db *DB) LiftRestriction(ctx context.Context, id, reason string) (*trex.Restriction, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, trex.Errorf(trex.EINVALID, "reason: required; say why the restriction is lifted")
	}
	var out *trex.Restriction
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		r, err := findRestriction(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if r.Status != trex.StatusActive {
			return trex.Errorf(trex.ECONFLICT, "restriction %s is %s, not active; nothing to lift", id, r.Status)
		}
		r.Status, r.LiftReason, r.Version, r.UpdatedAt = trex.StatusLifted, reason, r.Version+1, db.now()
		if err := update(ctx, tx, r); err != nil {
			return err
		}
		out = r
		return enqueue(ctx, tx, r, r.UpdatedAt)
	})
	return out, err
}

// ExpireDue implements trex.RestrictionService: one transaction for the
// batch, a savepoint per restriction, so that a row that cannot be expired
// is rolled back alone and reported while the others are expired.
func (db *DB) ExpireDue(ctx context.Context, now time.Time) (int, error) {
	n := 0
	var failed []error
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id FROM restrictions WHERE status = 'active' AND valid_until <= $1
			ORDER BY valid_until LIMIT 1000 FOR UPDATE SKIP LOCKED`, now)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		for _, id := range ids {
			err := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error { return db.expireOne(ctx, sp, id) })
			if err != nil {
				if ctx.Err() != nil {
					return err
				}
				failed = append(failed, fmt.Errorf("expire %s: %w", id, err))
				continue
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("expire due restrictions: %w", err)
	}
	return n, errors.Join(failed...)
}

// expireOne marks the active restriction id expired and writes the change
// to the outbox, inside tx.
func (db *DB) expireOne(ctx context.Context, tx pgx.Tx, id string) error {
	r, err := findRestriction(ctx, tx, id, false)
	if err != nil {
		return err
	}
	r.Status, r.Version, r.UpdatedAt = trex.StatusExpired, r.Version+1, db.now()
	if err := update(ctx, tx, r); err != nil {
		return err
	}
	return enqueue(ctx, tx, r, r.UpdatedAt)
}

func update(ctx context.Context, tx pgx.Tx, r *trex.Restriction) error {
	_, err := tx.Exec(ctx, `UPDATE restrictions SET status = $1, version = $2, lift_reason = $3, updated_at = $4 WHERE id = $5`,
		string(r.Status), r.Version, r.LiftReason, r.UpdatedAt, r.ID)
	if err != nil {
		return fmt.Errorf("update restriction %s v%d: %w", r.ID, r.Version, err)
	}
	return nil
}

// enqueue writes the change to the outbox inside the caller's transaction.
// Its sequence is the row's key, set on the change when it is read back.
func enqueue(ctx context.Context, tx pgx.Tx, r *trex.Restriction, now time.Time) error {
	payload, err := json.Marshal(trex.Change{Restriction: *r, At: now})
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO outbox (restriction_id, version, payload, created_at) VALUES ($1, $2, $3, $4)`,
		r.ID, r.Version, payload, now); err != nil {
		return fmt.Errorf("outbox %s v%d: %w", r.ID, r.Version, err)
	}
	return nil
}

// Receipts implements trex.RestrictionService.
func (db *DB) Receipts(ctx context.Context, id string) ([]trex.Receipt, error) {
	rows, err := db.pool.Query(ctx, `SELECT restriction_id, version, node, status, applied_at FROM receipts
		WHERE restriction_id = $1 ORDER BY applied_at DESC, node`, id)
	if err != nil {
		return nil, fmt.Errorf("receipts of %s: %w", id, err)
	}
	defer rows.Close()
	out := []trex.Receipt{}
	for rows.Next() {
		var rc trex.Receipt
		var status string
		if err := rows.Scan(&rc.RestrictionID, &rc.Version, &rc.Node, &status, &rc.AppliedAt); err != nil {
			return nil, err
		}
		rc.Status, rc.AppliedAt = trex.Status(status), rc.AppliedAt.UTC()
		out = append(out, rc)
	}
	return out, rows.Err()
}

// RestrictionsOf implements trex.SubjectService, in one query.
func (db *DB) RestrictionsOf(ctx context.Context, id string) ([]*trex.Restriction, error) {
	ident, err := trex.ParseIdentifier(id)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT `+restrictionColumns+` FROM restrictions
		WHERE id IN (SELECT restriction_id FROM restriction_keys WHERE key = $1)
		ORDER BY created_at DESC, id DESC`, ident.Key())
	if err != nil {
		return nil, fmt.Errorf("restrictions of subject: %w", err)
	}
	defer rows.Close()
	out := []*trex.Restriction{}
	for rows.Next() {
		r, err := scanRestriction(rows)
		if err != nil {
			return nil, fmt.Errorf("restrictions of subject: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("restrictions of subject: %w", err)
	}
	return out, nil
}
