package border

import (
	"context"

	"trex"
)

// resendReceipt sends the receipt for r again when the node already holds
// exactly r's version. That is the redelivery of a change the node wrote
// to its replica but did not live to acknowledge (killed between the two):
// the change is applied, but its first receipt may never have left, and
// without one the registry would show this node as never having confirmed
// it. The registry ignores a duplicate receipt, so a replay of the current
// version costs one message and changes nothing.
func (n *Node) resendReceipt(ctx context.Context, r *trex.Restriction) {
	if n.Receipts == nil && n.ReceiptBatch == nil {
		return
	}
	n.mu.RLock()
	cur, ok := n.restrictions[r.ID]
	same := ok && cur.version == r.Version && cur.is(r.Status)
	n.mu.RUnlock()
	if !same {
		return
	}
	rc := trex.Receipt{RestrictionID: r.ID, Version: r.Version, Node: n.ID, Status: r.Status, AppliedAt: n.Now().UTC()}
	send := n.Receipts
	if send == nil {
		send = func(ctx context.Context, rc trex.Receipt) error { return n.ReceiptBatch(ctx, []trex.Receipt{rc}) }
	}
	if err := send(ctx, rc); err != nil {
		n.Log.Warn("send receipt again", "restriction", r.ID, "err", err)
	}
}
