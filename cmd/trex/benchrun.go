package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"trex"
	"trex/audit"
	"trex/bench"
	"trex/bench/pgtrgm"
	"trex/border"
	"trex/ftm"
	thttp "trex/http"
	"trex/natsx"
	"trex/registry"
	"trex/screening"
	"trex/sqlite"
)

// benchConfig is what trex bench measures.
type benchConfig struct {
	Records, Checks, Conns, Creates, Nodes int
	SteadyRate                             float64
	SteadyFor                              time.Duration
	Skip                                   string
	// SideBySide runs the checks through PostgreSQL's first design at
	// Postgres too.
	SideBySide bool
	Postgres   string
	// PostgresDateFirst asks PostgreSQL the date-first form of the query
	// (pgtrgm.Options.DateFirst).
	PostgresDateFirst bool
	// Population names the person model (bench.Models); empty is simple.
	Population string
	// HTTPProfile, when set, is the file a CPU profile of the HTTP checks
	// alone is written to.
	HTTPProfile string
	// HTTPMemProfile, when set, is the file the allocations profile is
	// written to after the HTTP checks, and with ".before" added before
	// them (go tool pprof -sample_index=alloc_space -diff_base); each is
	// written after a garbage collection, which the measurement then follows.
	HTTPMemProfile string
}

// model is the person model cfg names.
func (c benchConfig) model() (bench.Model, string, error) {
	name := c.Population
	if name == "" {
		name = "simple"
	}
	m, err := bench.ModelNamed(name)
	return m, name, err
}

func (c benchConfig) skips(phase string) bool {
	for _, s := range strings.Split(c.Skip, ",") {
		if strings.TrimSpace(s) == phase {
			return true
		}
	}
	return false
}

// benchBudget lifts the API's per-token and per-role budgets for the
// load generator's one officer token: the bench measures the node, not
// the booth's pace.
var benchBudget = thttp.RateLimit{PerSecond: 1e9, Burst: 1 << 30}

