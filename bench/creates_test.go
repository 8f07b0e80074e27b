package bench_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
	"trex/bench"
	"trex/postgres"
	"trex/registry"
	"trex/sqlite"
)

// postgresURL is the PostgreSQL benchmarks use: $TREX_TEST_POSTGRES, or
// the machine's local server.
func postgresURL() string {
	if u := os.Getenv("TREX_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// openPostgres opens the registry in a fresh schema dropped afterwards.
func openPostgres(tb testing.TB) *postgres.DB {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, postgresURL())
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("PostgreSQL at %s is not reachable (%v); CI must provide it", postgresURL(), err)
		}
		tb.Skipf("PostgreSQL at %s is not reachable (%v); set TREX_TEST_POSTGRES", postgresURL(), err)
	}
	schema := fmt.Sprintf("trex_bench_%d", time.Now().UnixNano())
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close(context.Background())
	})
	cfg, _ := pgx.ParseConfig(postgresURL())
	db, err := postgres.Open(ctx, fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable&search_path=%s", cfg.User, cfg.Host, cfg.Port, cfg.Database, schema))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

var createWorkers = flag.Int("creates.workers", 32, "clerks creating at once in BenchmarkRegistryCreates")

// BenchmarkRegistryCreates creates restrictions through the registry
// service (validation, the store's transaction with its outbox entry,
// the relay's wake-up) from -creates.workers clerks at once (32), on SQLite and on
// PostgreSQL, and reports creates per second.
func BenchmarkRegistryCreates(b *testing.B) {
	stores := map[string]func(testing.TB) trex.RestrictionService{
		"sqlite": func(tb testing.TB) trex.RestrictionService {
			db, err := sqlite.Open(filepath.Join(tb.TempDir(), "registry.db"))
			if err != nil {
				tb.Fatal(err)
			}
			tb.Cleanup(func() { db.Close() })
			return db
		},
		"postgres": func(tb testing.TB) trex.RestrictionService { return openPostgres(tb) },
	}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			store := stores[name](b)
			svc := &registry.Service{RestrictionService: store,
				Relay: registry.NewRelay(nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))}
			rs := bench.Restrictions(1, b.N, "district-court")
			b.ResetTimer()
			t := bench.Creates(context.Background(), rs, *createWorkers, svc.CreateRestriction)
			b.StopTimer()
			if t.Errors > 0 {
				b.Fatalf("%d of %d creates failed: %v", t.Errors, t.N, t.FirstErr)
			}
			b.ReportMetric(t.PerSecond, "creates/s")
			b.ReportMetric(bench.Millis(t.P99), "p99-ms")
		})
	}
}
