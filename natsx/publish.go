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
// stream, and applying it twice is harmless anyway. A tombstone
// (trex.StatusPurged) then purges every earlier message of its
// restriction from the stream (PurgeBehindTombstone).
func (p *Publisher) Publish(ctx context.Context, c trex.Change) error {
	data, err := p.Signer.Seal(c)
	if err != nil {
		return err
	}
	r := c.Restriction
	if err := PublishRaw(ctx, p.JS, r.Authority, r.ID, fmt.Sprintf("%s:v%d", r.ID, r.Version), data); err != nil {
		return err
	}
	if r.Status == trex.StatusPurged {
		return PurgeBehindTombstone(ctx, p.JS, r.Authority, r.ID)
	}
	return nil
}

// PurgeBehindTombstone deletes every message on a restriction's subject
// but the last, its tombstone, so that a node that reads the stream late
// or from the start learns only that the restriction is gone.
func PurgeBehindTombstone(ctx context.Context, js jetstream.JetStream, authority, id string) error {
	s, err := js.Stream(ctx, RestrictionsStream)
	if err == nil {
		err = s.Purge(ctx, jetstream.WithPurgeSubject(RestrictionSubject(authority, id)), jetstream.WithPurgeKeep(1))
	}
	if err != nil {
		if exchangeDown(err) {
			return fmt.Errorf("purge %s from the stream: %w: %w", id, trex.Errorf(trex.EUNAVAILABLE, "the exchange is unreachable"), err)
		}
		return fmt.Errorf("purge %s from the stream: %w", id, err)
	}
	return nil
}

// PublishRaw publishes already-encoded envelope bytes on a restriction's
// subject with a deduplication ID.
func PublishRaw(ctx context.Context, js jetstream.JetStream, authority, id, msgID string, data []byte) error {
	msg := nats.NewMsg(RestrictionSubject(authority, id))
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, msgID)
	if _, err := js.PublishMsg(ctx, msg); err != nil {
		return publishFailed(msgID, err)
	}
	return nil
}

// exchangeDown reports whether a publish failed because the exchange as a
// whole did not answer (rather than refusing this one message).
func exchangeDown(err error) bool {
	for _, e := range []error{nats.ErrNoResponders, nats.ErrTimeout, nats.ErrConnectionClosed, nats.ErrDisconnected,
		nats.ErrConnectionDraining, nats.ErrConnectionReconnecting, jetstream.ErrNoStreamResponse, jetstream.ErrConnectionClosed,
		jetstream.ErrAsyncPublishTimeout, jetstream.ErrTooManyStalledMsgs, context.DeadlineExceeded} {
		if errors.Is(err, e) {
			return true
		}
	}
	// JetStream answers 503 while the stream has no leader (an election
	// after losing a server) or no quorum: the exchange is down for now,
	// not this change refused.
	var api *jetstream.APIError
	if errors.As(err, &api) && api.Code == 503 {
		return true
	}
	var old *nats.APIError
	return errors.As(err, &old) && old.Code == 503
}
