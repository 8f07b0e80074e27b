package natsx

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
)

// PublishReceipt tells the registry that a node applied a change.
func PublishReceipt(ctx context.Context, js jetstream.JetStream, rc trex.Receipt) error {
	data, err := json.Marshal(rc)
	if err != nil {
		return err
	}
	msg := nats.NewMsg(ReceiptSubject(rc.Node))
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("%s:%s:v%d", rc.Node, rc.RestrictionID, rc.Version))
	if _, err := js.PublishMsg(ctx, msg); err != nil {
		return fmt.Errorf("publish receipt %s v%d: %w", rc.RestrictionID, rc.Version, err)
	}
	return nil
}

// PublishReceipts tells the registry that a node applied many changes:
// the receipts are published together and awaited together (each is
// still its own message, deduplicated as PublishReceipt's are).
func PublishReceipts(ctx context.Context, js jetstream.JetStream, rcs []trex.Receipt) error {
	futures := make([]jetstream.PubAckFuture, 0, len(rcs))
	var first error
	for _, rc := range rcs {
		data, err := json.Marshal(rc)
		if err != nil {
			return err
		}
		msg := nats.NewMsg(ReceiptSubject(rc.Node))
		msg.Data = data
		msg.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("%s:%s:v%d", rc.Node, rc.RestrictionID, rc.Version))
		f, err := js.PublishMsgAsync(msg)
		if err != nil {
			first = fmt.Errorf("publish receipt %s v%d: %w", rc.RestrictionID, rc.Version, err)
			break
		}
		futures = append(futures, f)
	}
	t := time.NewTimer(AckTimeout)
	defer t.Stop()
	for i, f := range futures {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			if first == nil {
				first = fmt.Errorf("publish receipt %s v%d: %w", rcs[i].RestrictionID, rcs[i].Version, err)
			}
		case <-ctx.Done():
			return fmt.Errorf("publish %d receipts: %w", len(rcs), ctx.Err())
		case <-t.C:
			return fmt.Errorf("publish %d receipts: %w", len(rcs), jetstream.ErrAsyncPublishTimeout)
		}
	}
	return first
}

// receiptRetries is how often a receipt for a version not (yet) known as
// published is delivered before it is dropped.
const receiptRetries = 6

// receiptRetryDelay is how long a receipt for a version not yet known as
// published waits before its next delivery: 1 s after the first, doubling,
// so that the receipts of a registry slow to record its own publications
// (a busy database, a relay settling a large batch) wait about half a
// minute in all before they are taken for false.
func receiptRetryDelay(delivered uint64) time.Duration {
	if delivered < 1 {
		delivered = 1
	}
	return time.Second << min(delivered-1, 4)
}

// ReceiptSubject is the subject node publishes its receipts on.
func ReceiptSubject(node string) string { return receiptsSubject + "." + subjectToken(node) }

// ConsumeReceipts delivers receipts from all nodes to fn through a durable
// consumer, until ctx ends. A receipt fn fails on is redelivered; one that
// names another node than the subject it came on is dropped.
func ConsumeReceipts(ctx context.Context, js jetstream.JetStream, durable string, log *slog.Logger, fn func(context.Context, trex.Receipt) error) error {
	return ConsumeReceiptBatches(ctx, js, durable, log, func(ctx context.Context, rcs []trex.Receipt) []error {
		errs := make([]error, len(rcs))
		for i, rc := range rcs {
			errs[i] = fn(ctx, rc)
		}
		return errs
	})
}

// ConsumeReceiptBatches is ConsumeReceipts handing fn whatever receipts
// have arrived together (up to maxApplyBatch), so that the registry
// records them in one transaction; fn returns one error per receipt.
func ConsumeReceiptBatches(ctx context.Context, js jetstream.JetStream, durable string, log *slog.Logger, fn func(context.Context, []trex.Receipt) []error) error {
	cons, err := js.CreateOrUpdateConsumer(ctx, ReceiptsStream, jetstream.ConsumerConfig{
		Durable:       durable,
		AckPolicy:     jetstream.AckExplicitPolicy,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		MaxAckPending: 1000,
	})
	if err != nil {
		return fmt.Errorf("receipts consumer: %w", err)
	}
	queue := make(chan jetstream.Msg, maxApplyBatch)
	cc, err := cons.Consume(func(m jetstream.Msg) {
		select {
		case queue <- m:
		case <-ctx.Done():
		}
	})
	if err != nil {
		return fmt.Errorf("consume receipts: %w", err)
	}
	defer cc.Stop()
	batch := make([]jetstream.Msg, 0, maxApplyBatch)
	for {
		batch = batch[:0]
		select {
		case <-ctx.Done():
			return nil
		case m := <-queue:
			batch = append(batch, m)
		}
	more:
		for len(batch) < maxApplyBatch {
			select {
			case m := <-queue:
				batch = append(batch, m)
			default:
				break more
			}
		}
		recordReceipts(ctx, batch, log, fn)
	}
}

// recordReceipts decodes msgs, drops the malformed and the forged, hands
// the rest to fn together and acknowledges each as fn judged it.
func recordReceipts(ctx context.Context, msgs []jetstream.Msg, log *slog.Logger, fn func(context.Context, []trex.Receipt) []error) {
	var (
		rcs  []trex.Receipt
		good []jetstream.Msg
	)
	for _, m := range msgs {
		var rc trex.Receipt
		if err := json.Unmarshal(m.Data(), &rc); err != nil {
			log.Warn("malformed receipt dropped", "subject", m.Subject(), "err", err)
			m.Term()
			continue
		}
		// A node may publish only on its own subject (the exchange's
		// permissions see to that), so a receipt naming another node is
		// a forgery.
		if m.Subject() != ReceiptSubject(rc.Node) {
			log.Warn("receipt for another node dropped", "subject", m.Subject(), "node", rc.Node)
			m.Term()
			continue
		}
		rcs = append(rcs, rc)
		good = append(good, m)
	}
	if len(rcs) == 0 {
		return
	}
	errs := fn(ctx, rcs)
	for i, m := range good {
		rc, err := rcs[i], errs[i]
		if trex.ErrorCode(err) == trex.ECONFLICT {
			// A receipt for a version the registry has not published:
			// it may have overtaken the registry's own record of the
			// publish (tried again shortly), or it is false (dropped).
			if md, merr := m.Metadata(); merr == nil && md.NumDelivered < receiptRetries {
				m.NakWithDelay(receiptRetryDelay(md.NumDelivered))
				continue
			}
			log.Warn("receipt for a version never published dropped", "node", rc.Node, "restriction", rc.RestrictionID, "version", rc.Version)
			m.Term()
			continue
		} else if err != nil {
			log.Error("record receipt", "restriction", rc.RestrictionID, "err", err)
			m.Nak()
			continue
		}
		m.Ack()
	}
}
