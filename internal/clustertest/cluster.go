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

// HubDomain is the JetStream domain of the clustered exchange, so that
// sites running JetStream of their own (leaf nodes in their own domain)
// can address it across the link.
const HubDomain = "hub"

// Cluster is a NATS JetStream cluster on loopback.
type Cluster struct {
	Name  string
	Nodes []*Node
}

// Node is one server of a cluster. Its ports and store directory stay the
// same across Stop/Kill and Start, as a restarted machine's would.
type Node struct {
	Name    string
	opts    *server.Options
	mu      sync.Mutex
	srv     *server.Server
	cluster *Cluster
}

// StartCluster starts an n-node JetStream cluster (n ≥ 3 for R3 streams)
// in the hub domain with a leaf-node listener on every node, waits until it
// has elected a meta leader, and shuts it down when the test ends.
func StartCluster(tb testing.TB, n int) *Cluster {
	tb.Helper()
	ports, err := freePorts(3 * n) // client, cluster, leaf
	if err != nil {
		tb.Fatal(err)
	}
	c := &Cluster{Name: "trex-test"}
	routes := make([]*url.URL, n)
	for i := range n {
		routes[i] = &url.URL{Scheme: "nats-route", Host: fmt.Sprintf("127.0.0.1:%d", ports[3*i+1])}
	}
	dir := tb.TempDir()
	for i := range n {
		name := fmt.Sprintf("n%d", i+1)
		opts := &server.Options{
			ServerName:      name,
			Host:            "127.0.0.1",
			Port:            ports[3*i],
			JetStream:       true,
			JetStreamDomain: HubDomain,
			StoreDir:        filepath.Join(dir, name),
			NoSigs:          true,
			NoLog:           true,
			MaxPayload:      4 << 20,
			Cluster: server.ClusterOpts{
				Name: c.Name, Host: "127.0.0.1", Port: ports[3*i+1],
			},
			Routes: routes,
			// Leaf nodes reach the cluster only through the URLs they were
			// given (a site's link), not ones the cluster advertises.
			LeafNode:            server.LeafNodeOpts{Host: "127.0.0.1", Port: ports[3*i+2], NoAdvertise: true},
			LameDuckDuration:    time.Second,
			LameDuckGracePeriod: 100 * time.Millisecond,
		}
		c.Nodes = append(c.Nodes, &Node{Name: name, opts: opts, cluster: c})
	}
	for _, nd := range c.Nodes {
		if err := nd.start(); err != nil {
			c.Shutdown()
			tb.Fatal(err)
		}
	}
	tb.Cleanup(c.Shutdown)
	if err := c.WaitReady(30 * time.Second); err != nil {
		tb.Fatal(err)
	}
	return c
}

// start runs the node's server and waits until it accepts clients.
func (nd *Node) start() error {
	srv, err := server.NewServer(nd.opts.Clone())
	if err != nil {
		return fmt.Errorf("nats node %s: %w", nd.Name, err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(20 * time.Second) {
		srv.Shutdown()
		return fmt.Errorf("nats node %s: not accepting connections within 20s", nd.Name)
	}
	nd.mu.Lock()
	nd.srv = srv
	nd.mu.Unlock()
	return nil
}

// Server is the node's running server, or nil while it is down.
func (nd *Node) Server() *server.Server {
	nd.mu.Lock()
	defer nd.mu.Unlock()
	return nd.srv
}

// Running reports whether the node is up.
func (nd *Node) Running() bool { return nd.Server() != nil }

// URL is the node's client URL (the same across restarts).
func (nd *Node) URL() string { return fmt.Sprintf("nats://127.0.0.1:%d", nd.opts.Port) }

// LeafURL is the URL leaf nodes connect to.
func (nd *Node) LeafURL() string {
	return fmt.Sprintf("nats-leaf://127.0.0.1:%d", nd.opts.LeafNode.Port)
}

// Stop takes the node down the polite way (lame duck: clients are told to
// move to another node first) and waits until it is gone.
func (nd *Node) Stop() {
	nd.mu.Lock()
	srv := nd.srv
	nd.srv = nil
	nd.mu.Unlock()
	if srv == nil {
		return
	}
	srv.LameDuckShutdown()
	srv.WaitForShutdown()
}

// Kill takes the node down at once: connections drop mid-flight, nothing
// is handed over.
func (nd *Node) Kill() {
	nd.mu.Lock()
	srv := nd.srv
	nd.srv = nil
	nd.mu.Unlock()
	if srv == nil {
		return
	}
	srv.Shutdown()
	srv.WaitForShutdown()
}

// Start brings a stopped or killed node back on its ports and its store,
// and waits until it has rejoined the cluster's JetStream.
func (nd *Node) Start() error {
	if nd.Running() {
		return nil
	}
	if err := nd.start(); err != nil {
		return err
	}
	return nd.cluster.WaitReady(30 * time.Second)
}

// URLs is the comma-separated client URL list of every node, as
// `trex serve --nats` and `trex border --nats` take it.
func (c *Cluster) URLs() string {
	us := make([]string, len(c.Nodes))
	for i, nd := range c.Nodes {
		us[i] = nd.URL()
	}
	return strings.Join(us, ",")
}

// LeafURLs are the leaf-node URLs of every node.
func (c *Cluster) LeafURLs() []string {
	us := make([]string, len(c.Nodes))
	for i, nd := range c.Nodes {
		us[i] = nd.LeafURL()
	}
	return us
}

// WaitReady waits until every running node is current with the JetStream
// meta group and one of them leads it.
func (c *Cluster) WaitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		leader, current := false, true
		for _, nd := range c.Nodes {
			srv := nd.Server()
			if srv == nil {
				continue
			}
			if srv.JetStreamIsLeader() {
				leader = true
			}
			if !srv.JetStreamIsCurrent() {
				current = false
			}
		}
		if leader && current {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("nats cluster: no JetStream meta leader with every node current within %s", timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// StreamLeader returns the node that leads stream (in the global
// account), or nil if none does right now.
func (c *Cluster) StreamLeader(stream string) *Node {
	for _, nd := range c.Nodes {
		if srv := nd.Server(); srv != nil && srv.JetStreamIsStreamLeader(server.DEFAULT_GLOBAL_ACCOUNT, stream) {
			return nd
		}
	}
	return nil
}

// WaitStreamLeader waits until stream has a leader and returns it.
func (c *Cluster) WaitStreamLeader(stream string, timeout time.Duration) (*Node, error) {
	deadline := time.Now().Add(timeout)
	for {
		if nd := c.StreamLeader(stream); nd != nil {
			return nd, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("stream %s: no leader within %s", stream, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Shutdown stops every node.
func (c *Cluster) Shutdown() {
	for _, nd := range c.Nodes {
		nd.Kill()
	}
}
