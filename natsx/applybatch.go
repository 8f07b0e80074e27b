package natsx

import (
	"context"

	"github.com/nats-io/nats.go/jetstream"

	"trex"
)

// maxApplyBatch bounds how many changes a follower applies together.
const maxApplyBatch = 256

// work takes messages off queue in stream order until ctx ends: whatever
// has queued up (up to maxApplyBatch) is verified message by message and
// the verified changes applied together when the node takes batches
// (trex.BatchApplier: one replica transaction, receipts sent together),
// else one by one.
func (f *Follower) work(ctx context.Context, queue <-chan jetstream.Msg) {
	batch := make([]jetstream.Msg, 0, maxApplyBatch)
	for {
		batch = batch[:0]
		select {
		case <-ctx.Done():
			return
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
		f.applyBatch(ctx, batch)
	}
}

// applyBatch verifies msgs and applies the changes that pass.
func (f *Follower) applyBatch(ctx context.Context, msgs []jetstream.Msg) {
	ba, ok := f.Apply.(trex.BatchApplier)
	if !ok || len(msgs) == 1 {
		for _, m := range msgs {
			f.handle(ctx, m)
		}
		return
	}
	type opened struct {
		m  jetstream.Msg
		md *jetstream.MsgMetadata
	}
	var (
		good []opened
		cs   []trex.Change
	)
	for _, m := range msgs {
		c, md, ok := f.open(ctx, m)
		if !ok {
			continue
		}
		good = append(good, opened{m, md})
		cs = append(cs, c)
	}
	if len(cs) == 0 {
		return
	}
	errs := ba.ApplyChanges(ctx, cs)
	for i, g := range good {
		f.finish(ctx, g.m, cs[i], g.md, errs[i])
	}
}
