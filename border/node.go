// Package border is a border node: it applies verified restriction changes
// to its persistent replica and its in-memory matcher, publishes receipts,
// and answers checks with decisions that say how fresh their data is.
//
// It decides nothing about matching (that is the trex.Matcher it is given)
// and knows nothing of NATS: it implements trex.Applier, which the exchange
// adapter drives.
package border

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"trex"
)

// ReceiptSender publishes a receipt to the registry.
type ReceiptSender func(ctx context.Context, rc trex.Receipt) error

// Node is one border node.
type Node struct {
	ID       string
	Replica  trex.Replica
	Matcher  trex.Matcher
	Receipts ReceiptSender // may be nil (no registry to tell)
	// ReceiptBatch, when set, sends the receipts of a batch of changes
	// (ApplyChanges) at once instead of Receipts one by one.
	ReceiptBatch ReceiptBatchSender
	Log          *slog.Logger
	Now          func() time.Time

	// Applied, when set, records each change the node applied (in its
	// audit log) before the node indexes it and sends the receipt.
	Applied func(ctx context.Context, r *trex.Restriction) error
	// AppliedBatch, when set, records a batch of applied changes
	// (ApplyChanges) at once instead of Applied one by one.
	AppliedBatch func(ctx context.Context, rs []*trex.Restriction) error

	// Retention is how long the node keeps a restriction after it ended
	// (lifted, or past its valid_until) before purging it (see Purge;
	// zero: DefaultRetention). Purged, when set, records each purge (in
	// the node's audit log).
	Retention time.Duration
	Purged    func(ctx context.Context, t *trex.Restriction) error

	// Snapshot, when set, is the file the node saves what it holds in
	// memory to (WriteSnapshot, RunSnapshots) and starts from when it was
	// taken at the replica's current state; else it rebuilds from the
	// replica. It needs a trex.TaggedReplica and a SnapshotMatcher.
	Snapshot string

	// applyMu is held from a change's write to the replica until it is
	// in memory, so that a snapshot sees both at one replica state.
	applyMu sync.Mutex
	snapMu  sync.Mutex
	snapTag trex.ReplicaTag // the state the last snapshot saved or loaded
	// snapPause is how long the last snapshot held changes back.
	snapPause time.Duration
	// snapWriteMu is held while a snapshot is written.
	snapWriteMu sync.Mutex
	// fromSnapshot: Open loaded the snapshot rather than the replica.
	fromSnapshot bool

	mu sync.RWMutex
	// restrictions is what the node keeps of each restriction it holds,
	// in force or not (the matcher only holds active ones); the full
	// records are in the replica.
	restrictions map[string]held
	// heldShared counts the snapshots sharing restrictions; heldGen
	// counts the times the node stopped sharing it (see captureHeld).
	heldShared int
	heldGen    uint64
	dataAsOf   time.Time
	applied    atomic.Int64
	refusedBy  map[string]int64 // by trex.RefusalCode; guarded by mu
}

// Open loads the replica into memory and the matcher. Call before serving.
func (n *Node) Open(ctx context.Context) error {
	if n.Now == nil {
		n.Now = time.Now
	}
	if n.Log == nil {
		n.Log = slog.Default()
	}
	start := time.Now()
	switch err := n.loadSnapshot(ctx); {
	case err == nil:
		n.fromSnapshot = true
		n.Log.Info("border started from its snapshot", "node", n.ID, "snapshot", n.Snapshot, "took", time.Since(start))
		return n.loadDataAsOf(ctx)
	case errors.Is(err, errNoSnapshot):
	case errors.Is(err, fs.ErrNotExist):
		n.Log.Info("border has no snapshot yet: rebuilding from the replica", "node", n.ID, "snapshot", n.Snapshot)
	default:
		n.Log.Warn("border snapshot not used: rebuilding from the replica", "node", n.ID, "snapshot", n.Snapshot, "reason", err)
	}
	n.restrictions = map[string]held{}
	load := func(r *trex.Restriction) error {
		n.index(r)
		return nil
	}
	var err error
	if pr, ok := n.Replica.(trex.ParallelReplica); ok {
		err = pr.EachRestrictionParallel(ctx, runtime.GOMAXPROCS(0), load)
	} else {
		err = n.Replica.EachRestriction(ctx, load)
	}
	if err != nil {
		return fmt.Errorf("border %s: load replica: %w", n.ID, err)
	}
	n.Log.Info("border replica loaded", "node", n.ID, "restrictions", len(n.restrictions), "took", time.Since(start))
	return n.loadDataAsOf(ctx)
}

