package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"trex"
)

var _ trex.CheckLog = (*DB)(nil)

// RecordCheck implements trex.CheckLog.
func (db *DB) RecordCheck(ctx context.Context, rec *trex.CheckRecord) error {
	return db.RecordChecks(ctx, []*trex.CheckRecord{rec})
}

// RecordChecks implements trex.CheckLog. Concurrent callers' records are
// written together, in one transaction (checkBatch).
func (db *DB) RecordChecks(ctx context.Context, recs []*trex.CheckRecord) error {
	if len(recs) == 0 {
		return nil
	}
	return db.recordChecks(ctx, recs)
}

const checkColumns = `id, at, node, officer, verdict, restrictions, document, resolution, resolved_by, resolved_at, resolve_reason, reason, reason_code`

type scanner interface{ Scan(...any) error }

func scanCheck(s scanner) (*trex.CheckRecord, error) {
	var (
		rec        trex.CheckRecord
		at         int64
		resolvedAt sql.NullInt64
		verdict    string
		ids        string
	)
	if err := s.Scan(&rec.ID, &at, &rec.Node, &rec.Officer, &verdict, &ids, &rec.Document, &rec.Resolution,
		&rec.ResolvedBy, &resolvedAt, &rec.ResolveReason, &rec.Reason, &rec.ReasonCode); err != nil {
		return nil, err
	}
	rec.At, rec.Verdict = fromNanos(at), trex.Verdict(verdict)
	if resolvedAt.Valid {
		rec.ResolvedAt = fromNanos(resolvedAt.Int64)
	}
	if err := json.Unmarshal([]byte(ids), &rec.RestrictionIDs); err != nil {
		return nil, fmt.Errorf("check %s: %w", rec.ID, err)
	}
	return &rec, nil
}

// ResolveCheck implements trex.CheckLog.
func (db *DB) ResolveCheck(ctx context.Context, id, resolution, code, by, reason string) (*trex.CheckRecord, error) {
	if err := trex.ValidateResolution(resolution, code, reason); err != nil {
		return nil, err
	}
	var out *trex.CheckRecord
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		rec, err := scanCheck(tx.QueryRowContext(ctx, `SELECT `+checkColumns+` FROM checks WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return trex.Errorf(trex.ENOTFOUND, "check %q not found", id)
		} else if err != nil {
			return err
		}
		if rec.Verdict == trex.Clear {
			return trex.Errorf(trex.ECONFLICT, "check %s was clear; there is nothing to resolve", id)
		}
		if rec.Resolution != "" {
			return trex.Errorf(trex.ECONFLICT, "check %s was already %s by %s", id, rec.Resolution, rec.ResolvedBy)
		}
		rec.Resolution, rec.ResolvedBy, rec.ResolvedAt, rec.ResolveReason, rec.ReasonCode = resolution, by, db.now(), reason, code
		_, err = tx.ExecContext(ctx, `UPDATE checks SET resolution = ?, resolved_by = ?, resolved_at = ?, resolve_reason = ?, reason_code = ? WHERE id = ?`,
			resolution, by, nanos(rec.ResolvedAt), reason, code, id)
		out = rec
		return err
	})
	return out, err
}

// ChecksSince implements trex.CheckLog.
func (db *DB) ChecksSince(ctx context.Context, since time.Time, limit int) ([]trex.CheckRecord, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+checkColumns+` FROM checks WHERE at >= ? ORDER BY at, id LIMIT ?`, nanos(since), limit)
	if err != nil {
		return nil, fmt.Errorf("read checks: %w", err)
	}
	defer rows.Close()
	out := []trex.CheckRecord{}
	for rows.Next() {
		rec, err := scanCheck(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *rec)
	}
	return out, rows.Err()
}

var _ trex.SubjectService = (*DB)(nil)

// RestrictionsOf implements trex.SubjectService, in one query.
func (db *DB) RestrictionsOf(ctx context.Context, id string) ([]*trex.Restriction, error) {
	ident, err := trex.ParseIdentifier(id)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+restrictionColumns+` FROM restrictions
		WHERE id IN (SELECT restriction_id FROM restriction_keys WHERE key = ?)
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