// runBenchPhases wires trex's components on temporary storage, drives
// them with package bench, and collects the report. Progress goes to
// progress.
func runBenchPhases(ctx context.Context, cfg benchConfig, progress io.Writer) (*bench.Report, error) {
	dir, err := os.MkdirTemp("", "trex-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	rep := &bench.Report{}
	if _, _, err := cfg.model(); err != nil {
		return nil, err
	}
	if cfg.SideBySide && (cfg.skips("node") || cfg.skips("http")) {
		return nil, fmt.Errorf("bench: --side-by-side compares with the node's API: do not skip node or http")
	}
	if cfg.SideBySide {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := pgtrgm.Probe(pctx, cfg.Postgres)
		cancel()
		if err != nil {
			return nil, fmt.Errorf("bench: --side-by-side: %w", err)
		}
	}
	if !cfg.skips("node") {
		if err := benchNode(ctx, cfg, filepath.Join(dir, "node"), quiet, rep, progress); err != nil {
			return nil, err
		}
	}
	if !cfg.skips("registry") {
		fmt.Fprintf(progress, "registry: %d creates from %d clerks at once...\n", cfg.Creates, cfg.Conns)
		db, err := sqlite.Open(filepath.Join(dir, "registry.db"))
		if err != nil {
			return nil, err
		}
		svc := &registry.Service{RestrictionService: db, Relay: registry.NewRelay(db, nil, quiet)}
		t := bench.Creates(ctx, bench.Restrictions(7, cfg.Creates, demoAuthorities[0]), cfg.Conns, svc.CreateRestriction)
		db.Close()
		if t.Errors > 0 {
			return nil, fmt.Errorf("bench: %d creates failed: %w", t.Errors, t.FirstErr)
		}
		rep.RegistryCreatesPerS = t.PerSecond
	}
	if !cfg.skips("exchange") {
		if err := benchExchange(ctx, cfg, filepath.Join(dir, "exchange"), quiet, rep, progress); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// benchNode fills a border node's replica with cfg.Records restrictions,
// starts the node from it, and checks travellers in process and over its
// API as trex border serves it (check log and audit log on).
func benchNode(ctx context.Context, cfg benchConfig, dir string, log *slog.Logger, rep *bench.Report, progress io.Writer) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	db, err := sqlite.Open(filepath.Join(dir, "border-bench.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	rep.Records = cfg.Records
	model, modelName, err := cfg.model()
	if err != nil {
		return err
	}
	rep.Population = modelName
	fmt.Fprintf(progress, "node: writing %d restrictions (%s model) to a replica...\n", cfg.Records, modelName)
	people := bench.RegisterFrom(model, 42, cfg.Records)
	if err := bench.FillReplica(ctx, db, people); err != nil {
		return err
	}
	fmt.Fprintf(progress, "node: cold start from the replica...\n")
	snapshot := filepath.Join(dir, "border-bench.snapshot")
	os.Remove(snapshot)
	node := &border.Node{ID: "bench", Replica: db, Matcher: screening.New(), Log: log, Snapshot: snapshot}
	took, _, _, _, err := bench.ColdStart(ctx, node.Open, cfg.Records)
	if err != nil {
		return err
	}
	rep.StartRebuildSeconds = took.Seconds()
	fmt.Fprintf(progress, "node: writing its snapshot...\n")
	t0 := time.Now()
	if err := node.WriteSnapshot(ctx); err != nil {
		return err
	}
	rep.SnapshotWriteSeconds = time.Since(t0).Seconds()
	rep.SnapshotPauseSeconds = node.SnapshotPause().Seconds()
	if fi, err := os.Stat(snapshot); err == nil {
		rep.SnapshotBytes = fi.Size()
	}
	fmt.Fprintf(progress, "node: start from the snapshot...\n")
	node = &border.Node{ID: "bench", Replica: db, Matcher: screening.New(), Log: log, Snapshot: snapshot}
	took, cpu, rss, per, err := bench.ColdStart(ctx, node.Open, cfg.Records)
	if err != nil {
		return err
	}
	rep.StartCPUSeconds = cpu.Seconds()
	if !node.StartedFromSnapshot() {
		return fmt.Errorf("bench: the node did not start from the snapshot it wrote")
	}
	rep.StartSeconds, rep.RSSBytes, rep.BytesPerRestriction = took.Seconds(), rss, per
	qs := bench.QueriesFrom(model, people, 99, max(cfg.Checks/4, 1000), 0.5)
	fmt.Fprintf(progress, "node: %d checks in process...\n", len(qs))
	lat, err := bench.InProcess(ctx, node.Check, people, qs, 10)
	if err != nil {
		return err
	}
	rep.CheckNameDOBP99us, rep.CheckDocumentP99us = bench.Micros(lat.NameDOB), bench.Micros(lat.Document)
	rep.CheckNameDOBCPUP99us, rep.CheckDocumentCPUP99us = bench.Micros(lat.NameDOBCPU), bench.Micros(lat.DocumentCPU)
	rep.CheckNameOnlyP99us, rep.CheckNameOnlyCPUP99us = bench.Micros(lat.NameOnly), bench.Micros(lat.NameOnlyCPU)
	rep.CheckNameOnlyRefused, rep.CheckGCs = lat.NameOnlyRefused, lat.GCs
	if cfg.skips("http") {
		return nil
	}
	alog, err := audit.OpenDir(dir, "border-bench")
	if err != nil {
		return err
	}
	defer alog.Close()
	b := &borderNode{DB: db, Node: node, Audit: alog, Trust: natsx.NewTrustList()}
	api := borderAPI(b, "bench", 15*time.Second, log)
	api.RateLimit = benchBudget
	api.RoleBudgets = map[trex.Role]thttp.RateLimit{trex.RoleOfficer: benchBudget}
	officer, err := db.CreateToken(ctx, &trex.Token{Role: trex.RoleOfficer, Name: "bench", ExpiresAt: time.Now().Add(time.Hour)})
	if err != nil {
		return err
	}
	url, stop, err := serveLoopback(api.Handler())
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(progress, "http: %d checks over %d connections...\n", cfg.Checks, cfg.Conns)
	stopProfile, err := startProfile(cfg.HTTPProfile)
	if err != nil {
		return err
	}
	if err := writeAllocs(cfg.HTTPMemProfile, ".before"); err != nil {
		return err
	}
	r, err := bench.HTTPChecks(ctx, url, officer, qs, cfg.Checks, cfg.Conns)
	if perr := stopProfile(); err == nil {
		err = perr
	}
	if merr := writeAllocs(cfg.HTTPMemProfile, ""); err == nil {
		err = merr
	}
	if err != nil {
		return err
	}
	if r.Errors > 0 {
		return fmt.Errorf("bench: %d of %d checks failed: %w", r.Errors, r.N, r.FirstErr)
	}
	rep.HTTPChecksPerSecond, rep.HTTPP99ms = r.PerSecond, bench.Millis(r.P99)
	rep.TrexRecall, rep.TrexFalseFlags = bench.Rate(r.Recall), bench.Rate(r.FalseFlagRate)
	rep.TrexFalseFlagsBeyondTwins = bench.Rate(r.FalseFlagRateBeyondTwins)
	if r.Unlisted > 0 {
		rep.TrexTwinShare = bench.Rate(float64(r.Twins) / float64(r.Unlisted))
	}
	rep.TrexRecallByKind = r.RecallByKind
	rep.HTTPCPUus, rep.HTTPPageFaults, rep.HTTPAllocBytes = bench.Micros(r.CPUPerCheck), r.PageFaultsPerCheck, r.AllocBytesPerCheck
	if cfg.SideBySide {
		return benchSideBySide(ctx, cfg, people, qs, r.Screening, rep, progress)
	}
	return nil
}

// benchExchange runs a registry and cfg.Nodes border nodes over an
// embedded NATS server and measures propagation of a burst and of a
// steady stream of creates, and creates through the registry's API.
func benchExchange(ctx context.Context, cfg benchConfig, dir string, log *slog.Logger, rep *bench.Report, progress io.Writer) error {
	srv, err := natsx.RunEmbedded(filepath.Join(dir, "nats"), 0)
	if err != nil {
		return err
	}
	defer srv.Shutdown()
	d, err := startDemo(ctx, demoConfig{DataDir: dir, NatsURL: srv.URL(), Persons: 1, Log: log})
	if err != nil {
		return err
	}
	defer d.Close()
	paths := trustPathsIn(dir)
	_, rootPub, err := paths.rootKeys()
	if err != nil {
		return err
	}
	nodes := []*border.Node{d.Border.Node}
	for i := 1; i < cfg.Nodes; i++ {
		b, err := startBorder(d.g.ctx, borderConfig{ID: fmt.Sprintf("bench-%d", i), DataDir: dir, NatsURL: srv.URL(),
			TrustPath: paths.Trust, Root: rootPub, Log: log}, d.g.Go)
		if err != nil {
			return err
		}
		defer b.Close()
		nodes = append(nodes, b.Node)
	}
	holds := make([]bench.Holds, len(nodes))
	for i, n := range nodes {
		holds[i] = n.Holds
	}
	rep.BorderNodes = len(nodes)
	fmt.Fprintf(progress, "exchange: a burst of %d creates to %d border nodes...\n", cfg.Creates, len(nodes))
	lat, _, err := bench.Propagation(ctx, bench.Restrictions(11, cfg.Creates, demoAuthorities[0]), cfg.Conns, 0,
		d.Registry.Service.CreateRestriction, holds, time.Minute)
	if err != nil {
		return err
	}
	rep.PropagationP99ms = bench.Millis(bench.Percentile(lat, 0.99))
	steady := int(cfg.SteadyRate * cfg.SteadyFor.Seconds())
	if steady > 0 {
		fmt.Fprintf(progress, "exchange: %d creates at %.0f/s...\n", steady, cfg.SteadyRate)
		lat, _, err := bench.Propagation(ctx, bench.Restrictions(12, steady, demoAuthorities[0]), cfg.Conns, cfg.SteadyRate,
			d.Registry.Service.CreateRestriction, holds, time.Minute)
		if err != nil {
			return err
		}
		rep.PropagationSteadyP99ms = bench.Millis(bench.Percentile(lat, 0.99))
	}
	// Creates through the API, as clerks' tools send them.
	d.api.RateLimit = benchBudget
	url, stop, err := serveLoopback(d.api.Handler())
	if err != nil {
		return err
	}
	defer stop()
	n := max(cfg.Creates/5, 100)
	fmt.Fprintf(progress, "registry: %d creates through the API over %d connections...\n", n, cfg.Conns)
	bodies := make([][]byte, n)
	for i, r := range bench.Restrictions(13, n, demoAuthorities[0]) {
		bodies[i], _ = json.Marshal(map[string]any{"person": ftm.FromPerson("", r.Person), "kind": r.Kind, "legal_basis": r.LegalBasis,
			"valid_until": r.ValidUntil.Format(time.RFC3339)})
	}
	c := bench.Client(cfg.Conns)
	token := d.Tokens.Issuers[demoAuthorities[0]]
	t := bench.Run(ctx, n, cfg.Conns, func(ctx context.Context, i int) error {
		_, err := bench.Post(ctx, c, url+"/v1/restrictions", token, bodies[i], http.StatusCreated)
		return err
	})
	if t.Errors > 0 {
		return fmt.Errorf("bench: %d of %d creates through the API failed: %w", t.Errors, n, t.FirstErr)
	}
	rep.APICreatesPerS = t.PerSecond
	return nil
}

// serveLoopback serves h on a free loopback port.
func serveLoopback(h http.Handler) (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	// The connections' goroutines inherit the label, so that a CPU
	// profile tells the server's work from the load generator's.
	go pprof.Do(context.Background(), pprof.Labels("side", "server"), func(context.Context) { srv.Serve(ln) })
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// startProfile starts a CPU profile written to path, and returns what
// stops it and closes the file; with path empty it does nothing.
func startProfile(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("bench: CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: CPU profile %s: %w", path, err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("bench: CPU profile %s: %w", path, err)
		}
		return nil
	}, nil
}

// writeAllocs writes the allocations profile to path+suffix; with path
// empty it does nothing.
func writeAllocs(path, suffix string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path + suffix)
	if err != nil {
		return fmt.Errorf("bench: allocations profile: %w", err)
	}
	// The profile counts allocations up to the last collection: finish one.
	runtime.GC()
	err = pprof.Lookup("allocs").WriteTo(f, 0)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("bench: allocations profile %s: %w", path+suffix, err)
	}
	return nil
}