func (n *Node) loadDataAsOf(ctx context.Context) error {
	asOf, err := n.Replica.DataAsOf(ctx)
	if err != nil {
		return fmt.Errorf("border %s: load data_as_of: %w", n.ID, err)
	}
	n.dataAsOf = asOf
	return nil
}

// index puts r in memory and in (or out of) the matcher; a tombstone
// takes the restriction out of both. Caller holds no lock.
func (n *Node) index(r *trex.Restriction) {
	// An active restriction enters the matcher before the node holds it,
	// and one that ends leaves the held entries before the matcher: once
	// Restriction(id) shows a change, a check answers by it.
	active := r.Status == trex.StatusActive
	if active {
		n.Matcher.Put(trex.Subject{Key: r.ID, Person: r.Person})
	}
	n.mu.Lock()
	n.ownHeldLocked()
	if r.Status == trex.StatusPurged {
		delete(n.restrictions, r.ID)
	} else {
		n.restrictions[r.ID] = holdOf(r)
	}
	n.mu.Unlock()
	if !active {
		n.Matcher.Remove(r.ID)
	}
}

// ApplyChange implements trex.Applier: persist if newer, then index, then
// send a receipt. A version the node already holds, or an older one, is
// not applied and is reported as trex.ErrReplayed, so that a replayed
// envelope is refused and counted rather than silently dropped.
func (n *Node) ApplyChange(ctx context.Context, c trex.Change) error {
	r := c.Restriction
	n.applyMu.Lock()
	applied, err := n.Replica.ApplyRestriction(ctx, &r)
	if err != nil {
		n.applyMu.Unlock()
		return err
	}
	if !applied {
		n.applyMu.Unlock()
		if n.holdsExactly(&r) {
			n.sendReceipts(ctx, []*trex.Restriction{&r})
		}
		return fmt.Errorf("%w: restriction %s version %d", trex.ErrReplayed, r.ID, r.Version)
	}
	n.recordApplied(ctx, []*trex.Restriction{&r})
	n.index(&r)
	n.applyMu.Unlock()
	n.applied.Add(1)
	n.sendReceipts(ctx, []*trex.Restriction{&r})
	return nil
}

// RefuseEnvelope implements trex.Applier: count the refusal by reason and
// log it.
func (n *Node) RefuseEnvelope(ctx context.Context, subject string, reason error) {
	code := trex.RefusalCode(reason)
	n.mu.Lock()
	if n.refusedBy == nil {
		n.refusedBy = map[string]int64{}
	}
	n.refusedBy[code]++
	n.mu.Unlock()
	n.Log.Warn("envelope refused", "node", n.ID, "subject", subject, "code", code, "reason", reason)
}

// RefusedFor is how many envelopes the node has refused for the reason
// named code (see trex.RefusalCode) since it started.
func (n *Node) RefusedFor(code string) int64 {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.refusedBy[code]
}

// CaughtUp implements trex.Applier.
func (n *Node) CaughtUp(ctx context.Context, t time.Time) {
	n.mu.Lock()
	advance := t.After(n.dataAsOf)
	if advance {
		n.dataAsOf = t
	}
	n.mu.Unlock()
	if advance {
		if err := n.Replica.SetDataAsOf(ctx, t); err != nil {
			n.Log.Warn("store data_as_of", "err", err)
		}
	}
}

