package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"trex"
	"trex/bench"
	"trex/bench/pgtrgm"
)

// benchSideBySide loads the node's register into PostgreSQL's first
// design and sends it the same cfg.Checks checks, drawn in turn from the
// same qs, from the same cfg.Conns workers as the node's API got; it
// reports its throughput, CPU and accuracy beside trex's (measured just
// before over HTTP).
func benchSideBySide(ctx context.Context, cfg benchConfig, people []trex.Person, qs []bench.Query, trexRun bench.Screening,
	rep *bench.Report, progress io.Writer) error {
	fmt.Fprintf(progress, "side by side: loading %d persons into PostgreSQL (pg_trgm first design)...\n", len(people))
	base, err := pgtrgm.Open(ctx, cfg.Postgres, pgtrgm.Options{Conns: cfg.Conns})
	if err != nil {
		return err
	}
	defer base.Close()
	t0 := time.Now()
	if err := base.Load(ctx, people, bench.RegisterID); err != nil {
		return err
	}
	rep.PostgresLoadS = time.Since(t0).Seconds()
	if err := sideRun(ctx, cfg, base, qs, trexRun, "", rep, progress); err != nil {
		return err
	}
	if cfg.PostgresDateFirst {
		return sideRun(ctx, cfg, base.DateFirst(), qs, trexRun, "date first", rep, progress)
	}
	return nil
}

// sideRun sends the checks through base and reports them beside
// trexRun: as the first design's figures, or with form "date first" as
// the date-first query's.
func sideRun(ctx context.Context, cfg benchConfig, base *pgtrgm.Baseline, qs []bench.Query, trexRun bench.Screening, form string,
	rep *bench.Report, progress io.Writer) error {
	fmt.Fprintf(progress, "side by side: %d checks through PostgreSQL over %d connections %s...\n", cfg.Checks, cfg.Conns, form)
	cpu0, cpuKnown, err := base.BackendCPU(ctx)
	if err != nil {
		return err
	}
	r := bench.Screen(ctx, qs, cfg.Checks, cfg.Conns, func(ctx context.Context, q bench.Query) (bench.Answer, error) {
		flagged, keys, err := base.Check(ctx, q.Person)
		return bench.Answer{Flagged: flagged, Keys: keys}, err
	})
	if r.Errors > 0 {
		return fmt.Errorf("bench: %d of %d PostgreSQL checks failed: %w", r.Errors, r.N, r.FirstErr)
	}
	if r.N != trexRun.N || r.Listed != trexRun.Listed || r.Unlisted != trexRun.Unlisted {
		return fmt.Errorf("bench: side by side on different query sets: PostgreSQL %d checks (%d listed), trex %d (%d listed)",
			r.N, r.Listed, trexRun.N, trexRun.Listed)
	}
	var cpu float64
	if cpu1, ok, err := base.BackendCPU(ctx); err == nil && ok && cpuKnown && r.N > 0 {
		cpu = bench.Micros(r.CPUPerCheck + (cpu1-cpu0)/time.Duration(r.N))
	}
	var ratio, cpuRatio float64
	if r.PerSecond > 0 {
		ratio = trexRun.PerSecond / r.PerSecond
	}
	if cpu > 0 && trexRun.CPUPerCheck > 0 {
		cpuRatio = cpu / bench.Micros(trexRun.CPUPerCheck)
	}
	if form != "" {
		if r.Found != int(*rep.PostgresRecall*float64(r.Listed)+0.5) {
			return fmt.Errorf("bench: the date-first query found %d of %d listed travellers, the first design's %.4f", r.Found, r.Listed, *rep.PostgresRecall)
		}
		rep.PostgresDateFirstChecksPerS, rep.PostgresDateFirstP99ms, rep.PostgresDateFirstCPUus = r.PerSecond, bench.Millis(r.P99), cpu
		rep.SideBySideDateFirstRatio, rep.SideBySideDateFirstCPURatio = ratio, cpuRatio
		return nil
	}
	rep.PostgresChecksPerS, rep.PostgresP99ms, rep.PostgresCPUus = r.PerSecond, bench.Millis(r.P99), cpu
	rep.PostgresRecall, rep.PostgresFalseFlags = bench.Rate(r.Recall), bench.Rate(r.FalseFlagRate)
	rep.SideBySideChecks = r.N
	rep.PostgresRecallByKind = r.RecallByKind
	rep.SideBySideRatio, rep.SideBySideCPURatio = ratio, cpuRatio
	return nil
}
