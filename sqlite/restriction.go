package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"trex"
)

// Ensure the registry satisfies the domain contracts.
var (
	_ trex.RestrictionService = (*DB)(nil)
	_ trex.Outbox             = (*DB)(nil)
)

// NewRestrictionID returns a random, unguessable restriction identifier.
func NewRestrictionID() string { return "R" + randomID(10) }

func randomID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToUpper(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// CreateRestriction implements trex.RestrictionService.
func (db *DB) CreateRestriction(ctx context.Context, r *trex.Restriction) error {
	now := db.now()
	row, err := db.newRow(r, now)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return row.insert(ctx, txExec(tx)) })
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
	from, err := storedNanos("valid_from", r.ValidFrom)
	if err != nil {
		return nil, err
	}
	until, err := storedNanos("valid_until", r.ValidUntil)
	if err != nil {
		return nil, err
	}
	r.ID = NewRestrictionID()
	r.Status = trex.StatusActive
	r.Version = 1
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
	return &createRow{r: r, person: string(person), payload: string(payload), from: from, until: until, now: nanos(now)}, nil
}

// createRow is a new restriction encoded for its inserts.
type createRow struct {
	r                *trex.Restriction
	person, payload  string
	from, until, now int64
}

const (
	insertRestrictionSQL = `INSERT INTO restrictions
			(id, authority, kind, legal_basis, person, valid_from, valid_until, status, version, lift_reason, created_at, updated_at, review_due)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`
	insertKeySQL    = `INSERT OR IGNORE INTO restriction_keys (key, restriction_id) VALUES (?, ?)`
	insertOutboxSQL = `INSERT INTO outbox (restriction_id, version, payload, created_at) VALUES (?, ?, ?, ?)`
)

// execFunc runs one of the statements above with args.
type execFunc func(ctx context.Context, query string, args ...any) error

func txExec(tx *sql.Tx) execFunc {
	return func(ctx context.Context, query string, args ...any) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	}
}

// insert writes the restriction, its identifiers and its outbox entry.
func (c *createRow) insert(ctx context.Context, exec execFunc) error {
	r := c.r
	if err := exec(ctx, insertRestrictionSQL, r.ID, r.Authority, r.Kind, r.LegalBasis, c.person, c.from, c.until,
		string(r.Status), r.Version, c.now, c.now, nullNanos(r.ReviewDue)); err != nil {
		return fmt.Errorf("insert restriction: %w", err)
	}
	for _, id := range r.Person.Identifiers {
		if trex.NormalizeDocumentNumber(id.Value) != "" {
			if err := exec(ctx, insertKeySQL, id.Key(), r.ID); err != nil {
				return fmt.Errorf("index identifier: %w", err)
			}
		}
	}
	if err := exec(ctx, insertOutboxSQL, r.ID, r.Version, c.payload, c.now); err != nil {
		return fmt.Errorf("outbox %s v%d: %w", r.ID, r.Version, err)
	}
	return nil
}

