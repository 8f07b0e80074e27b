package registry

import (
	"context"
	"sync"
	"time"

	"trex"
)

// maxCreateBatch bounds how many creates share one transaction.
const maxCreateBatch = 256

// createLinger is the longest a create waits for others to share its
// batch (see createBatcher).
const createLinger = 2 * time.Millisecond

// createBatcher commits the creates that arrive while one is being
// written together, in one transaction of the store (group commit).
//
// A batch is written once as many creates wait as recent batches held
// (the callers they answered are back), or linger after its oldest
// create arrived, whichever comes first. Requests that arrive spread out
// (HTTP callers, each decoded on its own, on a busy machine) would
// otherwise be written a few at a time, each transaction paying its
// statements, its commit and its disk writes for a handful of rows. A
// clerk or an import creating one at a time is written at once, once the
// memory of a crowd has faded (a few dozen creates, each held at most
// linger).
//
// Up to writers batches are written at once (at least one): a store that
// commits concurrent transactions together (PostgreSQL) fills the next
// batch while one waits for the disk; one that writes one transaction at
// a time (SQLite) gains nothing from a second.
type createBatcher struct {
	store   trex.BatchCreator
	writers int
	linger  time.Duration

	mu      sync.Mutex
	queue   []*createReq
	writing int  // writers running
	waiting bool // a writer is waiting for the queue to fill
	// peak is the size of recent batches: the largest, fading by an
	// eighth (at least one) with each batch written.
	peak int
	// ready is signalled when the queue holds enough to be written,
	// ending a wait.
	ready chan struct{}
}

// concurrentBatchCreator is a store that says how many batches of creates
// it is best given at once.
type concurrentBatchCreator interface {
	CreateBatchesAtOnce() int
}

func newCreateBatcher(store trex.BatchCreator) *createBatcher {
	b := &createBatcher{store: store, writers: 1, linger: createLinger, ready: make(chan struct{}, 1)}
	if c, ok := store.(concurrentBatchCreator); ok {
		b.writers = max(c.CreateBatchesAtOnce(), 1)
	}
	return b
}

type createReq struct {
	at   time.Time // when it was queued
	ctx  context.Context
	r    *trex.Restriction
	done chan error
}

// create queues r and waits until it is written or refused. Once queued,
// the create is written whatever ctx says, and the caller is told how it
// went, so that it never reports a failure for a restriction that was
// stored.
func (b *createBatcher) create(ctx context.Context, r *trex.Restriction) error {
	req := &createReq{at: time.Now(), ctx: ctx, r: r, done: make(chan error, 1)}
	b.mu.Lock()
	b.queue = append(b.queue, req)
	if len(b.queue) >= b.enough() {
		select {
		case b.ready <- struct{}{}:
		default:
		}
	}
	// Another writer is started while all are writing, not while one
	// waits: that one will take this create.
	start := b.writing < b.writers && !b.waiting
	if start {
		b.writing++
	}
	b.mu.Unlock()
	if start {
		go b.write()
	}
	return <-req.done
}

// write commits what has queued, a batch at a time, until nothing waits
// (or another writer waits for the queue to fill); other writers may be
// writing meanwhile.
func (b *createBatcher) write() {
	for {
		b.mu.Lock()
		wait := b.lingerFor()
		if len(b.queue) == 0 || wait > 0 && b.waiting {
			b.writing--
			b.mu.Unlock()
			return
		}
		if wait > 0 {
			b.waiting = true
			b.mu.Unlock()
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-b.ready:
			}
			t.Stop()
			b.mu.Lock()
			b.waiting = false
			b.mu.Unlock()
			continue // another writer may have taken the queue meanwhile
		}
		n := min(len(b.queue), maxCreateBatch)
		batch := b.queue[:n:n]
		b.queue = b.queue[n:]
		b.mu.Unlock()
		rs := make([]*trex.Restriction, n)
		for i, req := range batch {
			rs[i] = req.r
		}
		errs := b.store.CreateRestrictions(context.WithoutCancel(batch[0].ctx), rs)
		b.mu.Lock()
		b.wrote(n)
		b.mu.Unlock()
		for i, req := range batch {
			req.done <- errs[i]
		}
	}
}

// wrote records a batch of n written. Called with b.mu held.
func (b *createBatcher) wrote(n int) {
	b.peak = max(n, b.peak-max(b.peak/8, 1))
}

// enough is how many queued creates are written without waiting for
// more: as many as recent batches held, at least one, at most a full
// batch. Called with b.mu held.
func (b *createBatcher) enough() int {
	return min(max(b.peak, 1), maxCreateBatch)
}

// lingerFor is how much longer the queue should wait for more creates
// before it is written (zero or less: not at all; an empty queue is not
// waited for). Called with b.mu held.
func (b *createBatcher) lingerFor() time.Duration {
	if len(b.queue) == 0 || len(b.queue) >= b.enough() {
		return 0
	}
	return b.linger - time.Since(b.queue[0].at)
}
