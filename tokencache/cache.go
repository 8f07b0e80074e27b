// Package tokencache keeps the principals of recently used API tokens in
// memory, so that a busy API authenticates a request without asking its
// store (and parsing SQL) every time.
//
// Revocation through the cache takes effect at once: the revoked token's
// entry is dropped as soon as the store has recorded the revocation, and a
// lookup that raced with it is not cached. A revocation made by another
// process sharing the store (trex token revoke, a second API) is seen
// within MaxAge, the longest an entry is trusted without asking the store
// again. Unknown, expired and revoked secrets are never cached, and the
// cache holds at most MaxEntries tokens, so guessing secrets neither fills
// memory nor costs more than the store lookup it already cost.
//
// The package holds no secrets: entries are keyed by the secret's SHA-256.
package tokencache

import (
	"context"
	"crypto/sha256"
	"sync"
	"time"

	"trex"
)

// Defaults for Cache's zero fields.
const (
	// DefaultMaxAge bounds how long a revocation made by another process
	// goes unseen.
	DefaultMaxAge = time.Second
	// DefaultMaxEntries bounds the memory the cache takes (about 200 B per
	// entry).
	DefaultMaxEntries = 10_000
)

// Cache is a trex.TokenService that answers Authenticate from memory when
// it can and passes everything else to Store.
type Cache struct {
	trex.TokenService
	// MaxAge is how long a principal is used without asking the store
	// again (zero: DefaultMaxAge).
	MaxAge time.Duration
	// MaxEntries bounds how many tokens are held (zero: DefaultMaxEntries).
	MaxEntries int
	// Now is the clock (nil: time.Now).
	Now func() time.Time

	mu      sync.RWMutex
	entries map[[sha256.Size]byte]entry
	// gen counts revocations through the cache: a lookup that began
	// before one ended is not cached, since the store may have answered
	// it from before the revocation.
	gen uint64
}

type entry struct {
	p       trex.Principal
	fetched time.Time
}

// New returns a cache in front of store with the default bounds.
func New(store trex.TokenService) *Cache {
	return &Cache{TokenService: store}
}

// Authenticate implements trex.TokenService.
func (c *Cache) Authenticate(ctx context.Context, secret string) (*trex.Principal, error) {
	if err := trex.CheckSecretForm(secret); err != nil {
		return nil, err
	}
	key := sha256.Sum256([]byte(secret))
	now := c.now()
	c.mu.RLock()
	e, ok := c.entries[key]
	gen := c.gen
	c.mu.RUnlock()
	if ok && now.Sub(e.fetched) < c.maxAge() && now.Before(e.p.ExpiresAt) {
		p := e.p
		return &p, nil
	}
	p, err := c.TokenService.Authenticate(ctx, secret)
	if err != nil {
		if ok {
			c.forget(key)
		}
		return nil, err
	}
	c.remember(key, gen, entry{p: *p, fetched: now})
	return p, nil
}

// RevokeToken implements trex.TokenService: the store records the
// revocation, then the token's entry is dropped, so the next request with
// it is refused.
func (c *Cache) RevokeToken(ctx context.Context, id string) error {
	err := c.TokenService.RevokeToken(ctx, id)
	// Drop the entry even when the store failed: it may have committed.
	c.mu.Lock()
	c.gen++
	for k, e := range c.entries {
		if e.p.TokenID == id {
			delete(c.entries, k)
		}
	}
	c.mu.Unlock()
	return err
}

// Len is how many tokens the cache holds.
func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}

// remember caches e unless a revocation ended since the lookup began
// (gen), making room first when the cache is full.
func (c *Cache) remember(key [sha256.Size]byte, gen uint64, e entry) {
	if e.p.ExpiresAt.IsZero() {
		return // a store that does not say when the token ends: ask it every time
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if c.entries == nil {
		c.entries = map[[sha256.Size]byte]entry{}
	}
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.maxEntries() {
		c.evict(e.fetched)
	}
	c.entries[key] = e
}

// evict drops the stale entries and then, until a tenth of the room is
// free, others (the map's order is random, so no caller can choose whose
// token is dropped); freeing a tenth at a time keeps a full cache from
// scanning itself on every insert. Caller holds mu.
func (c *Cache) evict(now time.Time) {
	for k, e := range c.entries {
		if now.Sub(e.fetched) >= c.maxAge() || !now.Before(e.p.ExpiresAt) {
			delete(c.entries, k)
		}
	}
	for k := range c.entries {
		if len(c.entries) < c.maxEntries()-c.maxEntries()/10 {
			break
		}
		delete(c.entries, k)
	}
}

func (c *Cache) forget(key [sha256.Size]byte) {
	c.mu.Lock()
	delete(c.entries, key)
	c.mu.Unlock()
}

func (c *Cache) maxAge() time.Duration {
	if c.MaxAge <= 0 {
		return DefaultMaxAge
	}
	return c.MaxAge
}

func (c *Cache) maxEntries() int {
	if c.MaxEntries <= 0 {
		return DefaultMaxEntries
	}
	return c.MaxEntries
}

func (c *Cache) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}
