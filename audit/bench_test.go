package audit_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"trex/audit"
)

// BenchmarkAppend measures appends per second from many concurrent
// callers (as a busy border node has), each waiting for its entry to be
// on disk, with checkpoints signed every audit.DefaultInterval; the
// process's CPU time per append (steadier than the rate on a shared
// machine); and the bytes the database takes per entry.
func BenchmarkAppend(b *testing.B) {
	dir := b.TempDir()
	l := mustOpen(b, dir, "border-b")
	e := checkEntry(0)
	e.DocumentHash = "hmac-sha256:5f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
	e.Request = "sha256:0e1d2c3b4a5968778695a4b3c2d1e0f0e1d2c3b4a5968778695a4b3c2d1e0f0"
	e.Matches = []audit.Match{{RestrictionID: "0b8e1f6e-5b7a-4d61-9a7e-2f0c1d3e4a5b", Score: 0.87}}
	b.SetParallelism(64)
	b.ResetTimer()
	start, cpu := time.Now(), processCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			x := *e
			if _, err := l.Append(context.Background(), &x); err != nil {
				b.Error(err)
				return
			}
		}
	})
	elapsed, used := time.Since(start), processCPU()-cpu
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "appends/s")
	b.ReportMetric(used.Seconds()*1e6/float64(b.N), "cpu-µs/append")
	l.Close()
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(audit.DBPath(dir, "border-b") + suffix); err == nil {
			size += fi.Size()
		}
	}
	b.ReportMetric(float64(size)/float64(b.N), "bytes/entry")
	b.ReportMetric(float64(size)/float64(b.N)*1e6/(1<<20), "MiB/million")
}

// processCPU is the CPU time (user and system) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
