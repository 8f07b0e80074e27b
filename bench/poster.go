package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Poster is a cheap, bounded HTTP/1.1 load generator for one endpoint: it
// keeps at most a fixed number of keep-alive connections, carries one
// request at a time on each, writes every request from a header prepared
// once, and reads each answer into a buffer the connection keeps. The
// caller's goroutine does all of a request's work, where net/http's
// client hands it between three goroutines per connection: on a machine
// the server shares with its load, the generator's CPU time is taken
// from the server's, so it must cost little.
//
// A connection that fails, times out or is closed by the server is
// dropped and dialled again by the next request that needs it.
type Poster struct {
	addr    string
	head    []byte // request line and headers up to Content-Length's value
	timeout time.Duration
	conns   chan *posterConn // nil entries: a slot without a connection yet
}

// posterConn is one keep-alive connection and its buffers.
type posterConn struct {
	c      net.Conn
	r      *bufio.Reader
	w      *bufio.Writer
	answer bytes.Buffer
}

// DefaultPostTimeout bounds one request on a Poster's connection.
const DefaultPostTimeout = 30 * time.Second

// NewPoster prepares POSTs of JSON with a bearer token to target (an
// http:// URL with a path) over at most conns connections.
func NewPoster(target, token string, conns int) (*Poster, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("bench: poster: %w", err)
	}
	if u.Scheme != "http" || u.Host == "" {
		return nil, fmt.Errorf("bench: poster: %q: want an http:// URL with a host (TLS is not spoken)", target)
	}
	if conns < 1 {
		return nil, fmt.Errorf("bench: poster: %d connections: want at least one", conns)
	}
	for _, s := range []string{token, u.Host} {
		if bytes.ContainsAny([]byte(s), "\r\n") {
			return nil, fmt.Errorf("bench: poster: a line break in a header value")
		}
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "80")
	}
	head := fmt.Appendf(nil, "POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: ",
		u.RequestURI(), u.Host, token)
	p := &Poster{addr: addr, head: head, timeout: DefaultPostTimeout, conns: make(chan *posterConn, conns)}
	for range conns {
		p.conns <- nil
	}
	return p, nil
}

// Post sends body and hands the answer to read, which must not keep it
// (the buffer is the connection's); a status other than want is an
// error, and so is read's.
func (p *Poster) Post(ctx context.Context, body []byte, want int, read func(answer []byte) error) error {
	var pc *posterConn
	select {
	case pc = <-p.conns:
	case <-ctx.Done():
		return ctx.Err()
	}
	keep, err := p.roundTrip(ctx, &pc, body, want, read)
	if !keep && pc != nil {
		pc.c.Close()
		pc = nil
	}
	p.conns <- pc
	return err
}

// roundTrip sends one request on *pc (dialling when it is nil) and says
// whether the connection may carry the next.
func (p *Poster) roundTrip(ctx context.Context, pc **posterConn, body []byte, want int, read func([]byte) error) (keep bool, err error) {
	if *pc == nil {
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", p.addr)
		if err != nil {
			return false, fmt.Errorf("bench: dial %s: %w", p.addr, err)
		}
		*pc = &posterConn{c: c, r: bufio.NewReaderSize(c, 8<<10), w: bufio.NewWriterSize(c, 4<<10)}
	}
	c := *pc
	deadline := time.Now().Add(p.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := c.c.SetDeadline(deadline); err != nil {
		return false, err
	}
	c.w.Write(p.head)
	c.w.Write(strconv.AppendInt(c.w.AvailableBuffer(), int64(len(body)), 10))
	c.w.WriteString("\r\n\r\n")
	c.w.Write(body)
	if err := c.w.Flush(); err != nil {
		return false, fmt.Errorf("bench: send to %s: %w", p.addr, err)
	}
	res, err := http.ReadResponse(c.r, nil)
	if err != nil {
		return false, fmt.Errorf("bench: answer from %s: %w", p.addr, err)
	}
	c.answer.Reset()
	_, err = c.answer.ReadFrom(res.Body)
	res.Body.Close()
	if err != nil {
		return false, fmt.Errorf("bench: answer from %s: %w", p.addr, err)
	}
	keep = !res.Close
	if res.StatusCode != want {
		return keep, fmt.Errorf("POST %s: %d %s", p.addr, res.StatusCode, bytes.TrimSpace(c.answer.Bytes()))
	}
	return keep, read(c.answer.Bytes())
}

// Close closes the connections not in use; call it when no Post runs.
func (p *Poster) Close() {
	for {
		select {
		case pc := <-p.conns:
			if pc != nil {
				pc.c.Close()
			}
		default:
			return
		}
	}
}
