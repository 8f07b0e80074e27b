package http

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"trex"
)

// Default bounds on the work of one request.
const (
	DefaultCheckTimeout    = 2 * time.Second
	DefaultManifestTimeout = 30 * time.Second
)

// Reasons a traveller sent in a check or a manifest was not screened, as
// counted by TravellerRefusals.
const (
	RefusedIncomplete = "incomplete" // no birth date, or (for carriers) no travel document
	RefusedFailed     = "failed"     // the screening service returned an error
	RefusedCancelled  = "cancelled"  // the caller left or the request's deadline passed
)

// screens bounds the screening work of manifests and counts the
// travellers that were not screened.
type screens struct {
	slots chan struct{} // one per traveller being screened for a manifest

	mu       sync.Mutex
	refusals map[string]int64
}

func (sc *screens) init(s *Server) {
	n := s.ManifestWorkers
	if n <= 0 {
		n = max(1, runtime.GOMAXPROCS(0)/2)
	}
	sc.slots = make(chan struct{}, n)
	if s.CheckTimeout <= 0 {
		s.CheckTimeout = DefaultCheckTimeout
	}
	if s.ManifestTimeout <= 0 {
		s.ManifestTimeout = DefaultManifestTimeout
	}
}

// refused counts one traveller not screened, for why.
func (sc *screens) refused(why string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.refusals == nil {
		sc.refusals = map[string]int64{}
	}
	sc.refusals[why]++
}

// TravellerRefusals reports how many travellers sent in checks and
// manifests were not screened since the server started, by reason
// (RefusedIncomplete, RefusedFailed, RefusedCancelled), for metrics.
func (s *Server) TravellerRefusals() map[string]int64 {
	s.screens.mu.Lock()
	defer s.screens.mu.Unlock()
	out := map[string]int64{RefusedIncomplete: 0, RefusedFailed: 0, RefusedCancelled: 0}
	for k, v := range s.screens.refusals {
		out[k] = v
	}
	return out
}

// refusalReason classifies a screening error for the count.
func refusalReason(err error) string {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return RefusedCancelled
	}
	return RefusedFailed
}

// screenMany screens persons[i] for every i not marked skip, on at most
// ManifestWorkers goroutines shared by all manifests, and stops handing out
// travellers once ctx is done. A traveller whose screening failed or was
// cut short gets a nil decision and its error, is logged (by position,
// never by name) and counted.
func (s *Server) screenMany(ctx context.Context, persons []trex.Person, skip []bool) ([]*trex.Decision, []error) {
	ds := make([]*trex.Decision, len(persons))
	errs := make([]error, len(persons))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(cap(s.screens.slots), len(persons)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(persons) {
					return
				}
				if skip[i] {
					continue
				}
				select {
				case s.screens.slots <- struct{}{}:
				case <-ctx.Done():
					errs[i] = ctx.Err()
					continue
				}
				if errs[i] = ctx.Err(); errs[i] == nil {
					ds[i], errs[i] = s.Checks.Check(ctx, persons[i])
				}
				<-s.screens.slots
			}
		}()
	}
	wg.Wait()
	var failed []int
	for i, err := range errs {
		if err != nil {
			ds[i] = nil
			s.screens.refused(refusalReason(err))
			failed = append(failed, i)
		}
	}
	if len(failed) > 0 {
		s.Log.Warn("travellers not screened", "count", len(failed), "first", failed[0], "err", errs[failed[0]])
	}
	return ds, errs
}
