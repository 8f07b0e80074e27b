package bench

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Answer is what a screening system said about one traveller: whether it
// flagged them (did not clear) and the register keys (RegisterID) of the
// listed persons it named.
type Answer struct {
	Flagged bool
	Keys    []string
}

// Screening is a check load through one screening system, with how well
// it answered against the queries' ground truth. Every system measured
// side by side is judged by the same definitions:
//   - Recall is the share of queries about a listed person whose answer
//     flagged the traveller and named that person (a namesake flagged in
//     their place does not count);
//   - FalseFlagRate is the share of unlisted travellers flagged;
//   - FalseFlagRateBeyondTwins is that share among unlisted travellers
//     who have no namesake born the same day on the register (see
//     Query.Twin): the false flags a screening system causes, as opposed
//     to the coincidences only a document resolves.
type Screening struct {
	Throughput
	Listed, Found        int
	Unlisted, FalseFlags int
	// Twins counts the unlisted travellers with a namesake born the same
	// day on the register, TwinFlags those of them flagged.
	Twins, TwinFlags         int
	Recall                   float64
	FalseFlagRate            float64
	FalseFlagRateBeyondTwins float64
	// RecallByKind is Recall for the queries of each listed kind
	// (KindSystem, KindTypo, KindDOBError, KindMRZ).
	RecallByKind map[string]float64
	// CPUPerCheck is this process's CPU time per check (user + system):
	// the load generator's and, when the system runs in this process,
	// the system's.
	CPUPerCheck time.Duration
	// PageFaultsPerCheck is this process's minor page faults per check:
	// memory touched for the first time, which a process with a large
	// heap pays for on every allocation until its heap stops growing.
	PageFaultsPerCheck float64
	// AllocBytesPerCheck is what this process allocated on its heap per
	// check. In a process with a large heap every byte allocated costs
	// more garbage collection (the whole heap is marked once per heap's
	// worth allocated) or fresh memory.
	AllocBytesPerCheck float64
}

// Screen sends n checks drawn in turn from qs through check, at most
// conns at once, measures them and judges every answer. A failed check
// counts in Throughput.Errors and neither finds nor flags.
func Screen(ctx context.Context, qs []Query, n, conns int, check func(context.Context, Query) (Answer, error)) Screening {
	var listed, found, unlisted, flagged, twins, twinFlags atomic.Int64
	var mu sync.Mutex
	kindListed, kindFound := map[string]int{}, map[string]int{}
	cpu0, faults0, alloc0 := CPUTime(), PageFaults(), HeapAllocated()
	t := Run(ctx, n, conns, func(ctx context.Context, i int) error {
		q := qs[i%len(qs)]
		if q.Listed >= 0 {
			listed.Add(1)
		} else {
			unlisted.Add(1)
			if q.Twin {
				twins.Add(1)
			}
		}
		a, err := check(ctx, q)
		if err != nil {
			return err
		}
		switch {
		case q.Listed < 0 && a.Flagged:
			flagged.Add(1)
			if q.Twin {
				twinFlags.Add(1)
			}
		case q.Listed >= 0:
			hit := a.Flagged && slices.Contains(a.Keys, RegisterID(q.Listed))
			if hit {
				found.Add(1)
			}
			mu.Lock()
			kindListed[q.Kind]++
			if hit {
				kindFound[q.Kind]++
			}
			mu.Unlock()
		}
		return nil
	})
	s := Screening{Throughput: t, Listed: int(listed.Load()), Found: int(found.Load()),
		Unlisted: int(unlisted.Load()), FalseFlags: int(flagged.Load()), Twins: int(twins.Load()), TwinFlags: int(twinFlags.Load())}
	if t.N > 0 {
		s.CPUPerCheck = (CPUTime() - cpu0) / time.Duration(t.N)
		s.PageFaultsPerCheck = float64(PageFaults()-faults0) / float64(t.N)
		s.AllocBytesPerCheck = float64(HeapAllocated()-alloc0) / float64(t.N)
	}
	if s.Listed > 0 {
		s.Recall = float64(s.Found) / float64(s.Listed)
	}
	s.RecallByKind = make(map[string]float64, len(kindListed))
	for k, n := range kindListed {
		s.RecallByKind[k] = float64(kindFound[k]) / float64(n)
	}
	if s.Unlisted > 0 {
		s.FalseFlagRate = float64(s.FalseFlags) / float64(s.Unlisted)
	}
	if s.Unlisted > s.Twins {
		s.FalseFlagRateBeyondTwins = float64(s.FalseFlags-s.TwinFlags) / float64(s.Unlisted-s.Twins)
	}
	return s
}
