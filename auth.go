package trex

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// Role is what a caller may do. Authorization is decided in one place, from
// the role and, for issuers, the authority.
type Role string

// Roles.
const (
	RoleIssuer     Role = "issuer"     // an issuing authority's clerk: its own restrictions only
	RoleOfficer    Role = "officer"    // a border officer: checks travellers, never lists
	RoleSupervisor Role = "supervisor" // resolves referrals, overrides with a reason
	RoleAuditor    Role = "auditor"    // reads the audit trail; cannot search persons
	RoleSubject    Role = "subject"    // a person: own status only
	RoleAdmin      Role = "admin"      // keys, nodes, tokens
	RoleCarrier    Role = "carrier"    // an airline or other carrier: submits manifests
)

// ParseRole validates a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleIssuer, RoleOfficer, RoleSupervisor, RoleAuditor, RoleSubject, RoleAdmin, RoleCarrier:
		return r, nil
	}
	return "", Errorf(EINVALID, "role %q: want issuer, officer, supervisor, auditor, subject, carrier or admin", s)
}

// Principal is an authenticated caller.
type Principal struct {
	TokenID   string `json:"token_id"`
	Role      Role   `json:"role"`
	Authority string `json:"authority,omitempty"` // for issuers: whose restrictions
	Subject   string `json:"subject,omitempty"`   // for subjects: their identifier's Key
	Name      string `json:"name,omitempty"`
	// ExpiresAt is when the token stops working (zero: unknown), so that
	// a cache of principals never outlives the token.
	ExpiresAt time.Time `json:"-"`
}

// Token describes an API token. The secret itself is shown once, at
// creation, and stored only as a hash.
type Token struct {
	ID        string     `json:"id"`
	Role      Role       `json:"role"`
	Authority string     `json:"authority,omitempty"`
	Subject   string     `json:"subject,omitempty"` // subject tokens: the person's identifier (ParseIdentifier), stored as its Key
	Name      string     `json:"name,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// TokenService issues and checks API tokens.
type TokenService interface {
	// CreateToken stores a new token and returns its secret (shown once).
	CreateToken(ctx context.Context, t *Token) (secret string, err error)
	// Authenticate returns the principal for a secret, or EUNAUTHORIZED
	// when it is unknown, expired or revoked.
	Authenticate(ctx context.Context, secret string) (*Principal, error)
	// ListTokens lists tokens (never their secrets).
	ListTokens(ctx context.Context) ([]Token, error)
	// RevokeToken revokes a token by ID; ENOTFOUND if unknown.
	RevokeToken(ctx context.Context, id string) error
}

type principalKey struct{}

// NewContextWithPrincipal returns ctx carrying p.
func NewContextWithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFromContext returns the caller, or nil.
func PrincipalFromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// TokenPrefix marks trex secrets so that scanners can find leaked ones.
const TokenPrefix = "trex_"

// NewTokenSecret returns a fresh random secret (256 bits).
func NewTokenSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// HashTokenSecret is how stores keep a secret: SHA-256, hex. Secrets are
// random and long, so a plain hash suffices (no password stretching).
func HashTokenSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// Validate checks a token before it is stored, normalising its subject.
func (t *Token) Validate(now time.Time) error {
	if _, err := ParseRole(string(t.Role)); err != nil {
		return err
	}
	if t.Role == RoleIssuer && t.Authority == "" {
		return Errorf(EINVALID, "authority: required for an issuer token")
	}
	if t.Role == RoleSubject && strings.TrimSpace(t.Subject) == "" {
		return Errorf(EINVALID, "subject: required for a subject token (the person's identifier, KIND:COUNTRY:NUMBER)")
	}
	if t.Subject != "" {
		id, err := ParseIdentifier(t.Subject)
		if err != nil {
			return Errorf(EINVALID, "subject: %s", ErrorMessage(err))
		}
		t.Subject = id.Key()
	}
	if t.ExpiresAt.IsZero() || !t.ExpiresAt.After(now) {
		return Errorf(EINVALID, "expires_at: must be in the future")
	}
	return nil
}

// CheckSecretForm refuses a secret that is not a trex token at all, before
// any store is asked about it.
func CheckSecretForm(secret string) error {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return Errorf(EUNAUTHORIZED, "token is not a trex token")
	}
	return nil
}

// Principal returns the caller a stored token stands for at now, or
// EUNAUTHORIZED when the token is revoked or expired.
func (t *Token) Principal(now time.Time) (*Principal, error) {
	if t.RevokedAt != nil {
		return nil, Errorf(EUNAUTHORIZED, "token %s was revoked", t.ID)
	}
	if !t.ExpiresAt.After(now) {
		return nil, Errorf(EUNAUTHORIZED, "token %s has expired; ask an admin for a new one", t.ID)
	}
	return &Principal{TokenID: t.ID, Role: t.Role, Authority: t.Authority, Subject: t.Subject, Name: t.Name, ExpiresAt: t.ExpiresAt}, nil
}
