package clustertest

import (
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
)

// Link is a loopback TCP proxy standing for a site's network link: a test
// can cut it (every connection through it drops and new ones are refused
// at once) and restore it.
type Link struct {
	target string
	l      net.Listener

	mu    sync.Mutex
	cut   bool
	conns map[net.Conn]bool
}

// NewLink starts a proxy to target (host:port) on a random loopback port,
// closed when the test ends.
func NewLink(tb testing.TB, target string) *Link {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("link to %s: %v", target, err)
	}
	k := &Link{target: target, l: l, conns: map[net.Conn]bool{}}
	go k.serve()
	tb.Cleanup(k.Close)
	return k
}

// Addr is the proxy's host:port.
func (k *Link) Addr() string { return k.l.Addr().String() }

func (k *Link) serve() {
	for {
		in, err := k.l.Accept()
		if err != nil {
			return
		}
		k.mu.Lock()
		if k.cut {
			k.mu.Unlock()
			in.Close()
			continue
		}
		k.mu.Unlock()
		go k.pipe(in)
	}
}

// pipe joins one accepted connection to the target until either side or
// a cut ends it.
func (k *Link) pipe(in net.Conn) {
	out, err := net.Dial("tcp", k.target)
	if err != nil {
		in.Close()
		return
	}
	k.mu.Lock()
	if k.cut {
		k.mu.Unlock()
		in.Close()
		out.Close()
		return
	}
	k.conns[in], k.conns[out] = true, true
	k.mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(2)
	cp := func(dst, src net.Conn) {
		defer wg.Done()
		io.Copy(dst, src)
		dst.Close()
		src.Close()
	}
	go cp(out, in)
	go cp(in, out)
	wg.Wait()
	k.mu.Lock()
	delete(k.conns, in)
	delete(k.conns, out)
	k.mu.Unlock()
}

// Cut drops every connection through the link and refuses new ones until
// Restore.
func (k *Link) Cut() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.cut = true
	for c := range k.conns {
		c.Close()
	}
}

// Restore lets connections through again.
func (k *Link) Restore() {
	k.mu.Lock()
	k.cut = false
	k.mu.Unlock()
}

// IsCut reports whether the link is cut.
func (k *Link) IsCut() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.cut
}

// Close stops the proxy and drops its connections.
func (k *Link) Close() {
	k.Cut()
	k.l.Close()
}

// String names the link for messages.
func (k *Link) String() string { return fmt.Sprintf("link %s→%s", k.Addr(), k.target) }
