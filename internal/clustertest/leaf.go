package clustertest

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Leaf is a border site's NATS server: a leaf node of the cluster, reached
// through one Link per cluster node so that a test can cut the site off.
// With JetStream on, it runs its own JetStream domain (the site's name),
// so that a stream kept at the site (a mirror of the exchange's) keeps
// serving the site's border nodes while the link is down.
type Leaf struct {
	Name  string
	Links []*Link
	opts  *server.Options

	mu  sync.Mutex
	srv *server.Server
}

// LeafConfig configures a site's leaf node.
type LeafConfig struct {
	// Name is the site's name, also its JetStream domain.
	Name string
	// JetStream runs JetStream at the site in domain Name. Without it the
	// site's clients use the cluster's JetStream across the link.
	JetStream bool
}

// StartLeaf starts a leaf node for a site, linked to every node of c
// through its own Links, and waits until it has connected.
func StartLeaf(tb testing.TB, c *Cluster, cfg LeafConfig) *Leaf {
	tb.Helper()
	lf := &Leaf{Name: cfg.Name}
	var urls []*url.URL
	for _, nd := range c.Nodes {
		k := NewLink(tb, strings.TrimPrefix(nd.LeafURL(), "nats-leaf://"))
		lf.Links = append(lf.Links, k)
		urls = append(urls, &url.URL{Scheme: "nats-leaf", Host: k.Addr()})
	}
	ports, err := freePorts(1)
	if err != nil {
		tb.Fatal(err)
	}
	lf.opts = &server.Options{
		ServerName: "leaf-" + cfg.Name,
		Host:       "127.0.0.1",
		Port:       ports[0],
		NoSigs:     true,
		NoLog:      true,
		MaxPayload: 4 << 20,
		LeafNode: server.LeafNodeOpts{
			ReconnectInterval: 250 * time.Millisecond,
			Remotes:           []*server.RemoteLeafOpts{{URLs: urls}},
		},
	}
	if cfg.JetStream {
		lf.opts.JetStream = true
		lf.opts.JetStreamDomain = cfg.Name
		lf.opts.StoreDir = filepath.Join(tb.TempDir(), cfg.Name)
	}
	if err := lf.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(lf.Kill)
	if err := lf.WaitLinked(20 * time.Second); err != nil {
		tb.Fatal(err)
	}
	return lf
}

// Start runs (or runs again) the leaf's server on its port and store.
func (lf *Leaf) Start() error {
	lf.mu.Lock()
	defer lf.mu.Unlock()
	if lf.srv != nil {
		return nil
	}
	srv, err := server.NewServer(lf.opts.Clone())
	if err != nil {
		return fmt.Errorf("leaf %s: %w", lf.Name, err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(20 * time.Second) {
		srv.Shutdown()
		return fmt.Errorf("leaf %s: not accepting connections within 20s", lf.Name)
	}
	lf.srv = srv
	return nil
}

// Kill takes the site's server down at once.
func (lf *Leaf) Kill() {
	lf.mu.Lock()
	srv := lf.srv
	lf.srv = nil
	lf.mu.Unlock()
	if srv != nil {
		srv.Shutdown()
		srv.WaitForShutdown()
	}
}

// URL is the client URL border nodes at the site connect to.
func (lf *Leaf) URL() string { return fmt.Sprintf("nats://127.0.0.1:%d", lf.opts.Port) }

// Domain is the site's JetStream domain ("" when it runs none).
func (lf *Leaf) Domain() string { return lf.opts.JetStreamDomain }

// Cut severs the site from the cluster.
func (lf *Leaf) Cut() {
	for _, k := range lf.Links {
		k.Cut()
	}
}

// Restore reconnects the site to the cluster.
func (lf *Leaf) Restore() {
	for _, k := range lf.Links {
		k.Restore()
	}
}

// Linked reports whether the leaf holds a connection to the cluster.
func (lf *Leaf) Linked() bool {
	lf.mu.Lock()
	srv := lf.srv
	lf.mu.Unlock()
	return srv != nil && srv.NumLeafNodes() > 0
}

// WaitLinked waits until the leaf is connected to the cluster.
func (lf *Leaf) WaitLinked(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for !lf.Linked() {
		if time.Now().After(deadline) {
			return fmt.Errorf("leaf %s: not linked to the cluster within %s", lf.Name, timeout)
		}
		time.Sleep(25 * time.Millisecond)
	}
	return nil
}

// WaitUnlinked waits until the leaf has noticed its link is gone.
func (lf *Leaf) WaitUnlinked(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for lf.Linked() {
		if time.Now().After(deadline) {
			return fmt.Errorf("leaf %s: still linked %s after the cut", lf.Name, timeout)
		}
		time.Sleep(25 * time.Millisecond)
	}
	return nil
}
