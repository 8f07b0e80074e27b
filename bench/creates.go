package bench

import (
	"context"
	"time"

	"trex"
	"trex/synth"
)

// Restrictions returns n restrictions on synthetic persons, ready to
// create (the registry gives them IDs and versions).
func Restrictions(seed uint64, n int, authority string) []*trex.Restriction {
	gen := synth.New(seed)
	until := time.Now().Add(24 * time.Hour)
	out := make([]*trex.Restriction, n)
	for i := range out {
		out[i] = &trex.Restriction{Person: gen.Person(), Kind: trex.KindCourtOrder, LegalBasis: "bench",
			Authority: authority, ValidUntil: until}
	}
	return out
}

// Creates creates rs through create from workers goroutines at once, as
// many clerks would, and measures the throughput.
func Creates(ctx context.Context, rs []*trex.Restriction, workers int, create func(context.Context, *trex.Restriction) error) Throughput {
	return Run(ctx, len(rs), workers, func(ctx context.Context, i int) error { return create(ctx, rs[i]) })
}
