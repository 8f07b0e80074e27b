package natsx

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// keyFile is the on-disk form of a signing key.
type keyFile struct {
	Authority  string `json:"authority"`
	PrivateKey string `json:"private_key"` // base64 ed25519 seed+public
}

// RootAuthority is the authority name in the root (trust list) key file.
const RootAuthority = "root"

// WriteSigner saves a signing key to path (mode 0600). It refuses to
// overwrite an existing file: a lost key cannot be recovered.
func WriteSigner(path string, s *Signer) error {
	data, err := json.MarshalIndent(keyFile{Authority: s.Authority, PrivateKey: base64.StdEncoding.EncodeToString(s.Key)}, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write signing key: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write signing key %s: %w", path, err)
	}
	return f.Close()
}

// ReadSigner reads a signing key written by WriteSigner.
func ReadSigner(path string) (*Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read signing key: %w", err)
	}
	var kf keyFile
	if err := json.Unmarshal(data, &kf); err != nil {
		return nil, fmt.Errorf("signing key %s: %w", path, err)
	}
	key, err := base64.StdEncoding.DecodeString(kf.PrivateKey)
	if err != nil || len(key) != ed25519.PrivateKeySize || kf.Authority == "" {
		return nil, fmt.Errorf("signing key %s: not an ed25519 private key with an authority", path)
	}
	return &Signer{Authority: kf.Authority, Key: ed25519.PrivateKey(key)}, nil
}

// CreateRootKey makes the root key that signs trust lists: the private key
// at keyPath (mode 0600; keep it off line in production) and the public key
// border nodes are given at pubPath.
func CreateRootKey(keyPath, pubPath string) (ed25519.PrivateKey, error) {
	s := NewSigner(RootAuthority)
	if err := WriteSigner(keyPath, s); err != nil {
		return nil, fmt.Errorf("root key: %w", err)
	}
	if err := writeFileAtomic(pubPath, []byte(base64.StdEncoding.EncodeToString(s.Public())+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("root public key: %w", err)
	}
	return s.Key, nil
}

// ReadRootKey reads the root private key.
func ReadRootKey(path string) (ed25519.PrivateKey, error) {
	s, err := ReadSigner(path)
	if err != nil {
		return nil, err
	}
	if s.Authority != RootAuthority {
		return nil, fmt.Errorf("root key %s: holds a key of %q, not the root key", path, s.Authority)
	}
	return s.Key, nil
}

// ReadRootPublic reads a root public key file (one base64 line).
func ReadRootPublic(path string) (ed25519.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read root public key: %w", err)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("root public key %s: not a base64 ed25519 public key", path)
	}
	return ed25519.PublicKey(key), nil
}

// signerFileName is where a keyring keeps a key.
func signerFileName(authority, id string) string { return authority + "-" + id + ".key" }

// rootKeyFile is the root key's file name in a keys directory.
const rootKeyFile = "root.key"

// RootKeyPath is where a keys directory keeps the root private key.
func RootKeyPath(keysDir string) string { return filepath.Join(keysDir, rootKeyFile) }

// readSignersDir reads every signing key in dir but the root key.
func readSignersDir(dir string) (map[string]*Signer, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]*Signer{}, nil
	} else if err != nil {
		return nil, fmt.Errorf("signing keys: %w", err)
	}
	out := map[string]*Signer{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".key") || e.Name() == rootKeyFile {
			continue
		}
		s, err := ReadSigner(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out[s.ID()] = s
	}
	return out, nil
}
