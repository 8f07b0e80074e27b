package main

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"trex/natsx"
)

// trustPaths are where a registry's data directory keeps its signing
// material: the keyring (DATA/keys), the root key that signs the trust
// list (DATA/keys/root.key, public half DATA/root.pub) and the signed
// trust list border nodes load (DATA/trust.json).
type trustPaths struct {
	Keys    string
	RootKey string
	RootPub string
	Trust   string
}

func trustPathsIn(dataDir string) trustPaths {
	keys := filepath.Join(dataDir, "keys")
	return trustPaths{Keys: keys, RootKey: natsx.RootKeyPath(keys), RootPub: filepath.Join(dataDir, "root.pub"), Trust: filepath.Join(dataDir, "trust.json")}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// rootKeys reads the root key pair. The private half may be absent (kept
// off line); then priv is nil and the trust list cannot be edited here.
func (p trustPaths) rootKeys() (priv ed25519.PrivateKey, pub ed25519.PublicKey, err error) {
	if exists(p.RootKey) {
		if priv, err = natsx.ReadRootKey(p.RootKey); err != nil {
			return nil, nil, err
		}
	}
	pub, err = natsx.ReadRootPublic(p.RootPub)
	if err != nil {
		return nil, nil, fmt.Errorf("%w (border nodes need it too: --root %s)", err, p.RootPub)
	}
	if priv != nil && !priv.Public().(ed25519.PublicKey).Equal(pub) {
		return nil, nil, fmt.Errorf("root key %s does not match root public key %s", p.RootKey, p.RootPub)
	}
	return priv, pub, nil
}

// ensureTrust prepares a registry's signing material on first start (a
// root key, one key per authority, the signed trust list) and, later,
// gives an authority added to the configuration its first key. It never
// edits a list it cannot sign: without the root private key an authority
// lacking a key is an error that says which command to run.
func ensureTrust(p trustPaths, authorities []string, log *slog.Logger) (*natsx.Keyring, ed25519.PublicKey, error) {
	if log == nil {
		log = slog.Default()
	}
	ring, err := natsx.OpenKeyring(p.Keys)
	if err != nil {
		return nil, nil, err
	}
	if !exists(p.RootPub) && !exists(p.RootKey) {
		if _, err := natsx.CreateRootKey(p.RootKey, p.RootPub); err != nil {
			return nil, nil, err
		}
	}
	priv, pub, err := p.rootKeys()
	if err != nil {
		return nil, nil, err
	}
	body := natsx.TrustListBody{}
	if exists(p.Trust) {
		body, err = natsx.ReadTrustList(p.Trust, pub)
		if errors.Is(err, natsx.ErrTrustUnsigned) && priv != nil {
			log.Warn("replacing an unsigned trust list with a signed one", "path", p.Trust)
			body, err = natsx.TrustListBody{}, nil
		}
		if err != nil {
			return nil, nil, err
		}
	}
	now := time.Now()
	changed := false
	for _, a := range authorities {
		if hasUsableKey(body, ring, a, now) {
			continue
		}
		if priv == nil {
			return nil, nil, fmt.Errorf("authority %s has no usable signing key and the root key is not here: run trex keys rotate --authority %s where the root key is kept", a, a)
		}
		s, err := ring.Generate(a)
		if err != nil {
			return nil, nil, err
		}
		body = natsx.Rotate(body, a, s.Public(), now, 0, 0)
		changed = true
	}
	if changed || !exists(p.Trust) {
		if body.Serial == 0 {
			body.Serial, body.IssuedAt = 1, now.UTC()
		}
		if err := natsx.WriteTrustList(p.Trust, body, priv); err != nil {
			return nil, nil, fmt.Errorf("write trust list: %w", err)
		}
	}
	return ring, pub, nil
}

// hasUsableKey reports whether authority has an unrevoked, unexpired key
// on the list whose private half the keyring holds.
func hasUsableKey(body natsx.TrustListBody, ring *natsx.Keyring, authority string, now time.Time) bool {
	for _, k := range body.Keys {
		if k.Authority != authority || k.Revoked() || (!k.NotAfter.IsZero() && !now.Before(k.NotAfter)) {
			continue
		}
		if _, ok := ring.Signer(k.ID); ok {
			return true
		}
	}
	return false
}