// Refused is how many envelopes the node has refused since it started,
// for any reason.
func (n *Node) Refused() int64 {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.refusedTotal()
}

// refusedTotal adds up the refusals by reason. Caller holds mu.
func (n *Node) refusedTotal() int64 {
	var total int64
	for _, c := range n.refusedBy {
		total += c
	}
	return total
}

// DataAsOf is the last moment the node knew it had every change.
func (n *Node) DataAsOf() time.Time {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.dataAsOf
}

// Restriction returns the node's copy of a restriction, read in full from
// the replica (for a supervisor opening a referral, and tests), or nil
// when the node does not hold it.
func (n *Node) Restriction(id string) *trex.Restriction {
	return n.record(context.Background(), id)
}

// Check implements trex.CheckService: match the traveller against the
// restrictions in force now (the matcher skips the others before it
// settles, so a restriction not yet or no longer in force cannot hide one
// that is), in the matcher's order (most likely first, hits before
// referrals), and explain.
func (n *Node) Check(ctx context.Context, traveller trex.Person) (*trex.Decision, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	if len(traveller.Names) == 0 && len(traveller.Documents) == 0 && len(traveller.Identifiers) == 0 {
		return nil, trex.Errorf(trex.EINVALID, "traveller: give at least a name or a document number")
	}
	now := n.Now()
	d := &trex.Decision{Verdict: trex.Clear, Matches: []trex.Match{}, DataAsOf: n.DataAsOf()}
	// The read lock is held across the match so that eligible reads the
	// restrictions without locking (the matcher calls it under its own
	// lock; Stats takes the locks in the same order).
	n.mu.RLock()
	inForce := func(key string) bool {
		h, ok := n.restrictions[key]
		return ok && h.inForce(now)
	}
	_, matches, err := n.Matcher.Match(ctx, traveller, inForce)
	if err != nil {
		n.mu.RUnlock()
		return nil, fmt.Errorf("border %s: check: %w", n.ID, err)
	}
	for _, m := range matches {
		if !inForce(m.RestrictionID) {
			continue // a matcher that ignored eligible
		}
		if m.Verdict == "" {
			m.Verdict = trex.Refer
		}
		d.Matches = append(d.Matches, m)
	}
	n.mu.RUnlock()
	for _, m := range d.Matches {
		switch {
		case m.Verdict == trex.Hit:
			d.Verdict = trex.Hit
		case m.Verdict == trex.Refer && d.Verdict == trex.Clear:
			d.Verdict = trex.Refer
		}
	}
	return d, nil
}

// Stats is a summary for health and metrics.
type Stats struct {
	Node         string           `json:"node"`
	Restrictions int              `json:"restrictions"`
	Indexed      int              `json:"indexed"`
	Applied      int64            `json:"applied"`
	Refused      int64            `json:"refused"`
	RefusedBy    map[string]int64 `json:"refused_by,omitempty"`
	DataAsOf     time.Time        `json:"data_as_of"`
}

// Stats reports the node's state.
func (n *Node) Stats() Stats {
	n.mu.RLock()
	defer n.mu.RUnlock()
	by := make(map[string]int64, len(n.refusedBy))
	for k, v := range n.refusedBy {
		by[k] = v
	}
	return Stats{Node: n.ID, Restrictions: len(n.restrictions), Indexed: n.Matcher.Len(),
		Applied: n.applied.Load(), Refused: n.refusedTotal(), RefusedBy: by, DataAsOf: n.dataAsOf}
}

// Each calls fn for every restriction the node holds until fn returns
// false, each read in full from the replica, so it suits small nodes and
// tests; the node's own sweeps read only what it keeps in memory.
func (n *Node) Each(fn func(*trex.Restriction) bool) {
	for _, id := range n.heldIDs(func(held) bool { return true }) {
		if r := n.Restriction(id); r != nil && !fn(r) {
			return
		}
	}
}
