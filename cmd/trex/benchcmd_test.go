package main

import (
	"context"
	"encoding/json"
	"io"
	"runtime"
	"testing"
	"time"
)

// TestBenchReportsEveryFigure runs trex bench's phases at a small size
// and checks that the JSON carries every key the command promises, each
// measured (non-zero), and that the burst reached every border node.
func TestBenchReportsEveryFigure(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three border nodes and an exchange; skipped with -short")
	}
	rep, err := runBenchPhases(context.Background(), benchConfig{Records: 2000, Checks: 400, Conns: 8, Creates: 300, Nodes: 3,
		SteadyRate: 200, SteadyFor: time.Second}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	keys := []string{"records", "rss_bytes", "bytes_per_restriction", "start_s", "check_name_dob_p99_us",
		"check_document_p99_us", "check_name_only_p99_us", "http_checks_per_s", "http_p99_ms", "registry_creates_per_s", "propagation_p99_ms",
		"propagation_steady_p99_ms", "api_creates_per_s", "trex_recall"}
	if runtime.GOOS == "linux" { // where a thread's CPU time is known
		keys = append(keys, "check_name_dob_cpu_p99_us", "check_document_cpu_p99_us", "check_name_only_cpu_p99_us")
	}
	for _, k := range keys {
		if got[k] <= 0 {
			t.Errorf("%s = %v in %s", k, got[k], data)
		}
	}
	if got["border_nodes"] != 3 {
		t.Errorf("border_nodes = %v, want 3", got["border_nodes"])
	}
	if got["trex_recall"] > 1 {
		t.Errorf("recall %v above 1", got["trex_recall"])
	}
}
