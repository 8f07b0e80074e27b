package natsx

import (
	"context"
	"errors"

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
