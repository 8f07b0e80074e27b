package http_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"trex/audit"
	thttp "trex/http"
	"trex/sqlite"
)

// BenchmarkCheckLatencyAuditLog answers checks with the check log and
// the audit log from a few callers, so that the machine is not the limit
// and a check's time is mostly its waits: the audit log's commit (synced)
// and the check log's write. It reports the median and p99 time per
// check as a caller sees it.
func BenchmarkCheckLatencyAuditLog(b *testing.B) {
	ix, bodies := benchRegister(13, 5000, 31, false)
	for _, callers := range []int{1, 4} {
		b.Run(fmt.Sprintf("callers=%d", callers), func(b *testing.B) {
			dir := b.TempDir()
			checks, err := sqlite.Open(filepath.Join(dir, "border-bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer checks.Close()
			l, err := audit.OpenDir(dir, "border-bench")
			if err != nil {
				b.Fatal(err)
			}
			defer l.Close()
			api := &thttp.Server{Checks: matcherChecks{ix}, CheckLog: checks, Tokens: oneToken{}, Node: "bench", Audit: l,
				Log: slog.New(slog.NewTextHandler(io.Discard, nil)), RateLimit: thttp.RateLimit{PerSecond: 1e9, Burst: 1e9}}
			url := newServer(b, api).URL
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: callers}}
			took := make([][]time.Duration, callers)
			b.ResetTimer()
			var wg sync.WaitGroup
			for c := range callers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := c; i < b.N; i += callers {
						t0 := time.Now()
						req, _ := http.NewRequest("POST", url+"/v1/checks", strings.NewReader(bodies[i%len(bodies)]))
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
						took[c] = append(took[c], time.Since(t0))
					}
				}()
			}
			wg.Wait()
			b.StopTimer()
			var all []time.Duration
			for _, t := range took {
				all = append(all, t...)
			}
			if len(all) == 0 {
				return
			}
			sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
			b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
		})
	}
}
