package natsx

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"trex"
)

// EnvelopeVersion is the envelope format this package writes and reads.
// Version 1 (no signed issue time) is refused as malformed.
const EnvelopeVersion = 2

// envelopeContext is prefixed to what an authority key signs, so that a
// signature over an envelope can never be taken for one over anything else.
const envelopeContext = "trex-envelope-v2\n"

// Envelope is a change on the wire: the exact bytes that were signed, the
// signature, and which key made it. Authority and KeyID outside the payload
// only say which key to try; the signed payload repeats them and wins.
type Envelope struct {
	Version   int    `json:"v"`
	Authority string `json:"authority"`
	KeyID     string `json:"key_id"`
	Payload   []byte `json:"payload"` // Sealed as JSON
	Signature []byte `json:"sig"`
}

// Sealed is what an authority signs: the change, with who signed it, when,
// and which version of which restriction it carries, so that a border node
// can refuse a replayed or out-of-window envelope on signed facts.
type Sealed struct {
	Authority     string      `json:"authority"`
	KeyID         string      `json:"key_id"`
	IssuedAt      time.Time   `json:"issued_at"`
	RestrictionID string      `json:"restriction_id"`
	Version       int64       `json:"version"`
	Change        trex.Change `json:"change"`
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

// ID is the signer's key ID.
func (s *Signer) ID() string { return KeyID(s.Public()) }

// Seal encodes and signs a change, issued now.
func (s *Signer) Seal(c trex.Change) ([]byte, error) { return s.SealAt(c, time.Now()) }

// SealAt encodes and signs a change with the given issue time.
func (s *Signer) SealAt(c trex.Change, issued time.Time) ([]byte, error) {
	if c.Restriction.Authority != s.Authority {
		return nil, fmt.Errorf("seal %s: restriction belongs to %q, signer is %q", c.Restriction.ID, c.Restriction.Authority, s.Authority)
	}
	payload, err := json.Marshal(Sealed{
		Authority: s.Authority, KeyID: s.ID(), IssuedAt: issued.UTC(),
		RestrictionID: c.Restriction.ID, Version: c.Restriction.Version, Change: c,
	})
	if err != nil {
		return nil, fmt.Errorf("seal %s: %w", c.Restriction.ID, err)
	}
	return json.Marshal(Envelope{
		Version:   EnvelopeVersion,
		Authority: s.Authority,
		KeyID:     s.ID(),
		Payload:   payload,
		Signature: ed25519.Sign(s.Key, signedBytes(envelopeContext, payload)),
	})
}

// signedBytes is context followed by msg.
func signedBytes(context string, msg []byte) []byte {
	return append([]byte(context), msg...)
}
