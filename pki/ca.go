package pki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"net"
	"time"
)

// CA is a certificate authority: its certificate and signing key.
type CA struct {
	Cert *x509.Certificate
	Key  crypto.Signer
	// Now is the clock used for validity periods (default time.Now).
	Now func() time.Time
}

// Issued is a certificate with its private key.
type Issued struct {
	Cert *x509.Certificate
	Key  crypto.Signer
}

// Request asks the CA for a certificate.
type Request struct {
	Name string
	Role Role
	// Hosts are the DNS names and IP addresses a server certificate is
	// valid for (required for RoleServer, ignored otherwise).
	Hosts []string
	// ValidFor is how long the certificate is valid (default one year).
	ValidFor time.Duration
}

// NewCA creates a CA named name, valid for validFor (default ten years).
func NewCA(name string, validFor time.Duration) (*CA, error) {
	if validFor <= 0 {
		validFor = 10 * 365 * 24 * time.Hour
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate CA key: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name, Organization: []string{organisation}},
		NotBefore:             now.Add(-5 * time.Minute),
		NotAfter:              now.Add(validFor),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("create CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse CA certificate: %w", err)
	}
	return &CA{Cert: cert, Key: key}, nil
}

// Issue creates a key and a certificate for req, signed by the CA.
func (ca *CA) Issue(req Request) (*Issued, error) {
	if err := ValidName(req.Name); err != nil {
		return nil, fmt.Errorf("issue certificate: %w", err)
	}
	if _, err := ParseRole(string(req.Role)); err != nil {
		return nil, fmt.Errorf("issue certificate for %s: %w", req.Name, err)
	}
	if req.ValidFor <= 0 {
		req.ValidFor = 365 * 24 * time.Hour
	}
	now := time.Now()
	if ca.Now != nil {
		now = ca.Now()
	}
	notAfter := now.Add(req.ValidFor)
	if notAfter.After(ca.Cert.NotAfter) {
		notAfter = ca.Cert.NotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      Subject(req.Name, req.Role),
		NotBefore:    now.Add(-5 * time.Minute),
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	if req.Role == RoleServer {
		if len(req.Hosts) == 0 {
			return nil, errors.New("issue server certificate: give the host names or IP addresses clients dial (e.g. 127.0.0.1,localhost)")
		}
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		for _, h := range req.Hosts {
			if ip := net.ParseIP(h); ip != nil {
				tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
			} else {
				tmpl.DNSNames = append(tmpl.DNSNames, h)
			}
		}
	} else {
		// Client certificates carry no SANs, so the exchange maps them by
		// their subject, which names the principal and its role.
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate key for %s: %w", req.Name, err)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		return nil, fmt.Errorf("sign certificate for %s: %w", req.Name, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse certificate for %s: %w", req.Name, err)
	}
	return &Issued{Cert: cert, Key: key}, nil
}

// serial returns a random 128-bit certificate serial number.
func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return big.NewInt(time.Now().UnixNano()) // crypto/rand does not fail on supported systems
	}
	return n
}
