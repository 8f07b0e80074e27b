package tokencache_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"trex"
	"trex/tokencache"
)

// BenchmarkAuthenticate compares a token lookup in the SQLite store with
// one answered by the cache in front of it, from 32 goroutines as a busy
// API would.
func BenchmarkAuthenticate(b *testing.B) {
	db := openStore(b, filepath.Join(b.TempDir(), "tokens.db"))
	_, secret := newToken(b, db, time.Hour)
	for _, c := range []struct {
		name  string
		store trex.TokenService
	}{{"store", db}, {"cache", tokencache.New(db)}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := c.store.Authenticate(context.Background(), secret); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
