package bench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"trex"
)

// Holds reports whether a border node holds restriction id.
type Holds func(id string) bool

// Propagation creates rs through create from workers goroutines at once
// (a burst) or, when rate is positive, at that many per second (steady
// load), and measures for every restriction and every node how long from
// the create's commit until the node held it. It fails when a node has
// not received everything within timeout.
func Propagation(ctx context.Context, rs []*trex.Restriction, workers int, rate float64, create func(context.Context, *trex.Restriction) error,
	nodes []Holds, timeout time.Duration) ([]time.Duration, Throughput, error) {
	committed := make([]time.Time, len(rs))
	var mu sync.Mutex
	done := make(chan Throughput, 1)
	go func() {
		start := time.Now()
		done <- Run(ctx, len(rs), workers, func(ctx context.Context, i int) error {
			if rate > 0 {
				if wait := time.Until(start.Add(time.Duration(float64(i) / rate * float64(time.Second)))); wait > 0 {
					time.Sleep(wait)
				}
			}
			if err := create(ctx, rs[i]); err != nil {
				return err
			}
			mu.Lock()
			committed[i] = time.Now()
			mu.Unlock()
			return nil
		})
	}()
	// Poll every node for what it holds, noting when each arrived.
	type pending struct{ node, i int }
	var lat []time.Duration
	var waiting []pending
	for n := range nodes {
		for i := range rs {
			waiting = append(waiting, pending{n, i})
		}
	}
	var creates Throughput
	createsDone := false
	deadline := time.Now().Add(timeout)
	for len(waiting) > 0 {
		if !createsDone {
			select {
			case creates = <-done:
				createsDone = true
				if creates.Errors > 0 {
					return nil, creates, fmt.Errorf("bench: %d of %d creates failed: %w", creates.Errors, len(rs), creates.FirstErr)
				}
				deadline = time.Now().Add(timeout)
			default:
			}
		}
		if time.Now().After(deadline) {
			return nil, creates, fmt.Errorf("bench: %d deliveries still missing %s after the last create", len(waiting), timeout)
		}
		now := time.Now()
		mu.Lock()
		kept := waiting[:0]
		for _, p := range waiting {
			at := committed[p.i]
			if at.IsZero() || rs[p.i].ID == "" || !nodes[p.node](rs[p.i].ID) {
				kept = append(kept, p)
				continue
			}
			lat = append(lat, now.Sub(at))
		}
		mu.Unlock()
		waiting = kept
		time.Sleep(5 * time.Millisecond)
	}
	if !createsDone {
		creates = <-done
	}
	return lat, creates, nil
}
