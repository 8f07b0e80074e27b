package natsx

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"trex"
)

// embeddedStreams runs a NATS server with JetStream in a temporary
// directory, connects to it and makes the exchange's streams. The context
// ends after timeout; the server and the connection close when the test
// ends.
func embeddedStreams(t *testing.T, timeout time.Duration) (context.Context, jetstream.JetStream) {
	t.Helper()
	srv, err := RunEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	nc, js, err := Connect(srv.URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	if err := EnsureStreams(ctx, js); err != nil {
		t.Fatal(err)
	}
	return ctx, js
}

// quietLog is a logger that writes nothing.
func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// publishActive publishes, as it is, version 1 of an active court
// restriction id, sealed by s as issued at issued.
func publishActive(ctx context.Context, t *testing.T, js jetstream.JetStream, s *Signer, id string, issued time.Time) {
	t.Helper()
	c := trex.Change{Restriction: trex.Restriction{ID: id, Authority: "court", Version: 1, Status: trex.StatusActive}}
	data, err := s.SealAt(c, issued)
	if err != nil {
		t.Fatal(err)
	}
	if err := PublishRaw(ctx, js, "court", id, id, data); err != nil {
		t.Fatal(err)
	}
}

// waitAppliedAndRefused waits up to ten seconds until rec has applied
// version 1 of applied and refused one envelope, and checks that the
// refusal was for want and that refused was never applied.
func waitAppliedAndRefused(t *testing.T, rec *recorder, applied, refused string, want error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, reasons := rec.state()
		if got[applied] == 1 && len(reasons) == 1 {
			if !errors.Is(reasons[0], want) {
				t.Errorf("refused for %v, want %v", reasons[0], want)
			}
			if _, ok := got[refused]; ok {
				t.Errorf("%s was applied", refused)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("applied %v, refused %v; want %s applied and %s refused", got, reasons, applied, refused)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
