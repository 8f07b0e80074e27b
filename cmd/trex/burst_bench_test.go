package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"trex"
	"trex/romanize"
	"trex/synth"
)

// processCPU is the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBurstToBorder creates b.N restrictions through the registry
// service from 32 clerks at once and waits until the border node has
// applied them all: registry, outbox relay, signing, JetStream over TLS,
// verification, replica, index and receipts, in one process. It reports
// the changes per second end to end and the process's CPU per change.
func BenchmarkBurstToBorder(b *testing.B) {
	td := startTestDemo(b, b.TempDir())
	gen := synth.New(3)
	rs := make([]*trex.Restriction, b.N)
	for i := range rs {
		rs[i] = &trex.Restriction{Person: gen.Person(), Kind: trex.KindCourtOrder, LegalBasis: "bench",
			Authority: demoAuthorities[0], ValidUntil: time.Now().Add(time.Hour)}
	}
	ctx := context.Background()
	base := td.Border.Node.Stats().Applied
	cpu0, t0 := processCPU(), time.Now()
	b.ResetTimer()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(rs); i = int(next.Add(1) - 1) {
				if err := td.Registry.Service.CreateRestriction(ctx, rs[i]); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if !pollUntil(2*time.Minute, time.Millisecond, func() bool { return td.Border.Node.Stats().Applied-base >= int64(b.N) }) {
		b.Fatalf("border applied %d of %d", td.Border.Node.Stats().Applied-base, b.N)
	}
	b.StopTimer()
	el, cpu := time.Since(t0), processCPU()-cpu0
	b.ReportMetric(float64(b.N)/el.Seconds(), "changes/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-us/change")
}

// BenchmarkCheckAPIParallel sends name + birth-date checks through the
// HTTP API from 32 connections at once against a node holding 10,000
// restrictions, and reports checks per second and the process's CPU per
// check (the API, with its check log and audit log, and the client).
func BenchmarkCheckAPIParallel(b *testing.B) {
	td := startTestDemo(b, b.TempDir())
	gen := synth.New(11)
	ctx := context.Background()
	var bodies [][]byte
	// The restrictions are put on the node directly, so the registry has
	// published none of them: their receipts would be refused and retried
	// during the measurement. None is sent while the node is filled.
	receipts, batch := td.Border.Node.Receipts, td.Border.Node.ReceiptBatch
	td.Border.Node.Receipts, td.Border.Node.ReceiptBatch = nil, nil
	for i := 0; i < 10000; i++ {
		p := gen.Person()
		r := trex.Restriction{ID: fmt.Sprintf("B%05d", i), Person: p, Kind: trex.KindCourtOrder, LegalBasis: "bench",
			Authority: "district-court", Status: trex.StatusActive, Version: 1,
			ValidFrom: time.Now().Add(-time.Hour), ValidUntil: time.Now().Add(time.Hour)}
		if err := td.Border.Node.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
			b.Fatal(err)
		}
		q := entity(map[string][]string{"lastName": {romanize.ICAOName(p.Names[0].Surname)}, "firstName": {romanize.ICAOName(p.Names[0].Given)}, "birthDate": {p.BirthDate.String()}})
		body, _ := json.Marshal(map[string]any{"traveller": q})
		bodies = append(bodies, body)
	}
	td.Border.Node.Receipts, td.Border.Node.ReceiptBatch = receipts, batch
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 32, MaxIdleConnsPerHost: 32}}
	var next atomic.Int64
	cpu0, t0 := processCPU(), time.Now()
	b.ResetTimer()
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < b.N; i = int(next.Add(1) - 1) {
				req, _ := http.NewRequest("POST", td.srv.URL+"/v1/checks", bytes.NewReader(bodies[i%len(bodies)]))
				req.Header.Set("Authorization", "Bearer "+td.Tokens.Officer)
				req.Header.Set("Content-Type", "application/json")
				res, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				var buf bytes.Buffer
				buf.ReadFrom(res.Body)
				res.Body.Close()
				if res.StatusCode != 200 {
					b.Errorf("check: %d %s", res.StatusCode, buf.String())
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	el, cpu := time.Since(t0), processCPU()-cpu0
	b.ReportMetric(float64(b.N)/el.Seconds(), "checks/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-us/check")
}
