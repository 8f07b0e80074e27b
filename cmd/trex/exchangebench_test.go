package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
	"trex/natsx"
	"trex/synth"
)

// The exchange's capacity figures (docs/operations.md quotes them): how many
// restrictions per second the registry takes, and how long a border node
// needs to bootstrap from zero and to catch up after a cut. They are long
// and are not part of go test ./...; run, e.g.:
//
//	go test ./cmd/trex -run '^$' -bench 'RegistryWrites' -benchtime 3000x
//	go test ./cmd/trex -run '^$' -bench 'BorderBootstrap' -benchtime 1x -timeout 2h \
//	    -bootstrap.records 1000000 -catchup.rate 50 -catchup.minutes 10
var (
	bootstrapRecords = flag.Int("bootstrap.records", 1_000_000, "restrictions in the stream for BenchmarkBorderBootstrap")
	catchupRate      = flag.Float64("catchup.rate", 50, "changes per second the registry writes while a node is cut off (BenchmarkBorderBootstrap/catch-up)")
	catchupMinutes   = flag.Float64("catchup.minutes", 10, "how long the node is cut off (BenchmarkBorderBootstrap/catch-up)")
)

var benchLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// benchGroup runs a wiring's loops until stop is called.
type benchGroup struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newBenchGroup() *benchGroup {
	g := &benchGroup{}
	g.ctx, g.cancel = context.WithCancel(context.Background())
	return g
}

func (g *benchGroup) run(_ string, fn func(context.Context) error) {
	g.wg.Add(1)
	go func() { defer g.wg.Done(); fn(g.ctx) }()
}

func (g *benchGroup) stop() { g.cancel(); g.wg.Wait() }

// BenchmarkRegistryWrites measures restrictions created per second on
// SQLite and on PostgreSQL (a private cluster), through the registry
// service in-process (store, outbox, relay publishing to an embedded
// exchange) and through the API of a real trex serve process (HTTP, auth,
// validation, audit). Eight concurrent writers; client and server share
// the machine. published/s is the rate at which changes also left the
// outbox for the exchange.
func BenchmarkRegistryWrites(b *testing.B) {
	gen := synth.New(7)
	persons := make([]trex.Person, 4096)
	for i := range persons {
		persons[i] = gen.Person()
	}
	for _, store := range []string{"sqlite", "postgres"} {
		b.Run(store, func(b *testing.B) {
			var pg *privatePostgres
			if store == "postgres" {
				pg = startPrivatePostgres(b)
			}
			b.Run("service", func(b *testing.B) {
				dir := b.TempDir()
				srv, err := natsx.RunEmbedded(filepath.Join(dir, "nats"), 0)
				if err != nil {
					b.Fatal(err)
				}
				defer srv.Shutdown()
				url := ""
				if pg != nil {
					url = pgSchema(b, pg.URL())
				}
				g := newBenchGroup()
				reg, err := startRegistry(g.ctx, registryConfig{PostgresURL: url, DataDir: dir, NatsURL: srv.URL(),
					Authorities: []string{"district-court"}, Log: benchLog}, g.run)
				if err != nil {
					b.Fatal(err)
				}
				defer func() { g.stop(); reg.Close() }()
				var next atomic.Int64
				until := time.Now().Add(30 * 24 * time.Hour)
				b.SetParallelism(4)
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						i := next.Add(1)
						r := &trex.Restriction{Person: persons[int(i)%len(persons)], Kind: trex.KindCourtOrder,
							LegalBasis: fmt.Sprintf("Case B-%d/2026", i), Authority: "district-court", ValidUntil: until}
						if err := reg.Service.CreateRestriction(g.ctx, r); err != nil {
							b.Error(err)
							return
						}
					}
				})
				committed := b.Elapsed()
				waitDrained(b, reg.DB)
				b.ReportMetric(float64(b.N)/committed.Seconds(), "restrictions/s")
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "published/s")
			})
			b.Run("api", func(b *testing.B) {
				e := newFaultEnv(b)
				if pg != nil {
					e.pgURL = pgSchema(b, pg.URL())
				}
				e.startRegistry()
				var failed atomic.Int64
				b.SetParallelism(4)
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := e.create(); err != nil {
							failed.Add(1)
						}
					}
				})
				committed := b.Elapsed()
				if n := failed.Load(); n > 0 {
					b.Fatalf("%d of %d creates failed", n, b.N)
				}
				if !waitFor(5*time.Minute, func() bool {
					_, pending, err := e.registryState(context.Background())
					return err == nil && pending == 0
				}) {
					b.Fatal("the outbox did not drain")
				}
				b.ReportMetric(float64(b.N)/committed.Seconds(), "restrictions/s")
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "published/s")
			})
		})
	}
}

