package audit_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"trex/audit"
)

// switchable is a log the witness reads whose answers a test can point
// at another copy, as a node showing different views would.
type switchable struct {
	mu sync.Mutex
	audit.Source
}

func (s *switchable) set(src audit.Source) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Source = src
}

func (s *switchable) Checkpoint(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Source.Checkpoint(ctx)
}

// TestWitnessRefusesASplitView: a witness accepts a log that grows, and
// refuses, for good and across restarts, a checkpoint of a fork (same key,
// same first entries, then others) and a rolled-back one.
func TestWitnessRefusesASplitView(t *testing.T) {
	ctx := context.Background()
	keys, err := audit.NewKeys("registry")
	if err != nil {
		t.Fatal(err)
	}
	v, err := noteVerifier(keys.Verifier)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	open := func(name string) *audit.Log {
		l, err := audit.Open(filepath.Join(dir, name), audit.Origin("registry"), keys)
		if err != nil {
			t.Fatal(err)
		}
		l.Start()
		t.Cleanup(func() { l.Close() })
		return l
	}
	honest, fork := open("a.db"), open("b.db")
	for i := range 5 {
		honest.Append(ctx, checkEntry(i))
		fork.Append(ctx, checkEntry(i))
	}
	src := &switchable{Source: honest}
	state := filepath.Join(dir, "witness-registry.checkpoint")
	w := &audit.Witness{Source: src, Verifier: v, StatePath: state}
	splits := 0
	w.OnSplit = func() { splits++ }
	if err := w.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 5; i < 9; i++ {
		honest.Append(ctx, checkEntry(i))
	}
	if err := w.Poll(ctx); err != nil || w.Last().Size != 9 {
		t.Fatalf("honest growth: size %d, %v", w.Last().Size, err)
	}
	// The fork has the same five first entries, then others.
	for i := 5; i < 12; i++ {
		e := checkEntry(i)
		e.Decision = "hit"
		fork.Append(ctx, e)
	}
	src.set(fork)
	if err := w.Poll(ctx); !errors.Is(err, audit.ErrSplitView) {
		t.Fatalf("fork accepted: %v", err)
	}
	if !errors.Is(w.Err(), audit.ErrSplitView) || splits != 1 {
		t.Fatalf("split view not kept: %v, %d", w.Err(), splits)
	}
	src.set(honest)
	if err := w.Poll(ctx); !errors.Is(err, audit.ErrSplitView) {
		t.Fatalf("the witness went on after a split view: %v", err)
	}
	// A restarted witness starts from the last good checkpoint it kept.
	w2 := &audit.Witness{Source: fork, Verifier: v, StatePath: state}
	if err := w2.Poll(ctx); !errors.Is(err, audit.ErrSplitView) {
		t.Fatalf("a restarted witness accepted the fork: %v", err)
	}
	// A log that shrinks is a split view too.
	short := open("c.db")
	for i := range 3 {
		short.Append(ctx, checkEntry(i))
	}
	w3 := &audit.Witness{Source: short, Verifier: v, StatePath: state}
	if err := w3.Poll(ctx); !errors.Is(err, audit.ErrSplitView) {
		t.Fatalf("a rolled-back log was accepted: %v", err)
	}
	// A log signed with another key is refused before anything else.
	other, _ := audit.NewKeys("registry")
	forged, err := audit.Open(filepath.Join(dir, "d.db"), audit.Origin("registry"), other)
	if err != nil {
		t.Fatal(err)
	}
	forged.Start()
	defer forged.Close()
	w4 := &audit.Witness{Source: forged, Verifier: v}
	if err := w4.Poll(ctx); err == nil {
		t.Fatal("a checkpoint signed by another key was accepted")
	}
}
