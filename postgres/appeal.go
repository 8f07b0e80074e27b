package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"trex"
	"trex/internal/rowscan"
)

var (
	_ trex.AppealService = (*DB)(nil)
	_ trex.SubjectFinder = (*DB)(nil)
)

// appealSchema is the schema step that adds appeals.
const appealSchema = `CREATE TABLE appeals (
		id              TEXT PRIMARY KEY,
		restriction_id  TEXT NOT NULL REFERENCES restrictions(id),
		authority       TEXT NOT NULL,
		kind            TEXT NOT NULL,
		reason          TEXT NOT NULL,
		status          TEXT NOT NULL,
		filed_at        TIMESTAMPTZ NOT NULL,
		due_at          TIMESTAMPTZ NOT NULL,
		decided_at      TIMESTAMPTZ,
		decision_reason TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX appeals_queue ON appeals(authority, due_at) WHERE status = 'pending';
	CREATE INDEX appeals_restriction ON appeals(restriction_id);
	CREATE UNIQUE INDEX appeals_one_pending ON appeals(restriction_id) WHERE status = 'pending';
	CREATE INDEX restriction_keys_number ON restriction_keys (split_part(key, ':', 3), split_part(key, ':', 1));`

const appealColumns = `id, restriction_id, authority, kind, reason, status, filed_at, due_at, decided_at, decision_reason`

func scanAppeal(row pgx.Row) (*trex.Appeal, error) {
	var a trex.Appeal
	if err := row.Scan(&a.ID, &a.RestrictionID, &a.Authority, &a.Kind, &a.Reason, &a.Status, &a.FiledAt, &a.DueAt, &a.DecidedAt, &a.DecisionReason); err != nil {
		return nil, err
	}
	a.FiledAt, a.DueAt = a.FiledAt.UTC(), a.DueAt.UTC()
	if a.DecidedAt != nil {
		t := a.DecidedAt.UTC()
		a.DecidedAt = &t
	}
	return &a, nil
}

// FileAppeal implements trex.AppealService.
func (db *DB) FileAppeal(ctx context.Context, a *trex.Appeal) error {
	if err := trex.CheckReason("reason", a.Reason); err != nil {
		return err
	}
	a.ID, a.Status, a.FiledAt = "A"+randomID(10), trex.AppealPending, db.now()
	_, err := db.pool.Exec(ctx, `INSERT INTO appeals (id, restriction_id, authority, kind, reason, status, filed_at, due_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, a.ID, a.RestrictionID, a.Authority, a.Kind, a.Reason, a.Status, a.FiledAt, a.DueAt)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return trex.Errorf(trex.ECONFLICT, "restriction %s has an appeal pending already; wait for its decision", a.RestrictionID)
	}
	if err != nil {
		return fmt.Errorf("file appeal against %s: %w", a.RestrictionID, err)
	}
	return nil
}

// FindAppeal implements trex.AppealService.
func (db *DB) FindAppeal(ctx context.Context, id string) (*trex.Appeal, error) {
	a, err := scanAppeal(db.pool.QueryRow(ctx, `SELECT `+appealColumns+` FROM appeals WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, trex.Errorf(trex.ENOTFOUND, "appeal %q not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find appeal %s: %w", id, err)
	}
	return a, nil
}

// AppealQueue implements trex.AppealService.
func (db *DB) AppealQueue(ctx context.Context, authority string, limit int) ([]trex.Appeal, error) {
	return db.appeals(ctx, "appeal queue", `SELECT `+appealColumns+` FROM appeals
		WHERE authority = $1 AND status = 'pending' ORDER BY due_at, filed_at, id LIMIT $2`, authority, limit)
}

// AppealsOf implements trex.AppealService.
func (db *DB) AppealsOf(ctx context.Context, restrictionIDs []string) ([]trex.Appeal, error) {
	if len(restrictionIDs) == 0 {
		return []trex.Appeal{}, nil
	}
	return db.appeals(ctx, "appeals of restrictions", `SELECT `+appealColumns+` FROM appeals
		WHERE restriction_id = ANY($1) ORDER BY filed_at DESC, id DESC`, restrictionIDs)
}

func (db *DB) appeals(ctx context.Context, what, query string, args ...any) ([]trex.Appeal, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	return rowscan.Collect(rows, what, func(r rowscan.Rows) (*trex.Appeal, error) { return scanAppeal(r) })
}

// DecideAppeal implements trex.AppealService.
func (db *DB) DecideAppeal(ctx context.Context, id, status, reason string) (*trex.Appeal, error) {
	if err := trex.CheckAppealDecision(status, reason); err != nil {
		return nil, err
	}
	tag, err := db.pool.Exec(ctx, `UPDATE appeals SET status = $1, decided_at = $2, decision_reason = $3
		WHERE id = $4 AND status = 'pending'`, status, db.now(), reason, id)
	if err != nil {
		return nil, fmt.Errorf("decide appeal %s: %w", id, err)
	}
	a, err := db.FindAppeal(ctx, id)
	if err != nil {
		return nil, err
	}
	if tag.RowsAffected() == 0 {
		return nil, trex.Errorf(trex.ECONFLICT, "appeal %s was decided already (%s)", id, a.Status)
	}
	return a, nil
}

// OverdueAppeals implements trex.AppealService.
func (db *DB) OverdueAppeals(ctx context.Context, now time.Time) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM appeals WHERE status = 'pending' AND due_at < $1`, now).Scan(&n); err != nil {
		return 0, fmt.Errorf("count overdue appeals: %w", err)
	}
	return n, nil
}

// RestrictionsByNumber implements trex.SubjectFinder.
func (db *DB) RestrictionsByNumber(ctx context.Context, kind, number string) ([]*trex.Restriction, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+restrictionColumns+` FROM restrictions
		WHERE id IN (SELECT restriction_id FROM restriction_keys WHERE split_part(key, ':', 3) = $1 AND split_part(key, ':', 1) = $2)
		ORDER BY created_at DESC, id DESC`, trex.NormalizeDocumentNumber(number), kind)
	if err != nil {
		return nil, fmt.Errorf("restrictions by number: %w", err)
	}
	defer rows.Close()
	out := []*trex.Restriction{}
	for rows.Next() {
		r, err := scanRestriction(rows)
		if err != nil {
			return nil, fmt.Errorf("restrictions by number: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
