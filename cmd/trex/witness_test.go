package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"

	"trex/audit"
	thttp "trex/http"
)

// TestWitnessOverHTTPFailsReadinessOnASplitView: a node started with
// --witness URL=PUBKEY follows the other node's checkpoints through its
// API; when that node shows a fork of its log (same key, other entries),
// readiness fails and the split view is reported by origin.
func TestWitnessOverHTTPFailsReadinessOnASplitView(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	honest, err := audit.OpenDir(dir, "registry")
	if err != nil {
		t.Fatal(err)
	}
	defer honest.Close()
	fork, err := audit.Open(filepath.Join(t.TempDir(), "fork.db"), audit.Origin("registry"), honest.Keys)
	if err != nil {
		t.Fatal(err)
	}
	fork.Start()
	defer fork.Close()
	for i := range 10 {
		honest.Append(ctx, &audit.Entry{Type: audit.TypeChangeMade, RestrictionID: "r", Version: int64(i + 1)})
		fork.Append(ctx, &audit.Entry{Type: audit.TypeChangeMade, RestrictionID: "r", Version: int64(i + 100)})
	}
	// The logs sign on their own every half second; here, at once.
	honest.Checkpoint(ctx)
	fork.Checkpoint(ctx)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	serve := func(l *audit.Log) http.Handler {
		return (&thttp.Server{Audit: l, AuditPublic: true, Log: log}).Handler()
	}
	var showFork atomic.Bool
	honestAPI, forkAPI := serve(honest), serve(fork)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if showFork.Load() {
			forkAPI.ServeHTTP(w, r)
			return
		}
		honestAPI.ServeHTTP(w, r)
	}))
	defer srv.Close()

	fs := flag.NewFlagSet("border", flag.ContinueOnError)
	af := addAuditFlags(fs)
	if err := fs.Parse([]string{"--witness", srv.URL + "=" + audit.PublicKeyPath(dir, "registry")}); err != nil {
		t.Fatal(err)
	}
	ws, err := af.witnesses(t.TempDir(), log, func(string, func(context.Context) error) {})
	if err != nil {
		t.Fatal(err)
	}
	w := ws.list[0]
	if err := w.Poll(ctx); err != nil || ws.Ready(ctx) != nil {
		t.Fatalf("honest log: %v, ready %v", err, ws.Ready(ctx))
	}
	honest.Append(ctx, &audit.Entry{Type: audit.TypeChangeMade, RestrictionID: "r", Version: 11})
	honest.Checkpoint(ctx)
	if err := w.Poll(ctx); err != nil || w.Last().Size != 11 {
		t.Fatalf("honest growth: %v, size %d", err, w.Last().Size)
	}
	fork.Append(ctx, &audit.Entry{Type: audit.TypeChangeMade, RestrictionID: "r", Version: 111})
	fork.Append(ctx, &audit.Entry{Type: audit.TypeChangeMade, RestrictionID: "r", Version: 112})
	fork.Checkpoint(ctx)
	showFork.Store(true)
	w.Poll(ctx)
	if err := ws.Ready(ctx); err == nil {
		t.Fatal("readiness holds after a split view")
	}
	if !ws.SplitViews()[audit.Origin("registry")] {
		t.Fatalf("split view not reported: %v", ws.SplitViews())
	}
}
