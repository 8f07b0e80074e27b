package bench_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
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

// openPostgres opens the registry in a fresh schema dropped afterwards,
// and returns it with the application name its connections carry (the
// schema's name).
func openPostgres(tb testing.TB) (*postgres.DB, string) {
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
	db, err := postgres.Open(ctx, fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable&search_path=%s&application_name=%s",
		cfg.User, cfg.Host, cfg.Port, cfg.Database, schema, schema))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db, schema
}

var createWorkers = flag.Int("creates.workers", 32, "clerks creating at once in BenchmarkRegistryCreates")

// BenchmarkRegistryCreates creates restrictions through the registry
// service (validation, the store's transaction with its outbox entry,
// the relay's wake-up) from -creates.workers clerks at once (32), on SQLite and on
// PostgreSQL, and reports creates per second.
func BenchmarkRegistryCreates(b *testing.B) {
	var pgApp string // the application name of the PostgreSQL store's connections
	stores := map[string]func(testing.TB) trex.RestrictionService{
		"sqlite": func(tb testing.TB) trex.RestrictionService {
			db, err := sqlite.Open(filepath.Join(tb.TempDir(), "registry.db"))
			if err != nil {
				tb.Fatal(err)
			}
			tb.Cleanup(func() { db.Close() })
			return db
		},
		"postgres": func(tb testing.TB) trex.RestrictionService {
			db, app := openPostgres(tb)
			pgApp = app
			return db
		},
	}
	// The database server's CPU time serving the store, where it can be read.
	serverCPU := map[string]func(testing.TB) time.Duration{
		"postgres": func(tb testing.TB) time.Duration { return postgresBackendCPU(tb, pgApp) },
	}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			store := &batchCounter{RestrictionService: stores[name](b)}
			svc := &registry.Service{RestrictionService: store,
				Relay: registry.NewRelay(nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))}
			rs := bench.Restrictions(1, b.N, "district-court")
			server := serverCPU[name]
			var server0 time.Duration
			if server != nil {
				server0 = server(b)
			}
			cpu0 := bench.CPUTime()
			b.ResetTimer()
			t := bench.Creates(context.Background(), rs, *createWorkers, svc.CreateRestriction)
			b.StopTimer()
			cpu := bench.CPUTime() - cpu0
			if t.Errors > 0 {
				b.Fatalf("%d of %d creates failed: %v", t.Errors, t.N, t.FirstErr)
			}
			b.ReportMetric(t.PerSecond, "creates/s")
			b.ReportMetric(bench.Millis(t.P99), "p99-ms")
			b.ReportMetric(bench.Micros(cpu)/float64(b.N), "cpu-us/create")
			b.ReportMetric(float64(b.N)/float64(max(store.batches.Load(), 1)), "creates/batch")
			if server != nil {
				b.ReportMetric(bench.Micros(server(b)-server0)/float64(b.N), "server-cpu-us/create")
			}
		})
	}
}

// postgresBackendCPU is the CPU time (user and system) of the PostgreSQL
// server processes serving connections named app, read from /proc on the
// machine running both (0 when the server is elsewhere): the database's
// share of a create, which the process's own CPU time leaves out. The
// server's shared processes (WAL writer, checkpointer) are not counted.
func postgresBackendCPU(tb testing.TB, app string) time.Duration {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, postgresURL())
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, app)
	if err != nil {
		tb.Fatal(err)
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		tb.Fatal(err)
	}
	var total time.Duration
	for _, pid := range pids {
		total += processCPU(int(pid))
	}
	return total
}

// processCPU is the CPU time process pid has used, from /proc (0 where
// there is none).
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command's closing parenthesis: the state is the
	// first, utime and stime the 12th and 13th, in USER_HZ (100 a second).
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * (time.Second / 100)
}

// batchCounter is a registry store counting the batches of creates it is
// given (the registry's group commit at work), and passing on the store's
// wish for how many at once.
type batchCounter struct {
	trex.RestrictionService
	batches atomic.Int64
}

func (c *batchCounter) CreateRestrictions(ctx context.Context, rs []*trex.Restriction) []error {
	c.batches.Add(1)
	return c.RestrictionService.(trex.BatchCreator).CreateRestrictions(ctx, rs)
}

func (c *batchCounter) CreateBatchesAtOnce() int {
	if s, ok := c.RestrictionService.(interface{ CreateBatchesAtOnce() int }); ok {
		return s.CreateBatchesAtOnce()
	}
	return 1
}
