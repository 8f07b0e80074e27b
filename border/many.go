package border

import (
	"context"

	"trex"
	"trex/internal/parallel"
)

// CheckMany checks every traveller of a manifest on all cores. Decisions
// come back in the travellers' order; a traveller that cannot be checked
// (no name, no document) gets a nil decision and its error.
func (n *Node) CheckMany(ctx context.Context, travellers []trex.Person) ([]*trex.Decision, []error) {
	ds := make([]*trex.Decision, len(travellers))
	errs := make([]error, len(travellers))
	parallel.For(len(travellers), func(i int) {
		ds[i], errs[i] = n.Check(ctx, travellers[i])
	})
	return ds, errs
}
