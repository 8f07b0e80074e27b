package http_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"trex"
	"trex/bench"
	"trex/ftm"
	thttp "trex/http"
	"trex/registry"
	"trex/sqlite"
	"trex/tokencache"
)

// BenchmarkCreateAPI creates restrictions through POST /v1/restrictions
// (authentication from the token cache, decoding, validation, the
// registry's group commit on SQLite, the answer) from 32 connections at
// once, with no exchange behind the registry, and reports creates per
// second, CPU time per create (server and load generator together) and
// how many creates shared a transaction.
func BenchmarkCreateAPI(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "registry.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store := &batchCounter{DB: db}
	api := &thttp.Server{Registry: &registry.Service{RestrictionService: store, Relay: registry.NewRelay(db, nil, log)},
		Tokens: tokencache.New(db), Log: log, RateLimit: thttp.RateLimit{PerSecond: 1e9, Burst: 1e9}}
	srv := httptest.NewServer(api.Handler())
	defer srv.Close()
	token, err := db.CreateToken(ctx, &trex.Token{Role: trex.RoleIssuer, Authority: "district-court", ExpiresAt: time.Now().Add(time.Hour)})
	if err != nil {
		b.Fatal(err)
	}
	bodies := make([][]byte, b.N)
	for i, r := range bench.Restrictions(13, b.N, "district-court") {
		bodies[i], _ = json.Marshal(map[string]any{"person": ftm.FromPerson("", r.Person), "kind": r.Kind,
			"legal_basis": r.LegalBasis, "valid_until": r.ValidUntil.Format(time.RFC3339)})
	}
	c := bench.Client(32)
	cpu0 := bench.CPUTime()
	b.ResetTimer()
	t := bench.Run(ctx, b.N, 32, func(ctx context.Context, i int) error {
		_, err := bench.Post(ctx, c, srv.URL+"/v1/restrictions", token, bodies[i], http.StatusCreated)
		return err
	})
	b.StopTimer()
	cpu := bench.CPUTime() - cpu0
	if t.Errors > 0 {
		b.Fatalf("%d of %d creates failed: %v", t.Errors, t.N, t.FirstErr)
	}
	b.ReportMetric(t.PerSecond, "creates/s")
	b.ReportMetric(bench.Millis(t.P99), "p99-ms")
	b.ReportMetric(bench.Micros(cpu)/float64(b.N), "cpu-us/create")
	b.ReportMetric(float64(b.N)/float64(max(store.batches.Load(), 1)), "creates/batch")
}

// batchCounter is the SQLite registry, counting the batches of creates it
// is given.
type batchCounter struct {
	*sqlite.DB
	batches atomic.Int64
}

func (c *batchCounter) CreateRestrictions(ctx context.Context, rs []*trex.Restriction) []error {
	c.batches.Add(1)
	return c.DB.CreateRestrictions(ctx, rs)
}
