package http_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"trex/audit"
	thttp "trex/http"
	"trex/sqlite"
)

// BenchmarkCheckHandler serves checks through the API's handler, in
// process and without a network, with the check log and with and without
// the audit log, from 64 goroutines: the server's own cost per check
// (decode, authentication, budgets, screening, logs, evidence, encoding,
// middleware) without the client's or the kernel's. Its allocations per
// check (-benchmem) do not depend on the machine's load.
func BenchmarkCheckHandler(b *testing.B) {
	ix, bodies := benchRegister(14, 5000, 31, true)
	for _, withAudit := range []bool{false, true} {
		b.Run(fmt.Sprintf("audit=%v", withAudit), func(b *testing.B) {
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
			h := api.Handler()
			var next atomic.Int64
			cpu0 := processCPU()
			b.ReportAllocs()
			b.SetParallelism(32)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := next.Add(1)
					req := httptest.NewRequest("POST", "/v1/checks", strings.NewReader(bodies[i%int64(len(bodies))]))
					req.Header.Set("Authorization", "Bearer secret")
					req.Header.Set("Content-Type", "application/json")
					req.RemoteAddr = "127.0.0.1:1234"
					w := httptest.NewRecorder()
					h.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Errorf("check: %d %s", w.Code, w.Body)
						return
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-µs/check")
		})
	}
}
