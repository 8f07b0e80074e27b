package main

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"trex/bench"
	"trex/ftm"
)

// BenchmarkCreateAPI creates restrictions through the registry's API
// (POST /v1/restrictions: authentication, decoding, validation, the
// registry's group commit, the answer) from 32 connections at once, in the
// demo: the relay publishes each create and the border node applies it
// meanwhile, as in a registry serving clerks. It reports creates per
// second and the process's CPU time per create (server, client, relay,
// border node).
func BenchmarkCreateAPI(b *testing.B) {
	td := startTestDemo(b, b.TempDir())
	bodies := make([][]byte, b.N)
	for i, r := range bench.Restrictions(13, b.N, demoAuthorities[0]) {
		bodies[i], _ = json.Marshal(map[string]any{"person": ftm.FromPerson("", r.Person), "kind": r.Kind,
			"legal_basis": r.LegalBasis, "valid_until": r.ValidUntil.Format(time.RFC3339)})
	}
	c := bench.Client(32)
	token := td.Tokens.Issuers[demoAuthorities[0]]
	url := td.srv.URL + "/v1/restrictions"
	cpu0 := processCPU()
	b.ResetTimer()
	t := bench.Run(context.Background(), b.N, 32, func(ctx context.Context, i int) error {
		_, err := bench.Post(ctx, c, url, token, bodies[i], http.StatusCreated)
		return err
	})
	b.StopTimer()
	cpu := processCPU() - cpu0
	if t.Errors > 0 {
		b.Fatalf("%d of %d creates failed: %v", t.Errors, t.N, t.FirstErr)
	}
	b.ReportMetric(t.PerSecond, "creates/s")
	b.ReportMetric(bench.Millis(t.P99), "p99-ms")
	b.ReportMetric(bench.Micros(cpu)/float64(b.N), "cpu-us/create")
}
