package registry

import (
	"context"
	"sync"

	"trex"
)

// maxCreateBatch bounds how many creates share one transaction.
const maxCreateBatch = 256

// createBatcher commits the creates that arrive while one is being
// written together, in one transaction of the store (group commit): a
// lone create is written at once, a crowd of clerks shares commits.
type createBatcher struct {
	store trex.BatchCreator

	mu      sync.Mutex
	queue   []*createReq
	writing bool
}

type createReq struct {
	ctx  context.Context
	r    *trex.Restriction
	done chan error
}

// create queues r and waits until it is written or refused. Once queued,
// the create is written whatever ctx says, and the caller is told how it
// went, so that it never reports a failure for a restriction that was
// stored.
func (b *createBatcher) create(ctx context.Context, r *trex.Restriction) error {
	req := &createReq{ctx: ctx, r: r, done: make(chan error, 1)}
	b.mu.Lock()
	b.queue = append(b.queue, req)
	start := !b.writing
	b.writing = true
	b.mu.Unlock()
	if start {
		go b.write()
	}
	return <-req.done
}

// write commits what has queued, a batch at a time, until nothing waits.
func (b *createBatcher) write() {
	for {
		b.mu.Lock()
		n := min(len(b.queue), maxCreateBatch)
		if n == 0 {
			b.writing = false
			b.mu.Unlock()
			return
		}
		batch := b.queue[:n:n]
		b.queue = b.queue[n:]
		b.mu.Unlock()
		rs := make([]*trex.Restriction, n)
		for i, req := range batch {
			rs[i] = req.r
		}
		errs := b.store.CreateRestrictions(context.WithoutCancel(batch[0].ctx), rs)
		for i, req := range batch {
			req.done <- errs[i]
		}
	}
}
