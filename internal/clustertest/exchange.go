package clustertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
	"trex/border"
	"trex/natsx"
	"trex/registry"
	"trex/screening"
	"trex/sqlite"
)

// Authority is the issuing authority the in-process registry signs for.
const Authority = "court"

// Registry is an issuer's registry running in the test process: a SQLite
// store, the relay publishing its outbox to the exchange, and the ledger
// of every write it acknowledged.
type Registry struct {
	DB      *sqlite.DB
	Service *registry.Service
	Relay   *registry.Relay
	Signer  *natsx.Signer
	Trust   *natsx.TrustList
	Ledger  *Ledger
	JS      jetstream.JetStream
	nc      *nats.Conn
	cancel  context.CancelFunc
	done    chan struct{}
}

// StartRegistry starts a registry publishing to the exchange at urls
// (comma-separated), creating the streams (R3 on a cluster), and stops it
// when the test ends.
func StartRegistry(tb testing.TB, urls string) *Registry {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "registry.db"))
	if err != nil {
		tb.Fatal(err)
	}
	nc, js, err := natsx.Connect(urls, "trex-registry-test")
	if err != nil {
		db.Close()
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &Registry{DB: db, Signer: natsx.NewSigner(Authority), Ledger: NewLedger(), JS: js, nc: nc, cancel: cancel, done: make(chan struct{})}
	r.Trust = natsx.NewTrustList(natsx.TrustedKey{Authority: Authority, PublicKey: r.Signer.Public()})
	tb.Cleanup(r.Close)
	sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
	defer scancel()
	if err := natsx.EnsureStreams(sctx, js); err != nil {
		tb.Fatal(err)
	}
	pub := &natsx.Publisher{JS: js, Signer: r.Signer}
	r.Relay = registry.NewRelay(db, pub.Publish, quiet())
	r.Relay.MinBackoff, r.Relay.MaxBackoff = 100*time.Millisecond, time.Second
	r.Service = &registry.Service{RestrictionService: db, Relay: r.Relay}
	go func() {
		defer close(r.done)
		r.Relay.Run(ctx)
	}()
	return r
}

// Close stops the relay and closes the store and the connection.
func (r *Registry) Close() {
	r.cancel()
	<-r.done
	r.nc.Close()
	r.DB.Close()
}

// Create stores a court order on p, in force for validFor from now, and
// records it in the ledger once the store acknowledged it.
func (r *Registry) Create(ctx context.Context, p trex.Person, validFor time.Duration) (*trex.Restriction, error) {
	now := time.Now().UTC()
	res := &trex.Restriction{Person: p, Kind: trex.KindCourtOrder, Authority: Authority,
		LegalBasis: "court order for a test", ValidFrom: now.Add(-time.Minute), ValidUntil: now.Add(validFor)}
	if err := r.Service.CreateRestriction(ctx, res); err != nil {
		return nil, err
	}
	r.Ledger.Ack(res)
	return res, nil
}

// Lift lifts id and records the lift in the ledger.
func (r *Registry) Lift(ctx context.Context, id string) (*trex.Restriction, error) {
	res, err := r.Service.LiftRestriction(ctx, id, "set aside in a test")
	if err != nil {
		return nil, err
	}
	r.Ledger.Ack(res)
	return res, nil
}

// Invariant is the invariant over this registry, its ledger and borders.
func (r *Registry) Invariant(borders ...Border) *Invariant {
	return &Invariant{Registry: r.DB, Ledger: r.Ledger, Borders: borders}
}

// BorderNode is a border node running in the test process: its replica
// on disk, the matcher, and the follower of the restrictions stream at
// URL (the cluster, or its site's leaf node). It can be stopped and
// started again on the same replica, as a restarted machine would be.
type BorderNode struct {
	Name  string
	URL   string
	Trust *natsx.TrustList
	// Mirror: the node follows its site's mirror (StartSiteBorder).
	Mirror bool
	// Snapshot: a node without a consumer yet starts from the stream's
	// last change of each restriction (natsx.Follower.Snapshot).
	Snapshot bool
	// OnApply, when set, is told of each change the node applied (to its
	// replica, just before its index), as it happens.
	OnApply func(r *trex.Restriction)
	// Domain is the JetStream domain the node uses ("": its server's).
	Domain string
	path   string

	mu     sync.Mutex
	node   *border.Node
	db     *sqlite.DB
	nc     *nats.Conn
	cancel context.CancelFunc
	done   chan struct{}
}

// StartBorder starts border node name following the exchange at url with
// the registry's trust list, and stops it when the test ends.
func StartBorder(tb testing.TB, name, url string, trust *natsx.TrustList) *BorderNode {
	return startBorder(tb, &BorderNode{Name: name, URL: url, Trust: trust})
}

// StartSnapshotBorder starts a new border node that bootstraps from the
// stream's snapshot (the last change of each restriction) and follows on.
func StartSnapshotBorder(tb testing.TB, name, url string, trust *natsx.TrustList) *BorderNode {
	return startBorder(tb, &BorderNode{Name: name, URL: url, Trust: trust, Snapshot: true})
}

// StartBorderWith starts b (Name, URL, Trust and any options set) and
// stops it when the test ends.
func StartBorderWith(tb testing.TB, b *BorderNode) *BorderNode { return startBorder(tb, b) }

