package pgtrgm_test

import (
	"context"
	"flag"
	"testing"
	"time"

	"trex/bench"
)

var (
	benchRecords = flag.Int("pgtrgm.records", 100_000, "persons loaded for BenchmarkFirstDesignChecks")
	benchConns   = flag.Int("pgtrgm.conns", 32, "checks in flight in BenchmarkFirstDesignChecks")
	benchDate    = flag.Bool("pgtrgm.datefirst", false, "BenchmarkFirstDesignChecks asks the date-first form (Baseline.DateFirst)")
)

// BenchmarkFirstDesignChecks loads -pgtrgm.records persons into the
// first design and sends b.N of the bench's realistic checks from
// -pgtrgm.conns workers, reporting checks/s, the server's and this
// process's CPU per check, recall and false flags (as bench.Screen
// judges them).
func BenchmarkFirstDesignChecks(b *testing.B) {
	loaded := openBaseline(b, *benchConns)
	defer loaded.Close()
	base := loaded
	if *benchDate {
		base = loaded.DateFirst()
	}
	ctx := context.Background()
	people := bench.Register(42, *benchRecords)
	if err := base.Load(ctx, people, bench.RegisterID); err != nil {
		b.Fatal(err)
	}
	qs := bench.Queries(people, 99, 5000, 0.5)
	check := func(ctx context.Context, q bench.Query) (bench.Answer, error) {
		f, keys, err := base.Check(ctx, q.Person)
		return bench.Answer{Flagged: f, Keys: keys}, err
	}
	cpu0, known, err := base.BackendCPU(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	s := bench.Screen(ctx, qs, b.N, *benchConns, check)
	b.StopTimer()
	if s.Errors > 0 {
		b.Fatalf("%d of %d checks failed: %v", s.Errors, s.N, s.FirstErr)
	}
	b.ReportMetric(s.PerSecond, "checks/s")
	b.ReportMetric(bench.Millis(s.P99), "p99-ms")
	if cpu1, ok, err := base.BackendCPU(ctx); err == nil && ok && known {
		b.ReportMetric(bench.Micros((cpu1-cpu0)/time.Duration(s.N)+s.CPUPerCheck), "cpu-µs/check")
	}
	b.ReportMetric(s.Recall, "recall")
	b.ReportMetric(s.FalseFlagRate, "false-flags")
}
