package natsx

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"

	"trex"
)

// Reasons a border node refuses an envelope. Each refusal is logged and
// counted; the change is never applied.
var (
	ErrMalformed      = errors.New("envelope is malformed")
	ErrUnsigned       = errors.New("envelope is not signed")
	ErrUnknownKey     = errors.New("envelope is signed by a key not on the trust list")
	ErrBadSignature   = errors.New("envelope signature does not verify (tampered or forged)")
	ErrWrongAuthority = errors.New("envelope key belongs to another authority than the restriction")
)

// Envelope is a change on the wire: the exact bytes that were signed, the
// signature, and which key made it.
type Envelope struct {
	Version   int    `json:"v"`
	Authority string `json:"authority"`
	KeyID     string `json:"key_id"`
	Payload   []byte `json:"payload"` // trex.Change as JSON
	Signature []byte `json:"sig"`
}

// KeyID derives a short, stable identifier for a public key.
func KeyID(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return hex.EncodeToString(h[:8])
}

// Signer signs changes on behalf of one issuing authority.
type Signer struct {
	Authority string
	Key       ed25519.PrivateKey
}

// NewSigner generates a fresh key for authority.
func NewSigner(authority string) *Signer {
	_, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		panic(err) // crypto/rand failing leaves nothing sensible to do
	}
	return &Signer{Authority: authority, Key: priv}
}

// Public returns the signer's public key.
func (s *Signer) Public() ed25519.PublicKey { return s.Key.Public().(ed25519.PublicKey) }

// Seal encodes and signs a change.
func (s *Signer) Seal(c trex.Change) ([]byte, error) {
	if c.Restriction.Authority != s.Authority {
		return nil, fmt.Errorf("seal %s: restriction belongs to %q, signer is %q", c.Restriction.ID, c.Restriction.Authority, s.Authority)
	}
	payload, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("seal %s: %w", c.Restriction.ID, err)
	}
	return json.Marshal(Envelope{
		Version:   1,
		Authority: s.Authority,
		KeyID:     KeyID(s.Public()),
		Payload:   payload,
		Signature: ed25519.Sign(s.Key, payload),
	})
}

// TrustedKey is a public key a border node accepts, and whose it is.
type TrustedKey struct {
	ID        string            `json:"id"`
	Authority string            `json:"authority"`
	PublicKey ed25519.PublicKey `json:"public_key"`
}

// TrustList is the set of issuer keys a border node accepts. It is safe for
// concurrent use.
type TrustList struct {
	mu   sync.RWMutex
	keys map[string]TrustedKey
}

// NewTrustList returns a trust list holding keys.
func NewTrustList(keys ...TrustedKey) *TrustList {
	t := &TrustList{keys: map[string]TrustedKey{}}
	for _, k := range keys {
		t.Add(k)
	}
	return t
}

// Add trusts a key (its ID is derived from the key if empty).
func (t *TrustList) Add(k TrustedKey) {
	if k.ID == "" {
		k.ID = KeyID(k.PublicKey)
	}
	t.mu.Lock()
	t.keys[k.ID] = k
	t.mu.Unlock()
}

// Keys returns the trusted keys.
func (t *TrustList) Keys() []TrustedKey {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]TrustedKey, 0, len(t.keys))
	for _, k := range t.keys {
		out = append(out, k)
	}
	return out
}

// Open verifies an envelope and returns the change it carries.
func (t *TrustList) Open(data []byte) (trex.Change, error) {
	var env Envelope
	var c trex.Change
	if err := json.Unmarshal(data, &env); err != nil || env.Version != 1 || len(env.Payload) == 0 {
		return c, ErrMalformed
	}
	if len(env.Signature) == 0 {
		return c, ErrUnsigned
	}
	t.mu.RLock()
	key, ok := t.keys[env.KeyID]
	t.mu.RUnlock()
	if !ok {
		return c, fmt.Errorf("%w: key %q", ErrUnknownKey, env.KeyID)
	}
	if len(env.Signature) != ed25519.SignatureSize || !ed25519.Verify(key.PublicKey, env.Payload, env.Signature) {
		return c, fmt.Errorf("%w: key %s", ErrBadSignature, env.KeyID)
	}
	if err := json.Unmarshal(env.Payload, &c); err != nil {
		return c, fmt.Errorf("%w: payload: %v", ErrMalformed, err)
	}
	if c.Restriction.Authority != key.Authority || env.Authority != key.Authority {
		return c, fmt.Errorf("%w: key of %q signed a restriction of %q", ErrWrongAuthority, key.Authority, c.Restriction.Authority)
	}
	return c, nil
}

// keyFile is the on-disk form of a signing key.
type keyFile struct {
	Authority  string `json:"authority"`
	PrivateKey string `json:"private_key"` // base64 ed25519 seed+public
}

// LoadOrCreateSigner reads an authority's signing key from path, creating it
// (mode 0600) when the file does not exist.
func LoadOrCreateSigner(path, authority string) (*Signer, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		s := NewSigner(authority)
		data, _ := json.MarshalIndent(keyFile{Authority: authority, PrivateKey: base64.StdEncoding.EncodeToString(s.Key)}, "", "  ")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, fmt.Errorf("write signing key %s: %w", path, err)
		}
		return s, nil
	} else if err != nil {
		return nil, fmt.Errorf("read signing key %s: %w", path, err)
	}
	var kf keyFile
	if err := json.Unmarshal(data, &kf); err != nil {
		return nil, fmt.Errorf("signing key %s: %w", path, err)
	}
	key, err := base64.StdEncoding.DecodeString(kf.PrivateKey)
	if err != nil || len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("signing key %s: not an ed25519 private key", path)
	}
	if kf.Authority != authority {
		return nil, fmt.Errorf("signing key %s belongs to %q, not %q", path, kf.Authority, authority)
	}
	return &Signer{Authority: authority, Key: ed25519.PrivateKey(key)}, nil
}

// trustFile is the on-disk form of a trust list.
type trustFile struct {
	Keys []TrustedKey `json:"keys"`
}

// WriteTrustList saves keys to path as JSON.
func WriteTrustList(path string, t *TrustList) error {
	data, err := json.MarshalIndent(trustFile{Keys: t.Keys()}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// ReadTrustList loads a trust list written by WriteTrustList.
func ReadTrustList(path string) (*TrustList, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read trust list: %w", err)
	}
	var tf trustFile
	if err := json.Unmarshal(data, &tf); err != nil {
		return nil, fmt.Errorf("trust list %s: %w", path, err)
	}
	t := NewTrustList()
	for _, k := range tf.Keys {
		if len(k.PublicKey) != ed25519.PublicKeySize || k.Authority == "" {
			return nil, fmt.Errorf("trust list %s: key %q is not a valid ed25519 key with an authority", path, k.ID)
		}
		if k.ID != "" && k.ID != KeyID(k.PublicKey) {
			return nil, fmt.Errorf("trust list %s: key id %q does not match its key", path, k.ID)
		}
		t.Add(k)
	}
	return t, nil
}
