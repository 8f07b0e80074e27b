package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// requireFaultTools skips the fault matrix under -short: it builds trex
// and starts real processes.
func requireFaultTools(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("the fault matrix starts real trex processes; run without -short")
	}
}

// linkProxy is a loopback TCP proxy in front of the exchange that a test
// cuts and restores, standing for a border site's link.
type linkProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	cut    bool
	conns  map[net.Conn]bool
}

// newLinkProxy proxies a fresh loopback port to the NATS server at natsURL.
func newLinkProxy(t testing.TB, natsURL string) *linkProxy {
	t.Helper()
	u, err := url.Parse(natsURL)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &linkProxy{ln: ln, target: u.Host, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); p.Cut() })
	go p.serve()
	return p
}

// URL is the proxied exchange's URL.
func (p *linkProxy) URL() string { return "nats://" + p.ln.Addr().String() }

func (p *linkProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.cut {
			p.mu.Unlock()
			c.Close()
			continue
		}
		up, err := net.DialTimeout("tcp", p.target, 5*time.Second)
		if err != nil {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns[c], p.conns[up] = true, true
		p.mu.Unlock()
		go p.pipe(c, up)
		go p.pipe(up, c)
	}
}

func (p *linkProxy) pipe(dst, src net.Conn) {
	io.Copy(dst, src)
	dst.Close()
	src.Close()
	p.mu.Lock()
	delete(p.conns, dst)
	delete(p.conns, src)
	p.mu.Unlock()
}

// Cut drops every connection through the proxy and refuses new ones.
func (p *linkProxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = true
	for c := range p.conns {
		c.Close()
	}
}

// Restore lets connections through again.
func (p *linkProxy) Restore() {
	p.mu.Lock()
	p.cut = false
	p.mu.Unlock()
}

// jetstreamMsg is a message for subject with a deduplication ID.
func jetstreamMsg(subject string, data []byte, msgID string) *nats.Msg {
	m := nats.NewMsg(subject)
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, msgID)
	return m
}

// missingReceipts lists the restrictions whose version held in node b's
// replica has, after waiting up to d, no receipt from b at the registry (a
// version superseded before it was confirmed needs none: the registry
// shows the node's latest).
func (e *faultEnv) missingReceipts(b *faultBorder, d time.Duration) []string {
	e.t.Helper()
	ctx := context.Background()
	var missing []string
	waitFor(d, func() bool {
		missing = nil
		node, err := replicaState(ctx, b)
		if err != nil {
			e.t.Fatal(err)
		}
		got, err := e.receipts(ctx, b.id)
		if err != nil {
			e.t.Fatal(err)
		}
		for id, h := range node {
			if !got[id][h.Version] {
				missing = append(missing, fmt.Sprintf("%s v%d", id, h.Version))
			}
		}
		return len(missing) == 0
	})
	sort.Strings(missing)
	return missing
}

// receipts reads the registry's receipts from node: restriction → versions.
func (e *faultEnv) receipts(ctx context.Context, node string) (map[string]map[int64]bool, error) {
	out := map[string]map[int64]bool{}
	db, err := readOnlySQLite(e.regDir + "/registry.db")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT restriction_id, version FROM receipts WHERE node = ?`, node)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[int64]bool{}
		}
		out[id][v] = true
	}
	return out, rows.Err()
}
