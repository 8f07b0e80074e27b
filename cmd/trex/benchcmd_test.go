package main

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"trex/bench"
)

// TestBenchReportsEveryFigure runs trex bench's phases at a small size
// and checks that the JSON carries every key the command promises, each
// measured (non-zero), and that the burst reached every border node.
func TestBenchReportsEveryFigure(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three border nodes and an exchange; skipped with -short")
	}
	rep, err := runBenchPhases(context.Background(), benchConfig{Records: 2000, Checks: 400, Conns: 8, Creates: 300, Nodes: 3,
		SteadyRate: 200, SteadyFor: time.Second}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	got := reportNumbers(t, data)
	keys := []string{"records", "rss_bytes", "bytes_per_restriction", "start_s", "check_name_dob_p99_us",
		"check_document_p99_us", "check_name_only_p99_us", "http_checks_per_s", "http_p99_ms", "registry_creates_per_s", "propagation_p99_ms",
		"propagation_steady_p99_ms", "api_creates_per_s", "trex_recall", "http_alloc_bytes_per_check"}
	if runtime.GOOS == "linux" { // where a thread's CPU time is known
		keys = append(keys, "check_name_dob_cpu_p99_us", "check_document_cpu_p99_us", "check_name_only_cpu_p99_us")
	}
	for _, k := range keys {
		if got[k] <= 0 {
			t.Errorf("%s = %v in %s", k, got[k], data)
		}
	}
	if got["border_nodes"] != 3 {
		t.Errorf("border_nodes = %v, want 3", got["border_nodes"])
	}
	if got["trex_recall"] > 1 {
		t.Errorf("recall %v above 1", got["trex_recall"])
	}
}

// reportNumbers is the report's JSON with its numeric keys as numbers.
func reportNumbers(t *testing.T, data []byte) map[string]float64 {
	t.Helper()
	var all map[string]any
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for k, v := range all {
		if f, ok := v.(float64); ok {
			got[k] = f
		}
	}
	return got
}

