package trex

import (
	"context"
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
	Subject   string `json:"subject,omitempty"`   // for subjects: their national identifier
	Name      string `json:"name,omitempty"`
}

// Token describes an API token. The secret itself is shown once, at
// creation, and stored only as a hash.
type Token struct {
	ID        string     `json:"id"`
	Role      Role       `json:"role"`
	Authority string     `json:"authority,omitempty"`
	Subject   string     `json:"subject,omitempty"` // subject tokens: the person's national identifier
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
