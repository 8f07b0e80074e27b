package natsx

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
)

// Publisher signs changes and publishes them to the restrictions stream.
type Publisher struct {
	JS     jetstream.JetStream
	Signer *Signer
}

// Publish signs c and waits for the stream to acknowledge it. A change
// published twice (a relay retry after a crash) is deduplicated by the
// stream, and applying it twice is harmless anyway.
func (p *Publisher) Publish(ctx context.Context, c trex.Change) error {
	data, err := p.Signer.Seal(c)
	if err != nil {
		return err
	}
	return PublishRaw(ctx, p.JS, c.Restriction.Authority, c.Restriction.ID, fmt.Sprintf("%s:v%d", c.Restriction.ID, c.Restriction.Version), data)
}

// PublishRaw publishes already-encoded envelope bytes on a restriction's
// subject with a deduplication ID.
func PublishRaw(ctx context.Context, js jetstream.JetStream, authority, id, msgID string, data []byte) error {
	msg := nats.NewMsg(RestrictionSubject(authority, id))
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, msgID)
	if _, err := js.PublishMsg(ctx, msg); err != nil {
		if exchangeDown(err) {
			return fmt.Errorf("publish %s: %w: %w", msgID, trex.Errorf(trex.EUNAVAILABLE, "the exchange is unreachable"), err)
		}
		return fmt.Errorf("publish %s: %w", msgID, err)
	}
	return nil
}

// exchangeDown reports whether a publish failed because the exchange as a
// whole did not answer (rather than refusing this one message).
func exchangeDown(err error) bool {
	for _, e := range []error{nats.ErrNoResponders, nats.ErrTimeout, nats.ErrConnectionClosed, nats.ErrDisconnected,
		nats.ErrConnectionDraining, nats.ErrConnectionReconnecting, jetstream.ErrNoStreamResponse, jetstream.ErrConnectionClosed,
		context.DeadlineExceeded} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
