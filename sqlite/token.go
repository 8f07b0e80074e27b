package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"trex"
)

var _ trex.TokenService = (*DB)(nil)

// CreateToken implements trex.TokenService.
func (db *DB) CreateToken(ctx context.Context, t *trex.Token) (string, error) {
	now := db.now()
	if err := t.Validate(now); err != nil {
		return "", err
	}
	secret := trex.NewTokenSecret()
	t.ID, t.CreatedAt = "T"+randomID(5), now
	_, err := db.exec(ctx, `INSERT INTO tokens (id, hash, role, authority, subject, name, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, trex.HashTokenSecret(secret), string(t.Role), t.Authority, t.Subject, t.Name, nanos(now), nanos(t.ExpiresAt))
	if err != nil {
		return "", fmt.Errorf("create token: %w", err)
	}
	return secret, nil
}

const tokenColumns = `id, role, authority, subject, name, created_at, expires_at, revoked_at`

func scanToken(s scanner) (*trex.Token, error) {
	var (
		t                trex.Token
		role             string
		created, expires int64
		revoked          sql.NullInt64
	)
	if err := s.Scan(&t.ID, &role, &t.Authority, &t.Subject, &t.Name, &created, &expires, &revoked); err != nil {
		return nil, err
	}
	t.Role, t.CreatedAt, t.ExpiresAt = trex.Role(role), fromNanos(created), fromNanos(expires)
	if revoked.Valid {
		at := fromNanos(revoked.Int64)
		t.RevokedAt = &at
	}
	return &t, nil
}

// Authenticate implements trex.TokenService.
func (db *DB) Authenticate(ctx context.Context, secret string) (*trex.Principal, error) {
	if err := trex.CheckSecretForm(secret); err != nil {
		return nil, err
	}
	t, err := scanToken(db.db.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`, trex.HashTokenSecret(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, trex.Errorf(trex.EUNAUTHORIZED, "token is unknown")
	} else if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	return t.Principal(db.now())
}

// ListTokens implements trex.TokenService.
func (db *DB) ListTokens(ctx context.Context) ([]trex.Token, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens ORDER BY created_at`)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	var out []trex.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// RevokeToken implements trex.TokenService.
func (db *DB) RevokeToken(ctx context.Context, id string) error {
	res, err := db.exec(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, nanos(db.now()), id)
	if err != nil {
		return fmt.Errorf("revoke token %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return trex.Errorf(trex.ENOTFOUND, "token %q not found or already revoked", id)
	}
	return nil
}
