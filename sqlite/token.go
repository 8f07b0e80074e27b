package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"trex"
)

var _ trex.TokenService = (*DB)(nil)

// tokenPrefix marks trex secrets so that scanners can find leaked ones.
const tokenPrefix = "trex_"

func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// CreateToken implements trex.TokenService.
func (db *DB) CreateToken(ctx context.Context, t *trex.Token) (string, error) {
	if _, err := trex.ParseRole(string(t.Role)); err != nil {
		return "", err
	}
	if t.Role == trex.RoleIssuer && t.Authority == "" {
		return "", trex.Errorf(trex.EINVALID, "authority: required for an issuer token")
	}
	t.Subject = trex.NormalizeDocumentNumber(t.Subject)
	if t.Role == trex.RoleSubject && t.Subject == "" {
		return "", trex.Errorf(trex.EINVALID, "subject: required for a subject token (the person's national identifier)")
	}
	now := db.now()
	if t.ExpiresAt.IsZero() || !t.ExpiresAt.After(now) {
		return "", trex.Errorf(trex.EINVALID, "expires_at: must be in the future")
	}
	b := make([]byte, 32)
	rand.Read(b)
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	t.ID = "T" + randomID(5)
	t.CreatedAt = now
	_, err := db.db.ExecContext(ctx, `INSERT INTO tokens (id, hash, role, authority, subject, name, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, hashSecret(secret), string(t.Role), t.Authority, t.Subject, t.Name, nanos(now), nanos(t.ExpiresAt))
	if err != nil {
		return "", fmt.Errorf("create token: %w", err)
	}
	return secret, nil
}

// Authenticate implements trex.TokenService.
func (db *DB) Authenticate(ctx context.Context, secret string) (*trex.Principal, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil, trex.Errorf(trex.EUNAUTHORIZED, "token is not a trex token")
	}
	var (
		p       trex.Principal
		role    string
		expires int64
		revoked sql.NullInt64
	)
	err := db.db.QueryRowContext(ctx, `SELECT id, role, authority, subject, name, expires_at, revoked_at FROM tokens WHERE hash = ?`,
		hashSecret(secret)).Scan(&p.TokenID, &role, &p.Authority, &p.Subject, &p.Name, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, trex.Errorf(trex.EUNAUTHORIZED, "token is unknown")
	} else if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	if revoked.Valid {
		return nil, trex.Errorf(trex.EUNAUTHORIZED, "token %s was revoked", p.TokenID)
	}
	if !fromNanos(expires).After(db.now()) {
		return nil, trex.Errorf(trex.EUNAUTHORIZED, "token %s has expired; ask an admin for a new one", p.TokenID)
	}
	p.Role = trex.Role(role)
	return &p, nil
}

// ListTokens implements trex.TokenService.
func (db *DB) ListTokens(ctx context.Context) ([]trex.Token, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, role, authority, subject, name, created_at, expires_at, revoked_at FROM tokens ORDER BY created_at`)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	var out []trex.Token
	for rows.Next() {
		var (
			t                trex.Token
			role             string
			created, expires int64
			revoked          sql.NullInt64
		)
		if err := rows.Scan(&t.ID, &role, &t.Authority, &t.Subject, &t.Name, &created, &expires, &revoked); err != nil {
			return nil, err
		}
		t.Role, t.CreatedAt, t.ExpiresAt = trex.Role(role), fromNanos(created), fromNanos(expires)
		if revoked.Valid {
			at := fromNanos(revoked.Int64)
			t.RevokedAt = &at
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken implements trex.TokenService.
func (db *DB) RevokeToken(ctx context.Context, id string) error {
	res, err := db.db.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, nanos(db.now()), id)
	if err != nil {
		return fmt.Errorf("revoke token %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return trex.Errorf(trex.ENOTFOUND, "token %q not found or already revoked", id)
	}
	return nil
}
