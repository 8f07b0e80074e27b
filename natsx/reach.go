package natsx

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// KeepTrying is a Connect option for a process that has work to do
// without the exchange (a border node answers checks from its replica):
// when no server can be reached at start, Connect returns a connection
// that goes on trying in the background, as it does after losing a link,
// rather than an error.
func KeepTrying() nats.Option { return nats.RetryOnFailedConnect(true) }

// Unreachable reports whether err, from a JetStream call through js, came
// of the exchange not being reachable (the connection is down or
// reconnecting, or no server answered in time) rather than of the call
// itself: worth trying again once the link is back.
func Unreachable(js jetstream.JetStream, err error) bool {
	if err == nil {
		return false
	}
	if !js.Conn().IsConnected() {
		return true
	}
	return errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, nats.ErrNoResponders)
}

// KeepStreams is EnsureStreamsReplicated, tried again each second while
// the exchange cannot be reached (saying so once), until it succeeds,
// fails otherwise, or ctx ends.
func KeepStreams(ctx context.Context, js jetstream.JetStream, replicas int, log *slog.Logger) error {
	return keepTrying(ctx, js, log, "the exchange cannot be reached to set up its streams; changes wait in the outbox", func() error {
		return EnsureStreamsReplicated(ctx, js, replicas)
	})
}

// keepTrying calls fn each second while it fails because the exchange
// cannot be reached, logging warning once, until fn succeeds, fails
// otherwise, or ctx ends.
func keepTrying(ctx context.Context, js jetstream.JetStream, log *slog.Logger, warning string, fn func() error) error {
	for warned := false; ; {
		err := fn()
		if err == nil || ctx.Err() != nil || !Unreachable(js, err) {
			return err
		}
		if !warned {
			log.Warn(warning, "err", err)
			warned = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}