// waitDrained waits until nothing is left in the registry's outbox.
func waitDrained(b *testing.B, o trex.Outbox) {
	b.Helper()
	if !pollUntil(5*time.Minute, time.Millisecond, func() bool {
		st, err := o.OutboxStats(context.Background())
		return err == nil && st.Depth == 0
	}) {
		b.Fatal("the outbox did not drain")
	}
}

// pgSchema creates a fresh schema in the database at url and returns a URL
// that uses it.
func pgSchema(tb testing.TB, url string) string {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("trex_bench_%d", time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatal(err)
	}
	return url + "&search_path=" + schema
}

// BenchmarkBorderBootstrap measures a border node (the wiring of trex
// border: SQLite replica, audit log, index, receipts) that starts from
// zero against a stream of -bootstrap.records restrictions, and one that
// catches up after a cut during which the registry wrote -catchup.rate
// changes a second for -catchup.minutes (two new restrictions for each
// lift of an old one).
func BenchmarkBorderBootstrap(b *testing.B) {
	dir := b.TempDir()
	paths := trustPathsIn(dir)
	ring, rootPub, err := ensureTrust(paths, []string{"district-court"}, benchLog)
	if err != nil {
		b.Fatal(err)
	}
	tl := natsx.NewTrustList()
	if err := (&natsx.TrustFile{Path: paths.Trust, Root: rootPub, Trust: tl, Log: benchLog}).Load(); err != nil {
		b.Fatal(err)
	}
	signer, err := ring.Current("district-court", tl, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	srv, err := natsx.RunEmbedded(filepath.Join(dir, "nats"), 0)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Shutdown()
	nc, js, err := natsx.Connect(srv.URL(), "bench-filler")
	if err != nil {
		b.Fatal(err)
	}
	defer nc.Close()
	ctx := context.Background()
	if err := natsx.EnsureStreams(ctx, js); err != nil {
		b.Fatal(err)
	}
	f := &streamFiller{b: b, js: js, signer: signer, gen: synth.New(11)}
	start := time.Now()
	f.create(*bootstrapRecords)
	b.Logf("stream filled with %d signed restrictions in %v", *bootstrapRecords, time.Since(start).Round(time.Millisecond))

	cfg := func(id, data string) borderConfig {
		return borderConfig{ID: id, DataDir: data, NatsURL: srv.URL(), TrustPath: paths.Trust, Root: rootPub, Log: benchLog}
	}
	var kept, keptID string // a bootstrapped node's data, for catching up
	b.Run("from-zero", func(b *testing.B) {
		for i := range b.N {
			data := filepath.Join(dir, fmt.Sprintf("border-%d-%d", b.N, i))
			id := fmt.Sprintf("boot-%d-%d", b.N, i)
			if err := os.MkdirAll(data, 0o700); err != nil {
				b.Fatal(err)
			}
			g := newBenchGroup()
			began := time.Now()
			bn, err := startBorder(g.ctx, cfg(id, data), g.run)
			if err != nil {
				b.Fatal(err)
			}
			waitBenchApplied(b, bn, int64(f.changes))
			took := time.Since(began)
			g.stop()
			bn.Close()
			b.ReportMetric(took.Seconds(), "s/bootstrap")
			b.ReportMetric(float64(f.changes)/took.Seconds(), "changes/s")
			kept, keptID = data, id
		}
		b.ReportMetric(float64(f.changes), "restrictions")
	})
	b.Run("catch-up", func(b *testing.B) {
		if kept == "" {
			b.Skip("from-zero did not run")
		}
		backlog := int(*catchupRate * *catchupMinutes * 60)
		for range b.N {
			b.StopTimer()
			// The node is down (cut off) while the registry writes.
			f.backlog(backlog)
			b.StartTimer()
			g := newBenchGroup()
			began := time.Now()
			bn, err := startBorder(g.ctx, cfg(keptID, kept), g.run)
			if err != nil {
				b.Fatal(err)
			}
			loaded := time.Since(began)
			waitBenchApplied(b, bn, int64(backlog))
			took := time.Since(began)
			g.stop()
			bn.Close()
			b.ReportMetric(took.Seconds(), "s/catch-up")
			b.ReportMetric(loaded.Seconds(), "s/load-replica")
			b.ReportMetric(float64(backlog), "backlog")
		}
	})
}

// waitApplied waits until node bn has applied n changes since it started.
func waitBenchApplied(b *testing.B, bn *borderNode, n int64) {
	b.Helper()
	if !pollUntil(4*time.Hour, 5*time.Millisecond, func() bool { return bn.Node.Stats().Applied >= n }) {
		b.Fatalf("node applied %d of %d changes", bn.Node.Stats().Applied, n)
	}
}

// streamFiller publishes signed changes straight into the restrictions
// stream, as the registry's relay would.
type streamFiller struct {
	b       *testing.B
	js      jetstream.JetStream
	signer  *natsx.Signer
	gen     *synth.Generator
	created int // restrictions B0000000.. created so far
	lifted  int // of which the first lifted were lifted
	changes int // changes of the restrictions created at first
}

func (f *streamFiller) publish(r trex.Restriction) {
	data, err := f.signer.Seal(trex.Change{Restriction: r, At: time.Now()})
	if err != nil {
		f.b.Fatal(err)
	}
	msg := jetstreamMsg(natsx.RestrictionSubject(r.Authority, r.ID), data, fmt.Sprintf("%s:v%d", r.ID, r.Version))
	if _, err := f.js.PublishMsgAsync(msg); err != nil {
		f.b.Fatal(err)
	}
}

func (f *streamFiller) restriction(i int, version int64, status trex.Status) trex.Restriction {
	return trex.Restriction{ID: fmt.Sprintf("B%07d", i), Version: version, Status: status, Kind: trex.KindCourtOrder,
		LegalBasis: "Case B/2026", Authority: "district-court", ValidFrom: time.Now().Add(-time.Hour),
		ValidUntil: time.Now().Add(90 * 24 * time.Hour), Person: f.gen.Person()}
}

func (f *streamFiller) wait() {
	select {
	case <-f.js.PublishAsyncComplete():
	case <-time.After(5 * time.Minute):
		f.b.Fatal("publishing did not complete")
	}
}

// create publishes n new restrictions.
func (f *streamFiller) create(n int) {
	for range n {
		f.publish(f.restriction(f.created, 1, trex.StatusActive))
		f.created++
		if f.created%4000 == 0 {
			f.wait()
		}
	}
	f.wait()
	f.changes += n
}

// backlog publishes n changes: two new restrictions for each lift.
func (f *streamFiller) backlog(n int) {
	for i := range n {
		if i%3 == 2 {
			r := f.restriction(f.lifted, 2, trex.StatusLifted)
			f.lifted++
			f.publish(r)
		} else {
			f.publish(f.restriction(f.created, 1, trex.StatusActive))
			f.created++
		}
		if i%4000 == 3999 {
			f.wait()
		}
	}
	f.wait()
}
