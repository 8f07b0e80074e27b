package natsx

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
)

// AckTimeout is how long Send's wait gives the stream to acknowledge a
// change before it counts the exchange as unreachable.
const AckTimeout = 5 * time.Second

// Send signs c and publishes it without waiting for the stream's
// acknowledgement, so that many changes are in flight at once; the
// function it returns waits for the acknowledgement and returns what
// Publish would (an EUNAVAILABLE error when the exchange did not answer).
// Changes sent on one connection are stored in the order sent. A change
// sent twice is deduplicated by the stream, as with Publish.
func (p *Publisher) Send(ctx context.Context, c trex.Change) (wait func() error) {
	data, err := p.Signer.Seal(c)
	if err != nil {
		return func() error { return err }
	}
	r := c.Restriction
	msgID := fmt.Sprintf("%s:v%d", r.ID, r.Version)
	msg := nats.NewMsg(RestrictionSubject(r.Authority, r.ID))
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, msgID)
	f, err := p.JS.PublishMsgAsync(msg)
	if err != nil {
		return func() error { return publishFailed(msgID, err) }
	}
	return func() error {
		t := time.NewTimer(AckTimeout)
		defer t.Stop()
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return publishFailed(msgID, err)
		case <-ctx.Done():
			return publishFailed(msgID, ctx.Err())
		case <-t.C:
			return publishFailed(msgID, jetstream.ErrAsyncPublishTimeout)
		}
		if r.Status == trex.StatusPurged {
			return PurgeBehindTombstone(ctx, p.JS, r.Authority, r.ID)
		}
		return nil
	}
}

// publishFailed says why a publish failed, as an EUNAVAILABLE error when
// the exchange as a whole did not answer.
func publishFailed(msgID string, err error) error {
	if exchangeDown(err) {
		return fmt.Errorf("publish %s: %w: %w", msgID, trex.Errorf(trex.EUNAVAILABLE, "the exchange is unreachable"), err)
	}
	return fmt.Errorf("publish %s: %w", msgID, err)
}
