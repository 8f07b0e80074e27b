package audit

import (
	"context"
	"fmt"
)

// A Follower writes, once per batch of appends, what those appends
// brought with them (AppendManyThen): a border node's check log, say,
// whose rows then go to disk in one transaction per batch of the audit
// log rather than one per caller. The log calls Follow from one goroutine,
// batch after batch in commit order, while it commits the same batch: the
// callers wait for the longer of the two writes, not for one after the
// other. An append is answered only once both its entries are durable and
// its item is written; when either fails, the append fails. So an item can
// be written for entries that then fail to commit (a full disk, a process
// killed between the two writes): the other store may hold a record the
// log lacks, never an acknowledged append the log lacks. A follower that
// stalls holds back the answers of the appends that name it, and, once
// followBatches batches wait for it, the committer: the log does not run
// ahead of what follows it.
type Follower interface {
	// Follow writes items, in order, and says for each whether it was
	// written: errs is nil when all were, else holds one error (or nil)
	// per item. It must not call back into the log.
	Follow(ctx context.Context, items []any) (errs []error)
}

// followBatches bounds the batches waiting for their followers.
const followBatches = 64

// followBatch is a batch's appends that carry an item to follow. The
// follow stage writes the items while the committer writes the entries,
// then waits for committed to learn the entries' results.
type followBatch struct {
	reqs []*appendReq
	// results are the reqs' commit results, set before committed is closed.
	results   []appendResult
	committed chan struct{}
}

// AppendManyThen is AppendMany, and has f write item together with the
// items of the batch's other appends that name f, in one call, while the
// entries are committed; it returns once both are done. An item f fails to
// write fails the append (its entries stay in the log, if they were
// committed); entries that fail to commit fail it too, though f may have
// written the item.
func (l *Log) AppendManyThen(ctx context.Context, entries []*Entry, f Follower, item any) ([]Receipt, error) {
	return l.appendMany(ctx, entries, f, item)
}

// startFollow hands the appends of batch that carry an item to the follow
// stage, before the batch is committed, so that their items are written
// alongside; it returns their followBatch (nil when there are none), for
// answer.
func (l *Log) startFollow(batch []*appendReq) *followBatch {
	var fb *followBatch
	for _, r := range batch {
		if r.follow == nil {
			continue
		}
		if fb == nil {
			fb = &followBatch{committed: make(chan struct{})}
		}
		fb.reqs = append(fb.reqs, r)
	}
	if fb != nil {
		l.follows <- fb
	}
	return fb
}

// answer hands a committed batch's results to its callers: directly to
// those whose appends carry no item, through the follow stage (fb) to
// the others.
func (l *Log) answer(batch []*appendReq, results []appendResult, fb *followBatch) {
	for i, r := range batch {
		if r.follow == nil {
			r.done <- results[i]
			continue
		}
		fb.results = append(fb.results, results[i])
	}
	if fb != nil {
		close(fb.committed)
	}
}

// followLoop runs the followers of batches, in commit order, each
// alongside the committer's writing of its batch; it ends once the
// committer has and every batch handed to it is answered.
func (l *Log) followLoop() {
	defer l.wg.Done()
	defer close(l.committed)
	for fb := range l.follows {
		l.follow(fb)
	}
}

// follow calls each follower of fb once, with its items in commit order,
// waits for the batch's commit, and answers the callers with the first
// failure of the two, if any.
func (l *Log) follow(fb *followBatch) {
	ctx := context.Background()
	errs := make([]error, len(fb.reqs))
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
		fes := r.follow.Follow(ctx, items)
		if fes != nil && len(fes) != len(items) {
			err := fmt.Errorf("audit follower: %d outcomes for %d items", len(fes), len(items))
			fes = make([]error, len(items))
			for k := range fes {
				fes[k] = err
			}
		}
		if fes != nil {
			for k, j := range idx {
				errs[j] = fes[k]
			}
		}
	}
	<-fb.committed
	for j, r := range fb.reqs {
		res := fb.results[j]
		if res.err == nil && errs[j] != nil {
			res.err = errs[j]
		}
		r.done <- res
	}
}
