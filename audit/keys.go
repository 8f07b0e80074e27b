package audit

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

// Keys are a log's signing key and the key its entries' identifiers are
// hashed under.
type Keys struct {
	Signer note.Signer
	// Verifier is the public half, in the note verifier-key text form
	// ("origin+hash+base64") that PublicKeyPath holds.
	Verifier string
	// HMAC keys the hashes of document numbers and identifiers in entries.
	HMAC []byte
}

// Origin names the log of a role ("registry", "border-checkpoint-1"): it is
// the first line of the log's checkpoints and the name of its key.
func Origin(role string) string { return "trex-" + role }

// DBPath is the database of role's log under dir.
func DBPath(dir, role string) string { return filepath.Join(dir, "audit-"+role+".db") }

// keyPath is the private signing key of role's log under dir.
func keyPath(dir, role string) string { return filepath.Join(dir, "audit-"+role+".key") }

// PublicKeyPath is the public key of role's log under dir, in the note
// verifier-key form, for verifiers.
func PublicKeyPath(dir, role string) string { return filepath.Join(dir, "audit-"+role+".pub") }

// LoadOrCreateKeys reads the role's note signing key under dir
// (audit-ROLE.key, mode 0600), making one on first start, and writes its
// public key beside it (audit-ROLE.pub) for verifiers.
func LoadOrCreateKeys(dir, role string) (*Keys, error) {
	skey, err := os.ReadFile(keyPath(dir, role))
	if errors.Is(err, fs.ErrNotExist) {
		s, v, err := note.GenerateKey(rand.Reader, Origin(role))
		if err != nil {
			return nil, fmt.Errorf("audit key for %s: %w", role, err)
		}
		if err := writeNew(keyPath(dir, role), []byte(s+"\n"), 0o600); err != nil {
			return nil, err
		}
		if err := os.WriteFile(PublicKeyPath(dir, role), []byte(v+"\n"), 0o644); err != nil {
			return nil, fmt.Errorf("audit public key for %s: %w", role, err)
		}
		skey = []byte(s)
	} else if err != nil {
		return nil, fmt.Errorf("audit key for %s: %w", role, err)
	}
	return keysFrom(strings.TrimSpace(string(skey)), dir, role)
}

func keysFrom(skey, dir, role string) (*Keys, error) {
	signer, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("audit key for %s: %w", role, err)
	}
	pub, err := os.ReadFile(PublicKeyPath(dir, role))
	if err != nil {
		return nil, fmt.Errorf("audit public key for %s: %w", role, err)
	}
	v := strings.TrimSpace(string(pub))
	if _, err := note.NewVerifier(v); err != nil {
		return nil, fmt.Errorf("audit public key %s: %w", PublicKeyPath(dir, role), err)
	}
	mac := sha256.Sum256([]byte("trex audit identifier key\n" + skey))
	return &Keys{Signer: signer, Verifier: v, HMAC: mac[:]}, nil
}

// NewKeys makes keys held in memory only, for tests and benchmarks.
func NewKeys(role string) (*Keys, error) {
	s, v, err := note.GenerateKey(rand.Reader, Origin(role))
	if err != nil {
		return nil, err
	}
	signer, err := note.NewSigner(s)
	if err != nil {
		return nil, err
	}
	mac := sha256.Sum256([]byte("trex audit identifier key\n" + s))
	return &Keys{Signer: signer, Verifier: v, HMAC: mac[:]}, nil
}

// ReadVerifier reads a public key file (audit-ROLE.pub).
func ReadVerifier(path string) (note.Verifier, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read audit public key: %w", err)
	}
	v, err := note.NewVerifier(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("audit public key %s: %w", path, err)
	}
	return v, nil
}

func writeNew(path string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

// HashIdentifier is the keyed hash entries keep of a document number or a
// national identifier instead of the identifier itself.
// The keyed hashers are kept for reuse: each check hashes its document
// number, and a new hasher first hashes the key.
func (l *Log) HashIdentifier(s string) string {
	if s == "" {
		return ""
	}
	h, _ := l.hmacs.Get().(hash.Hash)
	if h == nil {
		h = hmac.New(sha256.New, l.Keys.HMAC)
	}
	h.Reset()
	io.WriteString(h, s)
	var sum [sha256.Size]byte
	out := hex.AppendEncode([]byte(keyedHashPrefix), h.Sum(sum[:0]))
	l.hmacs.Put(h)
	return string(out)
}
