package clustertest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"trex"
	"trex/synth"
)

// BenchmarkPropagation measures how long a restriction takes from the
// registry's acknowledgement (the create returned) to being applied at
// each of three border nodes, each attached to a different node of a
// 3-node cluster with R3 streams, under a steady write load of
// propagationRate creates a second. It reports the median, the 99th
// percentile and the worst of the 3·N delays, the write rate held, and
// the CPU time the whole exchange spent per write.
//
//	go test ./internal/clustertest -run '^$' -bench Propagation -benchtime 600x -count 3
func BenchmarkPropagation(b *testing.B) {
	c := StartCluster(b, 3)
	reg := StartRegistry(b, c.URLs())
	var mu sync.Mutex
	acked := map[string]time.Time{}
	applied := map[string][]time.Time{} // version 1 of each restriction, at each node
	n := 0
	onApply := func(r *trex.Restriction) {
		at := time.Now()
		if r.Version != 1 {
			return
		}
		mu.Lock()
		applied[r.ID] = append(applied[r.ID], at)
		n++
		mu.Unlock()
	}
	for i := range 3 {
		StartBorderWith(b, &BorderNode{Name: fmt.Sprintf("p%d", i+1), URL: c.Nodes[i].URL(), Trust: reg.Trust, OnApply: onApply})
	}
	g := synth.New(99)
	people := make([]trex.Person, b.N)
	for i := range people {
		people[i] = g.Person()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	tick := time.NewTicker(time.Second / propagationRate)
	defer tick.Stop()
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for i := range b.N {
		<-tick.C
		r, err := reg.Create(ctx, people[i], 48*time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		now := time.Now()
		mu.Lock()
		acked[r.ID] = now
		mu.Unlock()
	}
	wrote := time.Since(start)
	deadline := time.Now().Add(time.Minute)
	for {
		mu.Lock()
		got := n
		mu.Unlock()
		if got >= 3*b.N {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d applications after a minute", got, 3*b.N)
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	mu.Lock()
	defer mu.Unlock()
	var delays []time.Duration
	for id, ats := range applied {
		for _, at := range ats {
			// Applied before the create returned counts as no delay.
			delays = append(delays, max(0, at.Sub(acked[id])))
		}
	}
	slices.Sort(delays)
	q := func(p float64) float64 {
		return float64(delays[min(len(delays)-1, int(p*float64(len(delays))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(delays[len(delays)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(b.N)/wrote.Seconds(), "writes/s")
	// Everything runs in this process (three NATS servers, the registry,
	// three nodes): its CPU time per write is the whole exchange's cost,
	// a figure that holds on a machine shared with other work, where the
	// delays do not.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/write")
	b.ReportMetric(0, "ns/op")
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// propagationRate is the steady write load of BenchmarkPropagation, in
// creates a second.
const propagationRate = 100
