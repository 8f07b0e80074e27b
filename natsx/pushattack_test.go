package natsx

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// A border node may create its own consumer, and the exchange cannot limit
// that consumer's configuration: it may make it a push consumer delivering
// anywhere. These attacks check that such a consumer cannot feed the
// streams (forged receipts, restrictions looped back).
func TestRedirectedBorderConsumerCannotFeedTheStreams(t *testing.T) {
	for _, target := range []string{ReceiptSubject("cp-2"), "trex.restrictions.court.R2"} {
		t.Run(target, func(t *testing.T) {
			pdir, srv := secureExchange(t)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			reg := connectAs(t, srv, pdir, registryP)
			if err := EnsureStreams(ctx, reg.js); err != nil {
				t.Fatal(err)
			}
			if err := PublishRaw(ctx, reg.js, "court", "R1", "R1:v1", []byte(`{}`)); err != nil {
				t.Fatal(err)
			}
			bord := connectAs(t, srv, pdir, border1)
			_, err := bord.js.CreateOrUpdateConsumer(ctx, RestrictionsStream, jetstream.ConsumerConfig{
				Durable: BorderDurable(border1.Name), DeliverSubject: target, AckPolicy: jetstream.AckNonePolicy})
			t.Logf("push consumer delivering to %s: %v", target, err)
			time.Sleep(time.Second)
			if n := streamMsgs(t, reg.js, ReceiptsStream); n != 0 {
				t.Errorf("receipts stream holds %d messages fed by a border consumer", n)
			}
			if n := streamMsgs(t, reg.js, RestrictionsStream); n != 1 {
				t.Errorf("restrictions stream holds %d messages, want the 1 the registry published", n)
			}
		})
	}
}