// FindRestriction implements trex.RestrictionService.
func (db *DB) FindRestriction(ctx context.Context, id string) (*trex.Restriction, error) {
	return findRestriction(ctx, db.db, id)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// restrictionColumns are the columns scanRestriction reads, in order.
const restrictionColumns = `id, authority, kind, legal_basis, person, valid_from, valid_until,
	status, version, lift_reason, created_at, updated_at, review_due`

func findRestriction(ctx context.Context, q querier, id string) (*trex.Restriction, error) {
	r, err := scanRestriction(q.QueryRowContext(ctx, `SELECT `+restrictionColumns+` FROM restrictions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, trex.Errorf(trex.ENOTFOUND, "restriction %q not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find restriction %s: %w", id, err)
	}
	return r, nil
}

// scanRestriction reads one row of restrictionColumns.
func scanRestriction(s scanner) (*trex.Restriction, error) {
	var (
		r                             trex.Restriction
		person, status                string
		from, until, created, updated int64
		review                        sql.NullInt64
	)
	if err := s.Scan(&r.ID, &r.Authority, &r.Kind, &r.LegalBasis, &person, &from, &until, &status, &r.Version,
		&r.LiftReason, &created, &updated, &review); err != nil {
		return nil, err
	}
	if review.Valid {
		r.ReviewDue = fromNanos(review.Int64)
	}
	if err := json.Unmarshal([]byte(person), &r.Person); err != nil {
		return nil, fmt.Errorf("decode person of restriction %s: %w", r.ID, err)
	}
	r.Status = trex.Status(status)
	r.ValidFrom, r.ValidUntil = fromNanos(from), fromNanos(until)
	r.CreatedAt, r.UpdatedAt = fromNanos(created), fromNanos(updated)
	return &r, nil
}

// LiftRestriction implements trex.RestrictionService.
func (db *DB) LiftRestriction(ctx context.Context, id, reason string) (*trex.Restriction, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, trex.Errorf(trex.EINVALID, "reason: required; say why the restriction is lifted")
	}
	var out *trex.Restriction
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := findRestriction(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Status != trex.StatusActive {
			return trex.Errorf(trex.ECONFLICT, "restriction %s is %s, not active; nothing to lift", id, r.Status)
		}
		now := db.now()
		r.Status, r.LiftReason, r.Version, r.UpdatedAt = trex.StatusLifted, reason, r.Version+1, now
		if err := update(ctx, tx, r); err != nil {
			return err
		}
		out = r
		return enqueue(ctx, tx, r, now)
	})
	return out, err
}

// ExpireDue implements trex.RestrictionService: one transaction for the
// batch, a savepoint per restriction, so that a row that cannot be expired
// is rolled back alone and reported while the others are expired.
func (db *DB) ExpireDue(ctx context.Context, now time.Time) (int, error) {
	n := 0
	var failed []error
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM restrictions WHERE status = ? AND valid_until <= ?
			ORDER BY valid_until LIMIT 1000`, string(trex.StatusActive), nanos(now))
		if err != nil {
			return fmt.Errorf("find due restrictions: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("find due restrictions: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("find due restrictions: %w", err)
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `SAVEPOINT expire_one`); err != nil {
				return fmt.Errorf("expire %s: %w", id, err)
			}
			if err := db.expireOne(ctx, tx, id); err != nil {
				failed = append(failed, fmt.Errorf("expire %s: %w", id, err))
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO expire_one`); err != nil {
					return fmt.Errorf("expire %s: roll back: %w", id, err)
				}
			} else {
				n++
			}
			if _, err := tx.ExecContext(ctx, `RELEASE expire_one`); err != nil {
				return fmt.Errorf("expire %s: %w", id, err)
			}
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
func (db *DB) expireOne(ctx context.Context, tx *sql.Tx, id string) error {
	r, err := findRestriction(ctx, tx, id)
	if err != nil {
		return err
	}
	r.Status, r.Version, r.UpdatedAt = trex.StatusExpired, r.Version+1, db.now()
	if err := update(ctx, tx, r); err != nil {
		return err
	}
	return enqueue(ctx, tx, r, r.UpdatedAt)
}

func update(ctx context.Context, tx *sql.Tx, r *trex.Restriction) error {
	_, err := tx.ExecContext(ctx, `UPDATE restrictions SET status = ?, version = ?, lift_reason = ?, updated_at = ? WHERE id = ?`,
		string(r.Status), r.Version, r.LiftReason, nanos(r.UpdatedAt), r.ID)
	if err != nil {
		return fmt.Errorf("update restriction %s v%d: %w", r.ID, r.Version, err)
	}
	return nil
}

// enqueue writes the change to the outbox inside the caller's transaction.
// Its sequence is the row's key, set on the change when it is read back.
func enqueue(ctx context.Context, tx *sql.Tx, r *trex.Restriction, now time.Time) error {
	payload, err := json.Marshal(trex.Change{Restriction: *r, At: now})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (restriction_id, version, payload, created_at) VALUES (?, ?, ?, ?)`,
		r.ID, r.Version, string(payload), nanos(now)); err != nil {
		return fmt.Errorf("outbox %s v%d: %w", r.ID, r.Version, err)
	}
	return nil
}

func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return storageTrouble(fmt.Errorf("begin: %w", err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return storageTrouble(err)
	}
	if err := tx.Commit(); err != nil {
		return storageTrouble(fmt.Errorf("commit: %w", err))
	}
	return nil
}
