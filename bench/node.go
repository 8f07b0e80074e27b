package bench

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"time"

	"trex"
	"trex/synth"
)

// Register is n synthetic persons drawn by synth.New, the same for a
// seed.
func Register(seed uint64, n int) []trex.Person { return RegisterFrom(synth.New, seed, n) }

// RegisterID is the restriction ID of the i-th person of a register.
func RegisterID(i int) string { return fmt.Sprintf("B%08d", i) }

// FillReplica writes one active restriction per person into replica, as
// a node that had followed the stream would hold them.
func FillReplica(ctx context.Context, replica trex.BatchReplica, people []trex.Person) error {
	now := time.Now()
	batch := make([]*trex.Restriction, 0, 1000)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := replica.ApplyRestrictions(ctx, batch); err != nil {
			return fmt.Errorf("bench: fill replica: %w", err)
		}
		batch = batch[:0]
		return nil
	}
	for i, p := range people {
		batch = append(batch, &trex.Restriction{ID: RegisterID(i), Person: p, Kind: trex.KindCourtOrder, LegalBasis: "bench",
			Authority: "district-court", Status: trex.StatusActive, Version: 1,
			ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(365 * 24 * time.Hour)})
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// ColdStart runs open (a border node loading its replica) and reports how
// long it took and how much the process's resident memory grew, per
// restriction, once garbage was collected.
func ColdStart(ctx context.Context, open func(context.Context) error, n int) (took time.Duration, rss int64, perRestriction float64, err error) {
	runtime.GC()
	debug.FreeOSMemory()
	before := RSS()
	t0 := time.Now()
	if err := open(ctx); err != nil {
		return 0, 0, 0, err
	}
	took = time.Since(t0)
	runtime.GC()
	debug.FreeOSMemory()
	rss = RSS()
	if n > 0 {
		perRestriction = float64(rss-before) / float64(n)
	}
	return took, rss, perRestriction, nil
}

// InProcess times check on every query with a birth date (name + birth
// date) and on a document alone for every listed person who holds one,
// and returns the 99th percentiles.
func InProcess(ctx context.Context, check func(context.Context, trex.Person) (*trex.Decision, error), register []trex.Person, qs []Query) (nameDOB, document time.Duration, err error) {
	var nl, dl []time.Duration
	for _, q := range qs {
		if q.Kind == KindMRZ || q.Person.BirthDate.IsZero() {
			continue
		}
		t0 := time.Now()
		if _, err := check(ctx, q.Person); err != nil {
			return 0, 0, err
		}
		nl = append(nl, time.Since(t0))
		if q.Listed >= 0 && len(register[q.Listed].Documents) > 0 {
			doc := trex.Person{Documents: register[q.Listed].Documents}
			t0 := time.Now()
			if _, err := check(ctx, doc); err != nil {
				return 0, 0, err
			}
			dl = append(dl, time.Since(t0))
		}
	}
	return Percentile(nl, 0.99), Percentile(dl, 0.99), nil
}