func startBorder(tb testing.TB, b *BorderNode) *BorderNode {
	tb.Helper()
	b.path = filepath.Join(tb.TempDir(), "border-"+b.Name+".db")
	if err := b.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(b.Stop)
	return b
}

// StartLeafBorder starts border node name at a site whose leaf node runs
// no JetStream: the node uses the exchange's, in HubDomain, across the
// site's link.
func StartLeafBorder(tb testing.TB, name string, site *Leaf, trust *natsx.TrustList) *BorderNode {
	tb.Helper()
	b := &BorderNode{Name: name, URL: site.URL(), Trust: trust, Domain: HubDomain, path: filepath.Join(tb.TempDir(), "border-"+name+".db")}
	if err := b.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(b.Stop)
	return b
}

// StartSiteBorder starts border node name at a site whose leaf node runs
// its own JetStream: it makes the site's mirror of the restrictions stream
// (natsx.EnsureSiteMirror) and has the node follow it.
func StartSiteBorder(tb testing.TB, name string, site *Leaf, trust *natsx.TrustList) *BorderNode {
	tb.Helper()
	if site.Domain() == "" {
		tb.Fatalf("site %s runs no JetStream of its own to mirror into", site.Name)
	}
	nc, js, err := natsx.Connect(site.URL(), "trex-site-setup-"+site.Name)
	if err != nil {
		tb.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := natsx.EnsureSiteMirror(ctx, js, HubDomain); err != nil {
		tb.Fatal(err)
	}
	b := &BorderNode{Name: name, URL: site.URL(), Trust: trust, Mirror: true, path: filepath.Join(tb.TempDir(), "border-"+name+".db")}
	if err := b.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(b.Stop)
	return b
}

// Start opens the node's replica, loads it, and follows the stream.
func (b *BorderNode) Start() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.node != nil {
		return nil
	}
	db, err := sqlite.Open(b.path)
	if err != nil {
		return err
	}
	nc, js, err := natsx.ConnectDomain(b.URL, "trex-border-"+b.Name, b.Domain)
	if err != nil {
		db.Close()
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := &border.Node{ID: b.Name, Replica: db, Matcher: screening.New(), Log: quiet(),
		Receipts: func(ctx context.Context, rc trex.Receipt) error { return natsx.PublishReceipt(ctx, js, rc) }}
	if b.OnApply != nil {
		n.Applied = func(_ context.Context, r *trex.Restriction) error { b.OnApply(r); return nil }
	}
	if err := n.Open(ctx); err != nil {
		cancel()
		nc.Close()
		db.Close()
		return err
	}
	f := &natsx.Follower{JS: js, Durable: natsx.BorderDurable(b.Name), Trust: b.Trust, Apply: n, Log: quiet(), Heartbeat: 250 * time.Millisecond, Mirror: b.Mirror, Snapshot: b.Snapshot}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := f.Run(ctx); err != nil {
			f.Log.Error("follower stopped", "node", b.Name, "err", err)
		}
	}()
	b.node, b.db, b.nc, b.cancel, b.done = n, db, nc, cancel, done
	return nil
}

// Stop stops following and closes the replica (a stopped machine).
func (b *BorderNode) Stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.node == nil {
		return
	}
	b.cancel()
	<-b.done
	b.nc.Close()
	b.db.Close()
	b.node = nil
}

// Replica reads what the node's replica on disk holds, by ID.
func (b *BorderNode) Replica(ctx context.Context) (map[string]*trex.Restriction, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.db == nil || b.node == nil {
		return nil, fmt.Errorf("border node %s is stopped", b.Name)
	}
	out := map[string]*trex.Restriction{}
	err := b.db.EachRestriction(ctx, func(r *trex.Restriction) error {
		out[r.ID] = r
		return nil
	})
	return out, err
}

// Node is the running node, or nil while it is stopped.
func (b *BorderNode) Node() *border.Node {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.node
}

// Border reads the node for the invariant; it fails while the node is
// stopped.
func (b *BorderNode) Border() Border { return borderNode{b} }

type borderNode struct{ b *BorderNode }

func (v borderNode) Name() string { return v.b.Name }

func (v borderNode) running() (Border, error) {
	n := v.b.Node()
	if n == nil {
		return nil, fmt.Errorf("border node %s is stopped", v.b.Name)
	}
	return NodeBorder(n), nil
}

func (v borderNode) Holdings(ctx context.Context) (map[string]*trex.Restriction, error) {
	n, err := v.running()
	if err != nil {
		return nil, err
	}
	return n.Holdings(ctx)
}

func (v borderNode) Check(ctx context.Context, p trex.Person) (*trex.Decision, error) {
	n, err := v.running()
	if err != nil {
		return nil, err
	}
	return n.Check(ctx, p)
}

func (v borderNode) DataAsOf(ctx context.Context) (time.Time, error) {
	n, err := v.running()
	if err != nil {
		return time.Time{}, err
	}
	return n.DataAsOf(ctx)
}

// quiet is the components' logger: silent, unless TREX_CLUSTER_LOG is set
// (then to stderr), to see what a failing test's nodes said.
func quiet() *slog.Logger {
	if os.Getenv("TREX_CLUSTER_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
