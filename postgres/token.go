package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

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
	_, err := db.pool.Exec(ctx, `INSERT INTO tokens (id, hash, role, authority, subject, name, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, t.ID, trex.HashTokenSecret(secret), string(t.Role), t.Authority, t.Subject, t.Name, now, t.ExpiresAt)
	if err != nil {
		return "", fmt.Errorf("create token: %w", err)
	}
	return secret, nil
}

const tokenColumns = `id, role, authority, subject, name, created_at, expires_at, revoked_at`

func scanToken(row pgx.Row) (*trex.Token, error) {
	var t trex.Token
	var role string
	if err := row.Scan(&t.ID, &role, &t.Authority, &t.Subject, &t.Name, &t.CreatedAt, &t.ExpiresAt, &t.RevokedAt); err != nil {
		return nil, err
	}
	t.Role = trex.Role(role)
	return &t, nil
}

// Authenticate implements trex.TokenService.
func (db *DB) Authenticate(ctx context.Context, secret string) (*trex.Principal, error) {
	if err := trex.CheckSecretForm(secret); err != nil {
		return nil, err
	}
	t, err := scanToken(db.pool.QueryRow(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = $1`, trex.HashTokenSecret(secret)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, trex.Errorf(trex.EUNAUTHORIZED, "token is unknown")
	} else if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	return t.Principal(db.now())
}

// ListTokens implements trex.TokenService.
func (db *DB) ListTokens(ctx context.Context) ([]trex.Token, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+tokenColumns+` FROM tokens ORDER BY created_at`)
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
	tag, err := db.pool.Exec(ctx, `UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, db.now(), id)
	if err != nil {
		return fmt.Errorf("revoke token %s: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return trex.Errorf(trex.ENOTFOUND, "token %q not found or already revoked", id)
	}
	return nil
}
