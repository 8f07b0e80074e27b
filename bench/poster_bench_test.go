package bench_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"trex/bench"
)

// BenchmarkLoadGenerator compares the CPU time per check of the two ways
// the bench can send checks: net/http's client (bench.Client, bench.Post)
// and bench.Poster, each judging every answer with ParseCheckAnswer, from
// 32 callers against a server that answers at once with a check answer
// of the usual size. The server's share is the same for both, so the
// difference is the load generator's. The modes alternate and the median
// of each is reported, so that a change in the machine's load falls on
// both alike.
func BenchmarkLoadGenerator(b *testing.B) {
	answer := []byte(`{"check_id":"C0123456789ABCDEFGHIJK","decision":"refer","matches":[{"restriction_id":"r-000001","verdict":"refer"}],` +
		`"data_as_of":"2026-11-30T20:00:00Z","log_index":12345,"signature":"` + strings.Repeat("e30=", 400) + `"}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	}))
	defer srv.Close()
	body := []byte(`{"traveller":{"schema":"Person","properties":{"name":["IVAN PETROV"],"birthDate":["1970-01-02"]}}}`)
	const conns = 32
	ctx := context.Background()
	judge := func(a []byte) error { _, err := bench.ParseCheckAnswer(a); return err }
	modes := []struct {
		name string
		run  func(n int) bench.Throughput
	}{
		{"net_http", func(n int) bench.Throughput {
			c := bench.Client(conns)
			defer c.CloseIdleConnections()
			return bench.Run(ctx, n, conns, func(ctx context.Context, _ int) error {
				a, err := bench.Post(ctx, c, srv.URL+"/v1/checks", "tok", body, http.StatusOK)
				if err == nil {
					err = judge(a)
				}
				return err
			})
		}},
		{"poster", func(n int) bench.Throughput {
			p, err := bench.NewPoster(srv.URL+"/v1/checks", "tok", conns)
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close()
			return bench.Run(ctx, n, conns, func(ctx context.Context, _ int) error {
				return p.Post(ctx, body, http.StatusOK, judge)
			})
		}},
	}
	cpu := make([][]float64, len(modes))
	b.ResetTimer()
	for range 5 {
		for i, m := range modes {
			c0 := bench.CPUTime()
			t := m.run(b.N)
			if t.Errors > 0 {
				b.Fatalf("%s: %d errors: %v", m.name, t.Errors, t.FirstErr)
			}
			cpu[i] = append(cpu[i], float64(bench.CPUTime()-c0)/1e3/float64(b.N))
		}
	}
	for i, m := range modes {
		slices.Sort(cpu[i])
		b.ReportMetric(cpu[i][len(cpu[i])/2], "cpu-µs/check_"+m.name)
	}
}
