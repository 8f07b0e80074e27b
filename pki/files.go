package pki

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Files are the paths of one principal's credentials in a PKI directory.
type Files struct {
	CA   string // the CA certificate that verifies the other side
	Cert string
	Key  string
}

// FilesFor returns where dir holds the CA certificate and name's
// certificate and key (DIR/ca.crt, DIR/<name>.crt, DIR/<name>.key).
func FilesFor(dir, name string) Files {
	return Files{CA: filepath.Join(dir, "ca.crt"), Cert: filepath.Join(dir, name+".crt"), Key: filepath.Join(dir, name+".key")}
}

// Exist reports whether all three files are present.
func (f Files) Exist() bool {
	for _, p := range []string{f.CA, f.Cert, f.Key} {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}

const caName = "ca"

// InitCA creates a CA in dir (DIR/ca.crt, DIR/ca.key mode 0600). It refuses
// to overwrite an existing CA, since every certificate it issued would stop
// verifying.
func InitCA(dir, name string) (*CA, error) {
	f := FilesFor(dir, caName)
	if _, err := os.Stat(f.Key); err == nil {
		return nil, fmt.Errorf("pki init: %s already holds a CA; use it, or choose another --dir", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pki init: %w", err)
	}
	ca, err := NewCA(name, 0)
	if err != nil {
		return nil, err
	}
	if err := writeKeyPair(f.Cert, f.Key, ca.Cert, ca.Key); err != nil {
		return nil, fmt.Errorf("pki init: %w", err)
	}
	return ca, nil
}

// LoadCA reads the CA that InitCA wrote to dir.
func LoadCA(dir string) (*CA, error) {
	f := FilesFor(dir, caName)
	cert, key, err := readKeyPair(f.Cert, f.Key)
	if err != nil {
		return nil, fmt.Errorf("load CA from %s (run trex pki init --dir %s first): %w", dir, dir, err)
	}
	if !cert.IsCA {
		return nil, fmt.Errorf("load CA: %s is not a CA certificate", f.Cert)
	}
	return &CA{Cert: cert, Key: key}, nil
}

// LoadOrInitCA loads the CA in dir, creating it if there is none.
func LoadOrInitCA(dir, name string) (*CA, error) {
	if _, err := os.Stat(FilesFor(dir, caName).Key); errors.Is(err, os.ErrNotExist) {
		return InitCA(dir, name)
	}
	return LoadCA(dir)
}

// IssueTo issues a certificate for req and writes it with its key to dir
// (DIR/<name>.crt, DIR/<name>.key mode 0600). Client principals are added to
// DIR/principals.json, the list the exchange loads its users from.
func (ca *CA) IssueTo(dir string, req Request) (Files, error) {
	if req.Name == caName {
		return Files{}, fmt.Errorf("issue: the name %q is the CA's own", caName)
	}
	is, err := ca.Issue(req)
	if err != nil {
		return Files{}, err
	}
	f := FilesFor(dir, req.Name)
	if err := writeKeyPair(f.Cert, f.Key, is.Cert, is.Key); err != nil {
		return Files{}, fmt.Errorf("issue %s: %w", req.Name, err)
	}
	if req.Role != RoleServer {
		if err := AddPrincipal(PrincipalsFile(dir), Principal{Name: req.Name, Role: req.Role}); err != nil {
			return Files{}, err
		}
	}
	return f, nil
}

func writeKeyPair(certPath, keyPath string, cert *x509.Certificate, key crypto.Signer) error {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return fmt.Errorf("encode key: %w", err)
	}
	if err := writeFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		return err
	}
	return writeFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o644)
}

// writeFile replaces path atomically (write a temporary file, rename).
func writeFile(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// readCert reads the first certificate of a PEM file.
func readCert(path string) (*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b, _ := pem.Decode(data)
	if b == nil || b.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("%s: no PEM certificate", path)
	}
	cert, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cert, nil
}

func readKeyPair(certPath, keyPath string) (*x509.Certificate, crypto.Signer, error) {
	cert, err := readCert(certPath)
	if err != nil {
		return nil, nil, err
	}
	data, err := os.ReadFile(keyPath)
	if err != nil {
		return nil, nil, err
	}
	b, _ := pem.Decode(data)
	if b == nil || b.Type != "PRIVATE KEY" {
		return nil, nil, fmt.Errorf("%s: no PEM private key", keyPath)
	}
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", keyPath, err)
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return nil, nil, fmt.Errorf("%s: unsupported key type %T", keyPath, k)
	}
	return cert, signer, nil
}
