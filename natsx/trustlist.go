package natsx

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"trex"
)

// MaxClockSkew is how far in the future an envelope's issue time may lie
// before a border node refuses it.
const MaxClockSkew = 5 * time.Minute

// MaxStoreSkew is how far an envelope's signed issue time may lie from the
// moment the exchange stored it. The registry signs a change just before
// publishing it, so the two differ by the publish delay and the clocks'
// skew; a wider gap means the issue time was chosen, not observed.
const MaxStoreSkew = time.Minute

// TrustedKey is a public key a border node accepts, whose it is, and when.
// An envelope is accepted only if its signed issue time lies in
// [NotBefore, NotAfter) and the key is not revoked; a revoked key is
// refused whatever the issue time.
type TrustedKey struct {
	ID        string            `json:"id"`
	Authority string            `json:"authority"`
	PublicKey ed25519.PublicKey `json:"public_key"`
	NotBefore time.Time         `json:"not_before,omitzero"` // zero: no lower bound
	NotAfter  time.Time         `json:"not_after,omitzero"`  // zero: not yet retired
	RevokedAt time.Time         `json:"revoked_at,omitzero"`
	Reason    string            `json:"revoked_reason,omitempty"`
}

// Revoked reports whether the key has been revoked.
func (k TrustedKey) Revoked() bool { return !k.RevokedAt.IsZero() }

// ValidAt reports whether the key may sign at t: inside its window and not
// revoked.
func (k TrustedKey) ValidAt(t time.Time) bool {
	return !k.Revoked() && !t.Before(k.NotBefore) && (k.NotAfter.IsZero() || t.Before(k.NotAfter))
}

// check validates a key as read from a file.
func (k TrustedKey) check() error {
	if len(k.PublicKey) != ed25519.PublicKeySize || k.Authority == "" {
		return fmt.Errorf("key %q is not a valid ed25519 key with an authority", k.ID)
	}
	if k.ID != KeyID(k.PublicKey) {
		return fmt.Errorf("key id %q does not match its key", k.ID)
	}
	if !k.NotAfter.IsZero() && !k.NotAfter.After(k.NotBefore) {
		return fmt.Errorf("key %s: not_after %s is not after not_before %s", k.ID, k.NotAfter, k.NotBefore)
	}
	return nil
}

