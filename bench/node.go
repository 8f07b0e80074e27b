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
// long it took, in wall time and in CPU time (see ProcessCPU), and how
// much the process's resident memory grew, per restriction, once garbage
// was collected.
func ColdStart(ctx context.Context, open func(context.Context) error, n int) (took, cpu time.Duration, rss int64, perRestriction float64, err error) {
	runtime.GC()
	debug.FreeOSMemory()
	before := RSS()
	t0, cpu0 := time.Now(), ProcessCPU()
	if err := open(ctx); err != nil {
		return 0, 0, 0, 0, err
	}
	took, cpu = time.Since(t0), ProcessCPU()-cpu0
	runtime.GC()
	debug.FreeOSMemory()
	rss = RSS()
	if n > 0 {
		perRestriction = float64(rss-before) / float64(n)
	}
	return took, cpu, rss, perRestriction, nil
}

// Latency is what InProcess measures: 99th percentiles of wall time and
// of the checking thread's CPU time (the work of a check, without the time
// it waited for a core on a busy machine), per kind of check.
type Latency struct {
	NameDOB, NameDOBCPU   time.Duration // name and birth date
	Document, DocumentCPU time.Duration // a listed person's document alone
	// NameOnly is a supervisor's search on the name alone; NameOnlyRefused
	// the share of them refused as matching too many namesakes.
	NameOnly, NameOnlyCPU time.Duration
	NameOnlyRefused       float64
	// GCs is how many garbage collections ran while checking.
	GCs uint32
}

// InProcess times check on every query with a birth date (name + birth
// date), on a document alone for every listed person who holds one, and on
// the name alone for one query in nameOnlyEvery (0: none), and returns the
// 99th percentiles. A name-only check refused as invalid (too many
// namesakes) is counted, not an error.
func InProcess(ctx context.Context, check func(context.Context, trex.Person) (*trex.Decision, error), register []trex.Person, qs []Query, nameOnlyEvery int) (Latency, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var nl, nc, dl, dc, ol, oc []time.Duration
	refused := 0
	timed := func(p trex.Person, wall, cpu *[]time.Duration) error {
		c0, okCPU := ThreadCPU()
		t0 := time.Now()
		_, err := check(ctx, p)
		*wall = append(*wall, time.Since(t0))
		if c1, ok := ThreadCPU(); ok && okCPU {
			*cpu = append(*cpu, c1-c0)
		}
		return err
	}
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	for i, q := range qs {
		if q.Kind == KindMRZ || q.Person.BirthDate.IsZero() {
			continue
		}
		if err := timed(q.Person, &nl, &nc); err != nil {
			return Latency{}, err
		}
		if q.Listed >= 0 && len(register[q.Listed].Documents) > 0 {
			if err := timed(trex.Person{Documents: register[q.Listed].Documents}, &dl, &dc); err != nil {
				return Latency{}, err
			}
		}
		if nameOnlyEvery > 0 && i%nameOnlyEvery == 0 {
			err := timed(trex.Person{Names: q.Person.Names, Sex: q.Person.Sex}, &ol, &oc)
			switch {
			case trex.ErrorCode(err) == trex.EINVALID:
				refused++
			case err != nil:
				return Latency{}, err
			}
		}
	}
	runtime.ReadMemStats(&ms1)
	l := Latency{NameDOB: Percentile(nl, 0.99), NameDOBCPU: Percentile(nc, 0.99),
		Document: Percentile(dl, 0.99), DocumentCPU: Percentile(dc, 0.99),
		NameOnly: Percentile(ol, 0.99), NameOnlyCPU: Percentile(oc, 0.99), GCs: ms1.NumGC - ms0.NumGC}
	if len(ol) > 0 {
		l.NameOnlyRefused = float64(refused) / float64(len(ol))
	}
	return l, nil
}
