package pki

import (
	"crypto/x509/pkix"
	"fmt"
	"strings"
)

// Role is what a certificate's holder is allowed to be on the exchange.
type Role string

// Roles a certificate can carry.
const (
	// RoleServer is the NATS exchange itself (a server certificate).
	RoleServer Role = "server"
	// RoleRegistry is an issuer's registry: it publishes restrictions and
	// reads receipts.
	RoleRegistry Role = "registry"
	// RoleBorder is a border node: it reads restrictions and publishes its
	// own receipts.
	RoleBorder Role = "border"
)

// organisation is the O= of every trex certificate.
const organisation = "trex"

// ParseRole accepts server, registry or border.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleServer, RoleRegistry, RoleBorder:
		return r, nil
	}
	return "", fmt.Errorf("role %q: want server, registry or border", s)
}

// ValidName reports whether name can name a principal: lower-case letters,
// digits, - and _, as border node IDs and authorities are spelled.
func ValidName(name string) error {
	if name == "" || len(name) > 64 || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		return fmt.Errorf("name %q: use 1-64 lower-case letters, digits, - and _", name)
	}
	return nil
}

// Subject is the distinguished name of a principal's certificate.
func Subject(name string, role Role) pkix.Name {
	return pkix.Name{CommonName: name, OrganizationalUnit: []string{string(role)}, Organization: []string{organisation}}
}

// UserName is the string a NATS server derives from the subject of a
// principal's certificate ("CN=<name>,OU=<role>,O=trex") and looks up among
// its users when it maps certificates to users.
func UserName(name string, role Role) string {
	return Subject(name, role).ToRDNSequence().String()
}

// Principal is a named holder of a client certificate and its role.
type Principal struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// UserName is the principal's NATS user name.
func (p Principal) UserName() string { return UserName(p.Name, p.Role) }

// PrincipalOf reads which principal a certificate names (its common name
// and its organisational unit as role).
func PrincipalOf(certPath string) (Principal, error) {
	cert, err := readCert(certPath)
	if err != nil {
		return Principal{}, fmt.Errorf("certificate: %w", err)
	}
	if len(cert.Subject.OrganizationalUnit) != 1 {
		return Principal{}, fmt.Errorf("certificate %s names no single role; issue it with trex pki issue", certPath)
	}
	p := Principal{Name: cert.Subject.CommonName, Role: Role(cert.Subject.OrganizationalUnit[0])}
	if err := ValidName(p.Name); err != nil {
		return Principal{}, fmt.Errorf("certificate %s: %w", certPath, err)
	}
	if _, err := ParseRole(string(p.Role)); err != nil {
		return Principal{}, fmt.Errorf("certificate %s: %w", certPath, err)
	}
	return p, nil
}
