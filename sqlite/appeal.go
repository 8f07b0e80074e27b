package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

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
		filed_at        INTEGER NOT NULL,  -- unix nanoseconds
		due_at          INTEGER NOT NULL,
		decided_at      INTEGER,
		decision_reason TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX appeals_queue ON appeals(authority, due_at) WHERE status = 'pending';
	CREATE INDEX appeals_restriction ON appeals(restriction_id);
	CREATE UNIQUE INDEX appeals_one_pending ON appeals(restriction_id) WHERE status = 'pending';
	CREATE INDEX restriction_keys_number ON restriction_keys(` + keyNumber + `);`

// keyNumber is the number of a subject key (KIND:COUNTRY:NUMBER), as an
// expression SQLite can index: RestrictionsByNumber looks it up without the
// country, and queries it in exactly this form so that the index is used.
const keyNumber = `substr(substr(key, instr(key, ':') + 1), instr(substr(key, instr(key, ':') + 1), ':') + 1)`

// NewAppealID returns a fresh appeal ID.
func NewAppealID() string { return "A" + randomID(10) }

const appealColumns = `id, restriction_id, authority, kind, reason, status, filed_at, due_at, decided_at, decision_reason`

func scanAppeal(s scanner) (*trex.Appeal, error) {
	var a trex.Appeal
	var filed, due int64
	var decided sql.NullInt64
	if err := s.Scan(&a.ID, &a.RestrictionID, &a.Authority, &a.Kind, &a.Reason, &a.Status, &filed, &due, &decided, &a.DecisionReason); err != nil {
		return nil, err
	}
	a.FiledAt, a.DueAt = fromNanos(filed), fromNanos(due)
	if decided.Valid {
		t := fromNanos(decided.Int64)
		a.DecidedAt = &t
	}
	return &a, nil
}

// FileAppeal implements trex.AppealService.
func (db *DB) FileAppeal(ctx context.Context, a *trex.Appeal) error {
	if err := trex.CheckReason("reason", a.Reason); err != nil {
		return err
	}
	a.ID, a.Status, a.FiledAt = NewAppealID(), trex.AppealPending, db.now()
	_, err := db.exec(ctx, `INSERT INTO appeals (id, restriction_id, authority, kind, reason, status, filed_at, due_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.RestrictionID, a.Authority, a.Kind, a.Reason, a.Status, nanos(a.FiledAt), nanos(a.DueAt))
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return trex.Errorf(trex.ECONFLICT, "restriction %s has an appeal pending already; wait for its decision", a.RestrictionID)
	}
	if err != nil {
		return fmt.Errorf("file appeal against %s: %w", a.RestrictionID, err)
	}
	return nil
}

// FindAppeal implements trex.AppealService.
func (db *DB) FindAppeal(ctx context.Context, id string) (*trex.Appeal, error) {
	a, err := scanAppeal(db.db.QueryRowContext(ctx, `SELECT `+appealColumns+` FROM appeals WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, trex.Errorf(trex.ENOTFOUND, "appeal %q not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find appeal %s: %w", id, err)
	}
	return a, nil
}

// AppealQueue implements trex.AppealService.
func (db *DB) AppealQueue(ctx context.Context, authority string, limit int) ([]trex.Appeal, error) {
	return db.appeals(ctx, "appeal queue", `SELECT `+appealColumns+` FROM appeals
		WHERE authority = ? AND status = 'pending' ORDER BY due_at, filed_at, id LIMIT ?`, authority, limit)
}

// AppealsOf implements trex.AppealService.
func (db *DB) AppealsOf(ctx context.Context, restrictionIDs []string) ([]trex.Appeal, error) {
	if len(restrictionIDs) == 0 {
		return []trex.Appeal{}, nil
	}
	args := make([]any, len(restrictionIDs))
	for i, id := range restrictionIDs {
		args[i] = id
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(args)), ",")
	return db.appeals(ctx, "appeals of restrictions", `SELECT `+appealColumns+` FROM appeals
		WHERE restriction_id IN (`+marks+`) ORDER BY filed_at DESC, id DESC`, args...)
}

func (db *DB) appeals(ctx context.Context, what, query string, args ...any) ([]trex.Appeal, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
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
	res, err := db.exec(ctx, `UPDATE appeals SET status = ?, decided_at = ?, decision_reason = ?
		WHERE id = ? AND status = 'pending'`, status, nanos(db.now()), reason, id)
	if err != nil {
		return nil, fmt.Errorf("decide appeal %s: %w", id, err)
	}
	a, err := db.FindAppeal(ctx, id)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, trex.Errorf(trex.ECONFLICT, "appeal %s was decided already (%s)", id, a.Status)
	}
	return a, nil
}

// OverdueAppeals implements trex.AppealService.
func (db *DB) OverdueAppeals(ctx context.Context, now time.Time) (int, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM appeals WHERE status = 'pending' AND due_at < ?`, nanos(now)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count overdue appeals: %w", err)
	}
	return n, nil
}

// RestrictionsByNumber implements trex.SubjectFinder.
func (db *DB) RestrictionsByNumber(ctx context.Context, kind, number string) ([]*trex.Restriction, error) {
	n := trex.NormalizeDocumentNumber(number)
	rows, err := db.db.QueryContext(ctx, `SELECT `+restrictionColumns+` FROM restrictions
		WHERE id IN (SELECT restriction_id FROM restriction_keys WHERE `+keyNumber+` = ? AND key LIKE ? ESCAPE '\')
		ORDER BY created_at DESC, id DESC`, n, likeEscape(kind)+":%:"+likeEscape(n))
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

// likeEscape escapes LIKE's wildcards (with backslash as the escape).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
