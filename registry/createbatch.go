package registry

import (
	"context"
	"sync"
	"time"

	"trex"
)

// maxCreateBatch bounds how many creates share one transaction.
const maxCreateBatch = 256

// createLinger is how long a create waits for others to share its batch
// while the registry is busy (see createBatcher).
const createLinger = 2 * time.Millisecond

// createBatcher commits the creates that arrive while one is being
// written together, in one transaction of the store (group commit).
//
// A lone create is written at once. While the registry is busy (its last
// batch held more than one create, or another batch is being written), a
// batch waits up to linger after its oldest create arrived, or until it
// is full, for more to join it: requests that arrive spread out (HTTP
// callers, each decoded on its own) would otherwise be written a few at a
// time, each transaction paying its statements, its commit and its disk
// writes for a handful of rows. A clerk or an import creating one at a
// time is never held.
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
	writing int  // batches being written
	shared  bool // the last batch written held more than one create
	// full is signalled when the queue holds a full batch, ending a wait.
	full chan struct{}
}

// concurrentBatchCreator is a store that says how many batches of creates
// it is best given at once.
type concurrentBatchCreator interface {
	CreateBatchesAtOnce() int
}

func newCreateBatcher(store trex.BatchCreator) *createBatcher {
	b := &createBatcher{store: store, writers: 1, linger: createLinger, full: make(chan struct{}, 1)}
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
	if len(b.queue) >= maxCreateBatch {
		select {
		case b.full <- struct{}{}:
		default:
		}
	}
	start := b.writing < b.writers
	if start {
		b.writing++
	}
	b.mu.Unlock()
	if start {
		go b.write()
	}
	return <-req.done
}

// write commits what has queued, a batch at a time, until nothing waits;
// other writers may be doing the same meanwhile.
func (b *createBatcher) write() {
	for {
		b.mu.Lock()
		if len(b.queue) == 0 {
			b.writing--
			b.mu.Unlock()
			return
		}
		if wait := b.lingerFor(); wait > 0 {
			b.mu.Unlock()
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-b.full:
			}
			t.Stop()
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
		b.shared = n > 1
		b.mu.Unlock()
		for i, req := range batch {
			req.done <- errs[i]
		}
	}
}

// lingerFor is how much longer the queue should wait for more creates
// before it is written (zero or less: not at all). Called with b.mu held
// and the queue not empty.
func (b *createBatcher) lingerFor() time.Duration {
	if len(b.queue) >= maxCreateBatch || (!b.shared && b.writing == 1) {
		return 0
	}
	return b.linger - time.Since(b.queue[0].at)
}
