package border

import (
	"context"

	"trex"
	"trex/internal/parallel"
)

// CheckMany checks every traveller of a manifest on all cores. Decisions
// come back in the travellers' order; a traveller that cannot be checked
// (no name, no document) gets a nil decision and its error; once ctx is
// done the remaining travellers get ctx's error and are not screened.
func (n *Node) CheckMany(ctx context.Context, travellers []trex.Person) ([]*trex.Decision, []error) {
	ds := make([]*trex.Decision, len(travellers))
	errs := make([]error, len(travellers))
	parallel.For(len(travellers), func(i int) {
		if errs[i] = ctx.Err(); errs[i] != nil {
			return // the caller left: screen no more
		}
		ds[i], errs[i] = n.Check(ctx, travellers[i])
	})
	return ds, errs
}
