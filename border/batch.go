package border

import (
	"context"
	"fmt"

	"trex"
)

var _ trex.BatchApplier = (*Node)(nil)

// ReceiptBatchSender publishes many receipts to the registry at once.
type ReceiptBatchSender func(ctx context.Context, rcs []trex.Receipt) error

// ApplyChanges implements trex.BatchApplier: the changes go into the
// replica in one transaction (when the replica can, else one by one), are
// recorded on the audit log together, indexed, and their receipts sent
// together. A change the replica already holds in that or a later version
// is reported as trex.ErrReplayed, as ApplyChange does.
func (n *Node) ApplyChanges(ctx context.Context, cs []trex.Change) []error {
	errs := make([]error, len(cs))
	br, ok := n.Replica.(trex.BatchReplica)
	if !ok || len(cs) == 1 {
		for i, c := range cs {
			errs[i] = n.ApplyChange(ctx, c)
		}
		return errs
	}
	rs := make([]*trex.Restriction, len(cs))
	for i := range cs {
		r := cs[i].Restriction
		rs[i] = &r
	}
	n.applyMu.Lock()
	applied, err := br.ApplyRestrictions(ctx, rs)
	if err != nil {
		n.applyMu.Unlock()
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	done := make([]*trex.Restriction, 0, len(rs))
	var again []*trex.Restriction // replays the node holds exactly: receipts sent again
	for i, r := range rs {
		if !applied[i] {
			errs[i] = fmt.Errorf("%w: restriction %s version %d", trex.ErrReplayed, r.ID, r.Version)
			if n.holdsExactly(r) {
				again = append(again, r)
			}
			continue
		}
		done = append(done, r)
	}
	n.recordApplied(ctx, done)
	for _, r := range done {
		n.index(r)
	}
	n.applyMu.Unlock()
	n.applied.Add(int64(len(done)))
	n.sendReceipts(ctx, append(done, again...))
	return errs
}

// recordApplied puts the applied changes on the audit log, together when
// the node can. A change applied is in the replica and must be served
// even if it could not be recorded; the gap in the record is loud.
func (n *Node) recordApplied(ctx context.Context, rs []*trex.Restriction) {
	if len(rs) == 0 {
		return
	}
	if n.AppliedBatch != nil {
		if err := n.AppliedBatch(ctx, rs); err != nil {
			n.Log.Error("audit: applied changes not recorded", "changes", len(rs), "first", rs[0].ID, "err", err)
		}
		return
	}
	if n.Applied == nil {
		return
	}
	for _, r := range rs {
		if err := n.Applied(ctx, r); err != nil {
			n.Log.Error("audit: applied change not recorded", "restriction", r.ID, "version", r.Version, "err", err)
		}
	}
}

// sendReceipts tells the registry of the applied changes, together when
// the node can (ReceiptBatch, else Receipts one by one); receipts are best
// effort (the registry shows the node as not yet confirmed).
func (n *Node) sendReceipts(ctx context.Context, rs []*trex.Restriction) {
	if len(rs) == 0 {
		return
	}
	now := n.Now().UTC()
	rcs := make([]trex.Receipt, len(rs))
	for i, r := range rs {
		rcs[i] = trex.Receipt{RestrictionID: r.ID, Version: r.Version, Node: n.ID, Status: r.Status, AppliedAt: now}
	}
	if n.ReceiptBatch != nil {
		if err := n.ReceiptBatch(ctx, rcs); err != nil {
			n.Log.Warn("send receipts", "receipts", len(rcs), "err", err)
		}
		return
	}
	if n.Receipts == nil {
		return
	}
	for _, rc := range rcs {
		if err := n.Receipts(ctx, rc); err != nil {
			n.Log.Warn("send receipt", "restriction", rc.RestrictionID, "err", err)
		}
	}
}
