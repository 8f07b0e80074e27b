package bench_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trex/bench"
)

// echoServer answers each POST with its body reversed (so an answer read
// on the wrong request, or a body cut short, shows), after checking the
// headers a check needs; a body "close" is answered with Connection:
// close, "chunk" in chunks, "fail" with 503. It counts the connections
// it accepted.
func echoServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/checks" || r.Header.Get("Authorization") != "Bearer tok" ||
			r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "bad request line or headers", http.StatusBadRequest)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil || strconv.Itoa(len(body)) != r.Header.Get("Content-Length") {
			http.Error(w, "body and Content-Length differ", http.StatusBadRequest)
			return
		}
		switch string(body) {
		case "close":
			w.Header().Set("Connection", "close")
		case "fail":
			http.Error(w, "not now", http.StatusServiceUnavailable)
			return
		case "chunk":
			for range 3 {
				w.Write(bytes.Repeat([]byte("x"), 3000))
				w.(http.Flusher).Flush()
			}
			return
		}
		rev := make([]byte, len(body))
		for i, c := range body {
			rev[len(body)-1-i] = c
		}
		w.Write(rev)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
}

// TestPosterAnswersEachRequestOnItsConnection: many callers over few
// connections each get their own answer, whole, and the connections are
// kept alive (no more are dialled than the bound).
func TestPosterAnswersEachRequestOnItsConnection(t *testing.T) {
	srv, conns := echoServer(t)
	p, err := bench.NewPoster(srv.URL+"/v1/checks", "tok", 4)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				body := []byte(strings.Repeat("ab", g*37+i) + "|" + strconv.Itoa(g*1000+i))
				err := p.Post(context.Background(), body, http.StatusOK, func(answer []byte) error {
					for j := range body {
						if j >= len(answer) || answer[len(answer)-1-j] != body[j] {
							return errors.New("answer is not this request's")
						}
					}
					if len(answer) != len(body) {
						return errors.New("answer longer than the request's")
					}
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := conns.Load(); n > 4 || n == 0 {
		t.Fatalf("%d connections dialled for a bound of 4", n)
	}
}

// TestPosterRecovers: a status other than the one wanted is an error
// with the server's text; a connection the server closes, and a chunked
// answer, are handled, and the next request still gets through.
func TestPosterRecovers(t *testing.T) {
	srv, conns := echoServer(t)
	p, err := bench.NewPoster(srv.URL+"/v1/checks", "tok", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	none := func([]byte) error { return nil }
	if err := p.Post(ctx, []byte("fail"), http.StatusOK, none); err == nil || !strings.Contains(err.Error(), "503 not now") {
		t.Fatalf("503 answered: %v", err)
	}
	if err := p.Post(ctx, []byte("close"), http.StatusOK, none); err != nil {
		t.Fatal(err)
	}
	var got int
	if err := p.Post(ctx, []byte("chunk"), http.StatusOK, func(a []byte) error { got = len(a); return nil }); err != nil || got != 9000 {
		t.Fatalf("chunked answer: %d bytes, %v", got, err)
	}
	if err := p.Post(ctx, []byte("ok"), http.StatusOK, none); err != nil {
		t.Fatal(err)
	}
	if n := conns.Load(); n != 2 {
		t.Fatalf("%d connections: want one more after the server closed one", n)
	}
	readErr := errors.New("judged wrong")
	if err := p.Post(ctx, []byte("ok"), http.StatusOK, func([]byte) error { return readErr }); !errors.Is(err, readErr) {
		t.Fatalf("the reader's error was lost: %v", err)
	}
}

// TestPosterRefusesAndGivesUp: bad targets are refused at once; a server
// that never answers costs the timeout of the caller's context, not a
// hang; a caller waiting for a connection leaves when its context ends.
func TestPosterRefusesAndGivesUp(t *testing.T) {
	for _, target := range []string{"https://127.0.0.1/v1/checks", "127.0.0.1:80", "http:///x", "::"} {
		if _, err := bench.NewPoster(target, "tok", 1); err == nil {
			t.Errorf("target %q accepted", target)
		}
	}
	if _, err := bench.NewPoster("http://127.0.0.1/x", "tok\r\nX-Evil: 1", 1); err == nil {
		t.Error("a token with a line break accepted")
	}
	if _, err := bench.NewPoster("http://127.0.0.1/x", "tok", 0); err == nil {
		t.Error("zero connections accepted")
	}
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hang }))
	defer srv.Close()
	defer close(hang)
	p, err := bench.NewPoster(srv.URL+"/v1/checks", "tok", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	done := make(chan error, 2)
	for range 2 {
		go func() { done <- p.Post(ctx, []byte("{}"), http.StatusOK, func([]byte) error { return nil }) }()
	}
	for range 2 {
		select {
		case err := <-done:
			if err == nil {
				t.Fatal("a request to a server that never answers succeeded")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Post did not give up when its context ended")
		}
	}
}
