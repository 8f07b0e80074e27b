package border

import (
	"context"
	"time"

	"trex"
)

// Ready returns a readiness check that fails with EUNAVAILABLE when the
// node has never caught up with the exchange, or last knew itself caught
// up longer than maxStale ago: its answers would miss recent changes.
func (n *Node) Ready(maxStale time.Duration) func(context.Context) error {
	return func(context.Context) error {
		asOf := n.DataAsOf()
		if asOf.IsZero() {
			return trex.Errorf(trex.EUNAVAILABLE, "border node %s has not caught up with the exchange yet", n.ID)
		}
		if age := n.now().Sub(asOf); age > maxStale {
			return trex.Errorf(trex.EUNAVAILABLE, "border node %s data is %s old (bound %s): changes are not reaching it",
				n.ID, age.Round(time.Second), maxStale)
		}
		return nil
	}
}

func (n *Node) now() time.Time {
	if n.Now == nil {
		return time.Now()
	}
	return n.Now()
}