// TrustList is the set of issuer keys a border node accepts. It is safe for
// concurrent use; Replace swaps the whole set at once.
type TrustList struct {
	// Now is the clock used to refuse envelopes from the future (default
	// time.Now).
	Now func() time.Time

	mu     sync.RWMutex
	keys   map[string]TrustedKey
	serial int64
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

// ErrTrustRollback is returned when a trust list older than the one held
// is offered: replaying an old signed list must not un-revoke a key.
var ErrTrustRollback = errors.New("trust list is older than the one in force (rollback)")

// Replace puts body's keys in force in place of the current ones, unless
// body is older (a lower serial) than what is held.
func (t *TrustList) Replace(body TrustListBody) error {
	keys := map[string]TrustedKey{}
	for _, k := range body.Keys {
		if err := k.check(); err != nil {
			return err
		}
		keys[k.ID] = k
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if body.Serial < t.serial {
		return fmt.Errorf("%w: serial %d, holding %d", ErrTrustRollback, body.Serial, t.serial)
	}
	t.keys, t.serial = keys, body.Serial
	return nil
}

// Serial is the serial of the signed trust list in force (0 if none).
func (t *TrustList) Serial() int64 {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.serial
}

// Keys returns the trusted keys, ordered by authority and start.
func (t *TrustList) Keys() []TrustedKey {
	t.mu.RLock()
	out := make([]TrustedKey, 0, len(t.keys))
	for _, k := range t.keys {
		out = append(out, k)
	}
	t.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Authority != out[j].Authority {
			return out[i].Authority < out[j].Authority
		}
		if !out[i].NotBefore.Equal(out[j].NotBefore) {
			return out[i].NotBefore.Before(out[j].NotBefore)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Key returns the trusted key with id.
func (t *TrustList) Key(id string) (TrustedKey, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	k, ok := t.keys[id]
	return k, ok
}

// Open verifies an envelope and returns the change it carries. It refuses
// (with one of the Err reasons of this package) an envelope that is
// malformed, unsigned, signed by an unknown or revoked key, forged or
// tampered with, signed for another authority, or signed outside the key's
// validity window at its signed issue time.
func (t *TrustList) Open(data []byte) (trex.Change, error) {
	s, err := t.open(data)
	return s.Change, err
}

// OpenStored is Open for an envelope the exchange stored at storedAt (the
// stream's own timestamp, which no signer controls): it also refuses, as
// ErrBackdated, an envelope whose signed issue time lies more than
// MaxStoreSkew from storedAt. The key's validity window is judged at the
// issue time; without this check a retired key could sign today a change
// dated inside its old window.
func (t *TrustList) OpenStored(data []byte, storedAt time.Time) (trex.Change, error) {
	s, err := t.open(data)
	if err != nil {
		return s.Change, err
	}
	if d := s.IssuedAt.Sub(storedAt); d > MaxStoreSkew || d < -MaxStoreSkew {
		return s.Change, fmt.Errorf("%w: issued %s, stored by the exchange %s (more than %s apart)",
			ErrBackdated, s.IssuedAt.Format(time.RFC3339), storedAt.UTC().Format(time.RFC3339), MaxStoreSkew)
	}
	return s.Change, nil
}

// open verifies an envelope and returns what was signed.
func (t *TrustList) open(data []byte) (Sealed, error) {
	var env Envelope
	var c Sealed
	if err := json.Unmarshal(data, &env); err != nil || len(env.Payload) == 0 {
		return c, ErrMalformed
	}
	if env.Version != EnvelopeVersion {
		return c, fmt.Errorf("%w: envelope version %d, want %d", ErrMalformed, env.Version, EnvelopeVersion)
	}
	if len(env.Signature) == 0 {
		return c, ErrUnsigned
	}
	key, ok := t.Key(env.KeyID)
	if !ok {
		return c, fmt.Errorf("%w: key %q", ErrUnknownKey, env.KeyID)
	}
	if key.Revoked() {
		return c, fmt.Errorf("%w: key %s of %s, revoked %s", ErrRevokedKey, key.ID, key.Authority, key.RevokedAt.Format(time.RFC3339))
	}
	if len(key.PublicKey) != ed25519.PublicKeySize || len(env.Signature) != ed25519.SignatureSize || !ed25519.Verify(key.PublicKey, signedBytes(envelopeContext, env.Payload), env.Signature) {
		return c, fmt.Errorf("%w: key %s", ErrBadSignature, env.KeyID)
	}
	var s Sealed
	if err := json.Unmarshal(env.Payload, &s); err != nil {
		return c, fmt.Errorf("%w: payload: %v", ErrMalformed, err)
	}
	c = s
	if s.KeyID != key.ID || s.RestrictionID != c.Change.Restriction.ID || s.Version != c.Change.Restriction.Version {
		return c, fmt.Errorf("%w: signed header does not match its change", ErrMalformed)
	}
	if c.Change.Restriction.Authority != key.Authority || s.Authority != key.Authority || env.Authority != key.Authority {
		return c, fmt.Errorf("%w: key of %q signed a restriction of %q", ErrWrongAuthority, key.Authority, c.Change.Restriction.Authority)
	}
	if !key.ValidAt(s.IssuedAt) {
		return c, fmt.Errorf("%w: issued %s, key %s valid %s", ErrOutsideWindow, s.IssuedAt.Format(time.RFC3339), key.ID, window(key))
	}
	now := time.Now
	if t.Now != nil {
		now = t.Now
	}
	if s.IssuedAt.After(now().Add(MaxClockSkew)) {
		return c, fmt.Errorf("%w: issued %s", ErrFromFuture, s.IssuedAt.Format(time.RFC3339))
	}
	return c, nil
}

// window describes a key's validity window for messages.
func window(k TrustedKey) string {
	from, until := "always", "open-ended"
	if !k.NotBefore.IsZero() {
		from = k.NotBefore.Format(time.RFC3339)
	}
	if !k.NotAfter.IsZero() {
		until = k.NotAfter.Format(time.RFC3339)
	}
	return from + " to " + until
}
