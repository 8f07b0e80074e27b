package natsx

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Keyring holds a registry's private signing keys (one file per key in a
// directory) and picks, for each authority, the key the trust list says is
// current. It is safe for concurrent use.
type Keyring struct {
	Dir string

	mu      sync.RWMutex
	signers map[string]*Signer // by key ID
}

// OpenKeyring loads every signing key in dir.
func OpenKeyring(dir string) (*Keyring, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("signing keys: %w", err)
	}
	k := &Keyring{Dir: dir}
	return k, k.Reload()
}

// Reload rereads the directory (after trex keys rotate added a key).
func (k *Keyring) Reload() error {
	signers, err := readSignersDir(k.Dir)
	if err != nil {
		return err
	}
	k.mu.Lock()
	k.signers = signers
	k.mu.Unlock()
	return nil
}

// Generate makes a new key for authority and stores it in the keyring.
func (k *Keyring) Generate(authority string) (*Signer, error) {
	s := NewSigner(authority)
	if err := WriteSigner(filepath.Join(k.Dir, signerFileName(authority, s.ID())), s); err != nil {
		return nil, err
	}
	k.mu.Lock()
	k.signers[s.ID()] = s
	k.mu.Unlock()
	return s, nil
}

// Signer returns the key with id, if the keyring holds it.
func (k *Keyring) Signer(id string) (*Signer, bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	s, ok := k.signers[id]
	return s, ok
}

// Current returns the key authority signs with at now: of the keys the
// trust list holds valid at now, the one that started last. A key the
// trust list names but the keyring lacks is looked for on disk once.
func (k *Keyring) Current(authority string, tl *TrustList, now time.Time) (*Signer, error) {
	var best *TrustedKey
	for _, tk := range tl.Keys() {
		if tk.Authority != authority || !tk.ValidAt(now) {
			continue
		}
		if best == nil || tk.NotBefore.After(best.NotBefore) {
			tk := tk
			best = &tk
		}
	}
	if best == nil {
		return nil, fmt.Errorf("no signing key of %s is valid now: run trex keys rotate --authority %s", authority, authority)
	}
	if s, ok := k.Signer(best.ID); ok {
		return s, nil
	}
	if err := k.Reload(); err != nil {
		return nil, err
	}
	if s, ok := k.Signer(best.ID); ok {
		return s, nil
	}
	return nil, fmt.Errorf("the trust list names key %s as current for %s, but %s does not hold it", best.ID, authority, k.Dir)
}