// TestBenchSideBySide runs the side by side at a small size against the
// machine's PostgreSQL (skipped without it, except under CI=true): the
// report carries every side-by-side figure, both systems were judged on
// the same checks, every share is a share, the ratio is the ratio of the
// throughputs, and PostgreSQL's recall comes from its answers (the first
// design cannot read every spelling: it misses some).
func TestBenchSideBySide(t *testing.T) {
	if testing.Short() {
		t.Skip("loads PostgreSQL; skipped with -short")
	}
	url := os.Getenv("TREX_TEST_POSTGRES")
	if url == "" {
		url = "postgres://127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	c, err := pgx.Connect(ctx, url)
	cancel()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s: %v; CI must provide it", url, err)
		}
		t.Skipf("PostgreSQL at %s: %v; set TREX_TEST_POSTGRES", url, err)
	}
	c.Close(context.Background())
	for _, population := range []string{"simple", "population"} {
		t.Run(population, func(t *testing.T) {
			dateFirst := population == "population"
			rep, err := runBenchPhases(context.Background(), benchConfig{Records: 2000, Checks: 600, Conns: 8, Skip: "registry,exchange",
				SideBySide: true, Postgres: url, Population: population, PostgresDateFirst: dateFirst}, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			data, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			got := reportNumbers(t, data)
			for _, k := range []string{"postgres_checks_per_s", "postgres_p99_ms", "postgres_load_s", "http_checks_per_s", "side_by_side_ratio"} {
				if got[k] <= 0 {
					t.Errorf("%s = %v in %s", k, got[k], data)
				}
			}
			for _, k := range []string{"postgres_recall", "trex_recall", "postgres_false_flags", "trex_false_flags"} {
				if v, ok := got[k]; !ok || v < 0 || v > 1 {
					t.Errorf("%s = %v (present %v) in %s", k, v, ok, data)
				}
			}
			if rep.SideBySideChecks != 600 {
				t.Errorf("side by side on %d checks, want 600 each", rep.SideBySideChecks)
			}
			if r := got["http_checks_per_s"] / got["postgres_checks_per_s"]; math.Abs(r-got["side_by_side_ratio"]) > 1e-9*r {
				t.Errorf("ratio %v, throughputs give %v", got["side_by_side_ratio"], r)
			}
			// PostgreSQL's CPU is read from /proc only when it runs on this machine.
			if c := got["postgres_cpu_per_check_us"]; c > 0 && math.Abs(c/got["http_cpu_per_check_us"]-got["side_by_side_cpu_ratio"]) > 1e-9*c {
				t.Errorf("CPU ratio %v, CPU per check %v and %v", got["side_by_side_cpu_ratio"], c, got["http_cpu_per_check_us"])
			}
			for _, k := range []string{bench.KindSystem, bench.KindTypo, bench.KindDOBError, bench.KindMRZ} {
				if _, ok := rep.PostgresRecallByKind[k]; !ok {
					t.Errorf("no PostgreSQL recall for %s queries: %v", k, rep.PostgresRecallByKind)
				}
				if _, ok := rep.TrexRecallByKind[k]; !ok {
					t.Errorf("no trex recall for %s queries: %v", k, rep.TrexRecallByKind)
				}
			}
			if *rep.PostgresRecall == 0 || *rep.PostgresRecall == 1 {
				t.Errorf("PostgreSQL recall %v: the first design finds passport spellings and misses others", *rep.PostgresRecall)
			}
			if dateFirst && (got["postgres_date_first_checks_per_s"] <= 0 || got["side_by_side_date_first_ratio"] <= 0) {
				t.Errorf("date-first figures missing: %s", data)
			}
			if !dateFirst && got["postgres_date_first_checks_per_s"] != 0 {
				t.Errorf("date-first figures without --postgres-date-first: %s", data)
			}
			if rep.Population != population {
				t.Errorf("population %q, want %q", rep.Population, population)
			}
			t.Logf("%s: trex %.0f/s recall %.3f false flags %.3f; PostgreSQL %.0f/s recall %.3f false flags %.3f", population,
				got["http_checks_per_s"], *rep.TrexRecall, *rep.TrexFalseFlags, got["postgres_checks_per_s"], *rep.PostgresRecall, *rep.PostgresFalseFlags)
		})
	}
	if _, err := runBenchPhases(context.Background(), benchConfig{Records: 10, Checks: 10, Conns: 1, Skip: "http,registry,exchange",
		SideBySide: true, Postgres: url}, io.Discard); err == nil {
		t.Error("a side by side without the node's API was run")
	}
	if _, err := runBenchPhases(context.Background(), benchConfig{Records: 10, Checks: 10, Conns: 1, Skip: "registry,exchange",
		SideBySide: true, Postgres: "postgres://127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, io.Discard); err == nil {
		t.Error("a side by side without a PostgreSQL to compare with was run")
	}
	if _, err := runBenchPhases(context.Background(), benchConfig{Records: 10, Skip: "registry,exchange", Population: "martian"}, io.Discard); err == nil {
		t.Error("an unknown person model was accepted")
	}
}

// TestBenchProfilesTheHTTPPhase: --http-cpuprofile and --http-memprofile
// write profiles (gzipped, as pprof writes them) of the HTTP checks, the
// allocations one before and one after them; an unwritable path is an
// error, not a silent run; and --cpuprofile with --http-cpuprofile, which
// would both take the one CPU profiler, is refused.
func TestBenchProfilesTheHTTPPhase(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "http.prof"), filepath.Join(dir, "mem.prof")
	rep, err := runBenchPhases(context.Background(), benchConfig{Records: 1000, Checks: 200, Conns: 4, Skip: "registry,exchange",
		HTTPProfile: cpu, HTTPMemProfile: mem}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if rep.HTTPChecksPerSecond <= 0 || rep.HTTPAllocBytes <= 0 {
		t.Errorf("no HTTP figures with the profiles on: %+v", rep)
	}
	for _, f := range []string{cpu, mem, mem + ".before"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
			t.Errorf("%s is not a gzipped profile (%d bytes)", filepath.Base(f), len(data))
		}
	}
	if _, err := runBenchPhases(context.Background(), benchConfig{Records: 10, Checks: 10, Conns: 1, Skip: "registry,exchange",
		HTTPProfile: filepath.Join(dir, "no-such-dir", "http.prof")}, io.Discard); err == nil {
		t.Error("a CPU profile that cannot be written was not reported")
	}
	if err := runBench(context.Background(), []string{"--cpuprofile", filepath.Join(dir, "a"), "--http-cpuprofile", filepath.Join(dir, "b")}); err == nil {
		t.Error("--cpuprofile and --http-cpuprofile together were accepted")
	}
}
