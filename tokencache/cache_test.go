package tokencache_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"trex"
	thttp "trex/http"
	"trex/sqlite"
	"trex/tokencache"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func openStore(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newToken(t testing.TB, db trex.TokenService, ttl time.Duration) (id, secret string) {
	t.Helper()
	tok := &trex.Token{Role: trex.RoleOfficer, ExpiresAt: time.Now().Add(ttl)}
	secret, err := db.CreateToken(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	return tok.ID, secret
}

func wantRefused(t *testing.T, c trex.TokenService, secret, why string) {
	t.Helper()
	if p, err := c.Authenticate(context.Background(), secret); trex.ErrorCode(err) != trex.EUNAUTHORIZED {
		t.Fatalf("%s: got %v, %v; want EUNAUTHORIZED", why, p, err)
	}
}

// TestRevokedTokenRefusedOnTheNextRequest: a token served from the cache
// is refused by the very next request after an admin revokes it through
// the API, with no wait.
func TestRevokedTokenRefusedOnTheNextRequest(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, filepath.Join(t.TempDir(), "tokens.db"))
	cache := tokencache.New(db)
	cache.MaxAge = time.Hour // nothing but the revocation may drop the entry
	adminTok := &trex.Token{Role: trex.RoleAdmin, ExpiresAt: time.Now().Add(time.Hour)}
	adminSecret, err := db.CreateToken(ctx, adminTok)
	if err != nil {
		t.Fatal(err)
	}
	officerID, officer := newToken(t, db, time.Hour)
	api := &thttp.Server{Tokens: cache, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	srv := httptest.NewServer(api.Handler())
	defer srv.Close()
	call := func(method, path, secret string) int {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader("{}"))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	// The officer may not list tokens, but is authenticated (403, not 401),
	// and the token is now cached.
	for range 3 {
		if code := call("GET", "/v1/tokens", officer); code != http.StatusForbidden {
			t.Fatalf("officer before revocation: %d, want 403", code)
		}
	}
	if cache.Len() == 0 {
		t.Fatal("the officer's token was not cached")
	}
	if code := call("POST", "/v1/tokens/"+officerID+"/revoke", adminSecret); code != http.StatusOK {
		t.Fatalf("revoke: %d", code)
	}
	if code := call("GET", "/v1/tokens", officer); code != http.StatusUnauthorized {
		t.Fatalf("officer right after revocation: %d, want 401", code)
	}
}

// TestRevocationByAnotherProcessSeenWithinMaxAge: two APIs share a store;
// a token revoked through one is refused by the other once MaxAge has
// passed, and not before (the staleness bound the package states).
func TestRevocationByAnotherProcessSeenWithinMaxAge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.db")
	storeA, storeB := openStore(t, path), openStore(t, path)
	clk := &clock{t: time.Now()}
	a, b := tokencache.New(storeA), tokencache.New(storeB)
	a.Now, b.Now = clk.Now, clk.Now
	id, secret := newToken(t, storeA, time.Hour)
	if _, err := b.Authenticate(context.Background(), secret); err != nil {
		t.Fatal(err)
	}
	if err := a.RevokeToken(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	wantRefused(t, a, secret, "the revoking process")
	clk.Add(tokencache.DefaultMaxAge - time.Millisecond)
	if _, err := b.Authenticate(context.Background(), secret); err != nil {
		t.Fatalf("within MaxAge the other process still trusts its entry: %v", err)
	}
	clk.Add(time.Millisecond)
	wantRefused(t, b, secret, "the other process after MaxAge")
}

// slowStore is the real store with a pause inside Authenticate, to let a
// revocation land while a lookup is in flight.
type slowStore struct {
	trex.TokenService
	entered, release chan struct{}
}

func (s *slowStore) Authenticate(ctx context.Context, secret string) (*trex.Principal, error) {
	p, err := s.TokenService.Authenticate(ctx, secret)
	s.entered <- struct{}{}
	<-s.release
	return p, err
}

// TestLookupRacingARevocationIsNotCached: the store answered a lookup
// before a revocation committed; that answer serves the request already
// in flight but is not cached, so the next request is refused.
func TestLookupRacingARevocationIsNotCached(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "tokens.db"))
	slow := &slowStore{TokenService: db, entered: make(chan struct{}), release: make(chan struct{})}
	cache := tokencache.New(slow)
	cache.MaxAge = time.Hour
	id, secret := newToken(t, db, time.Hour)
	done := make(chan error, 1)
	go func() { _, err := cache.Authenticate(context.Background(), secret); done <- err }()
	<-slow.entered
	if err := cache.RevokeToken(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	close(slow.release)
	if err := <-done; err != nil {
		t.Fatalf("the lookup in flight: %v", err)
	}
	if cache.Len() != 0 {
		t.Fatalf("a lookup that raced the revocation was cached (%d entries)", cache.Len())
	}
	go func() { <-slow.entered }()
	wantRefused(t, cache, secret, "after the revocation")
}

// TestExpiredTokenNotServedFromCache: a cached token stops working the
// moment it expires, however recently it was fetched.
func TestExpiredTokenNotServedFromCache(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "tokens.db"))
	clk := &clock{t: time.Now()}
	db.Now = clk.Now
	cache := tokencache.New(db)
	cache.Now, cache.MaxAge = clk.Now, time.Hour
	_, secret := newToken(t, db, time.Minute)
	if _, err := cache.Authenticate(context.Background(), secret); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Minute + time.Second)
	wantRefused(t, cache, secret, "expired")
}

// TestGuessedSecretsAreNotCached: harvesting or guessing secrets leaves
// nothing in memory, look-alike secrets (a Cyrillic letter, other case,
// trailing junk) are refused, and many real tokens never hold more than
// MaxEntries.
func TestGuessedSecretsAreNotCached(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "tokens.db"))
	cache := tokencache.New(db)
	cache.MaxEntries = 50
	_, secret := newToken(t, db, time.Hour)
	if _, err := cache.Authenticate(context.Background(), secret); err != nil {
		t.Fatal(err)
	}
	lookalikes := []string{
		strings.Replace(secret, "e", "е", 1), // Cyrillic е
		strings.ToUpper(secret[:6]) + secret[6:],
		secret + "\u200b",
		secret[:len(secret)-1],
	}
	for _, s := range lookalikes {
		wantRefused(t, cache, s, fmt.Sprintf("look-alike %q", s))
	}
	for i := range 2000 {
		wantRefused(t, cache, fmt.Sprintf("trex_guess%06d", i), "guessed")
	}
	if n := cache.Len(); n != 1 {
		t.Fatalf("cache holds %d entries after 2,000 guesses, want the 1 real token", n)
	}
	for range 120 {
		_, s := newToken(t, db, time.Hour)
		if _, err := cache.Authenticate(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if n := cache.Len(); n > cache.MaxEntries {
			t.Fatalf("cache grew to %d entries, bound %d", n, cache.MaxEntries)
		}
	}
}
