package audit

import (
	"context"
	"fmt"
)

// A Follower writes, once per committed batch of appends, what those
// appends brought with them (AppendManyThen): a border node's check log,
// say, whose rows then go to disk in one transaction per batch of the
// audit log rather than one per caller. The log calls Follow from one
// goroutine, batch after batch in commit order, each after the batch is
// durable in the log. A follower that stalls holds back the answers of
// the appends that name it, and, once followBatches batches wait for it,
// the committer: the log does not run ahead of what follows it.
type Follower interface {
	// Follow writes items, in order, and says for each whether it was
	// written: errs is nil when all were, else holds one error (or nil)
	// per item. It must not call back into the log.
	Follow(ctx context.Context, items []any) (errs []error)
}

// followBatches bounds the committed batches waiting for their followers.
const followBatches = 64

// followBatch is a committed batch whose appends wait for their follower.
type followBatch struct {
	reqs    []*appendReq
	results []appendResult
}

// AppendManyThen is AppendMany, and once the entries are on disk has f
// write item together with the items of the batch's other appends that
// name f, in one call; it returns once both are done. An item f fails to
// write fails the append (its entries stay in the log, as they were
// committed before f was called).
func (l *Log) AppendManyThen(ctx context.Context, entries []*Entry, f Follower, item any) ([]Receipt, error) {
	return l.appendMany(ctx, entries, f, item)
}

// answer hands a committed batch's results to its callers, through the
// follow stage for those whose appends carry an item to write.
func (l *Log) answer(batch []*appendReq, results []appendResult) {
	var fb *followBatch
	for i, r := range batch {
		if r.follow == nil || results[i].err != nil {
			r.done <- results[i]
			continue
		}
		if fb == nil {
			fb = &followBatch{}
		}
		fb.reqs, fb.results = append(fb.reqs, r), append(fb.results, results[i])
	}
	if fb != nil {
		l.follows <- fb
	}
}

// followLoop runs the followers of committed batches, in commit order,
// while the committer goes on with the next batch; it ends once the
// committer has and every batch handed to it is answered.
func (l *Log) followLoop() {
	defer l.wg.Done()
	defer close(l.committed)
	for fb := range l.follows {
		l.follow(fb)
	}
}

// follow calls each follower of fb once, with its items in commit order,
// and answers the callers.
func (l *Log) follow(fb *followBatch) {
	ctx := context.Background()
	done := make([]bool, len(fb.reqs))
	for i, r := range fb.reqs {
		if done[i] {
			continue
		}
		var idx []int
		var items []any
		for j := i; j < len(fb.reqs); j++ {
			if !done[j] && fb.reqs[j].follow == r.follow {
				idx, items = append(idx, j), append(items, fb.reqs[j].item)
				done[j] = true
			}
		}
		errs := r.follow.Follow(ctx, items)
		if errs != nil && len(errs) != len(items) {
			err := fmt.Errorf("audit follower: %d outcomes for %d items", len(errs), len(items))
			errs = make([]error, len(items))
			for k := range errs {
				errs[k] = err
			}
		}
		for k, j := range idx {
			res := fb.results[j]
			if errs != nil && errs[k] != nil {
				res.err = errs[k]
			}
			fb.reqs[j].done <- res
		}
	}
}
