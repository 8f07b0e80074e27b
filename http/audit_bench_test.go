package http_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"trex/audit"
	thttp "trex/http"
	"trex/sqlite"
)

// BenchmarkCheckThroughputAuditLog measures checks per second through
// the API, with the node's check log, from 512 concurrent callers (enough
// to keep the cores busy in both modes: the node's capacity; with the log,
// each caller also waits some milliseconds for its batch's commit, and 128
// callers left the processors idle part of the time, which cores_log_on
// shows), without and with the audit
// log (each check appended and fsynced before it is answered, and its
// decision signed), and reports the drop (the target is at most 10%).
// b.N checks are made in each mode, auditBenchRounds times, alternating;
// the figures are each mode's median.
func BenchmarkCheckThroughputAuditLog(b *testing.B) {
	ix, bodies := benchRegister(12, 20000, 97, true)
	const callers = 512
	rate := func(withAudit bool) (perSecond, cpuPerCheck float64) {
		dir := b.TempDir()
		checks, err := sqlite.Open(filepath.Join(dir, "border-bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer checks.Close()
		api := &thttp.Server{Checks: matcherChecks{ix}, CheckLog: checks, Tokens: oneToken{}, Node: "bench",
			Log: slog.New(slog.NewTextHandler(io.Discard, nil)), RateLimit: thttp.RateLimit{PerSecond: 1e9, Burst: 1e9}}
		if withAudit {
			l, err := audit.OpenDir(dir, "border-bench")
			if err != nil {
				b.Fatal(err)
			}
			defer l.Close()
			api.Audit = l
		}
		url := newServer(b, api).URL
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: callers}}
		var next atomic.Int64
		var wg sync.WaitGroup
		start, cpu := time.Now(), processCPU()
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
					req, _ := http.NewRequest("POST", url+"/v1/checks", strings.NewReader(bodies[i%int64(len(bodies))]))
					req.Header.Set("Authorization", "Bearer secret")
					req.Header.Set("Content-Type", "application/json")
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						b.Errorf("check: %d", resp.StatusCode)
						return
					}
				}
			}()
		}
		wg.Wait()
		return float64(b.N) / time.Since(start).Seconds(), (processCPU() - cpu).Seconds() * 1e6 / float64(b.N)
	}
	b.ResetTimer()
	// Alternate the modes so that a change in the machine's load falls on
	// both alike, and take the median of each, so that one round disturbed
	// by other work on the machine does not decide the figure.
	// The CPU time the process spends per check (server and callers
	// alike) is reported too: unlike the rate, it does not depend on how
	// much of the machine other work leaves to the benchmark.
	var off, on, offCPU, onCPU []float64
	for range auditBenchRounds {
		var r, c float64
		// Each mode's goroutines carry a label, so that a CPU profile
		// (-cpuprofile; pprof -tagfocus audit=on) separates the modes.
		pprof.Do(context.Background(), pprof.Labels("audit", "off"), func(context.Context) { r, c = rate(false) })
		off, offCPU = append(off, r), append(offCPU, c)
		pprof.Do(context.Background(), pprof.Labels("audit", "on"), func(context.Context) { r, c = rate(true) })
		on, onCPU = append(on, r), append(onCPU, c)
	}
	offM, onM := median(off), median(on)
	b.ReportMetric(offM, "checks/s_log_off")
	b.ReportMetric(onM, "checks/s_log_on")
	b.ReportMetric(100*(offM-onM)/offM, "%drop")
	offC, onC := median(offCPU), median(onCPU)
	b.ReportMetric(offC, "cpu-µs/check_log_off")
	b.ReportMetric(onC, "cpu-µs/check_log_on")
	b.ReportMetric(100*(onC-offC)/offC, "%cpu_added")
	// The processors each mode kept busy (CPU per check times checks per
	// second): when the log's mode keeps fewer busy, its callers spent
	// time waiting on commits rather than the node on work, and the drop
	// is larger than the CPU the log adds.
	b.ReportMetric(offM*offC/1e6, "cores_log_off")
	b.ReportMetric(onM*onC/1e6, "cores_log_on")
}

// processCPU is the CPU time (user and system) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// auditBenchRounds is how many times each mode is measured.
const auditBenchRounds = 5

// median is the middle of xs (which it sorts).
func median(xs []float64) float64 {
	sort.Float64s(xs)
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}
