package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// ErrSplitView is the error a Witness gives once it has seen a checkpoint
// that does not extend the last one it accepted: the node showed two
// different logs.
var ErrSplitView = errors.New("split view")

// Witness follows another node's log (the registry's, from a border node;
// a border node's, from the registry; any log, for an auditor): it fetches
// each new checkpoint, verifies its signature with the known key, asks for
// a consistency proof from the last checkpoint it accepted, and keeps the
// newest good one in StatePath. A checkpoint that is not consistent with
// it stops the witness for good: Err reports the split view until an
// operator has looked into it.
type Witness struct {
	Source   Source
	Verifier note.Verifier
	// StatePath keeps the last accepted checkpoint note across restarts;
	// empty keeps it in memory only.
	StatePath string
	Interval  time.Duration // between polls in Run; zero: one second
	Log       *slog.Logger
	// OnSplit, when set, is called once a split view is seen (for metrics).
	OnSplit func()

	mu   sync.Mutex
	last []byte
	cp   Checkpoint
	err  error
}

// Last returns the newest checkpoint accepted.
func (w *Witness) Last() Checkpoint {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cp
}

// Err is nil while the witnessed log has shown one view; it wraps
// ErrSplitView once it has shown two.
func (w *Witness) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Run polls until ctx ends. A failed fetch is logged and retried; a split
// view stops the witness (and is returned).
func (w *Witness) Run(ctx context.Context) error {
	every := w.Interval
	if every <= 0 {
		every = time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := w.Poll(ctx); errors.Is(err, ErrSplitView) {
			return err
		} else if err != nil && w.Log != nil {
			w.Log.Warn("witness: checkpoint not fetched", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Poll fetches and checks the newest checkpoint once.
func (w *Witness) Poll(ctx context.Context) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if w.last == nil && w.StatePath != "" {
		if err := w.loadState(); err != nil {
			return err
		}
	}
	msg, err := w.Source.Checkpoint(ctx)
	if err != nil {
		return err
	}
	cp, err := OpenCheckpoint(msg, w.Verifier)
	if err != nil {
		return err
	}
	if w.last != nil {
		if err := w.consistent(ctx, cp); err != nil {
			w.err = fmt.Errorf("%w: log %s: %v", ErrSplitView, cp.Origin, err)
			if w.Log != nil {
				w.Log.Error("witness: the log shows two views; refusing it", "origin", cp.Origin, "last_size", w.cp.Size, "size", cp.Size, "err", err)
			}
			if w.OnSplit != nil {
				w.OnSplit()
			}
			return w.err
		}
	}
	if w.last != nil && cp.Size == w.cp.Size {
		return nil
	}
	if w.StatePath != "" {
		if err := writeAtomic(w.StatePath, msg); err != nil {
			return err
		}
	}
	w.last, w.cp = msg, cp
	return nil
}

// consistent checks that cp extends the last accepted checkpoint.
func (w *Witness) consistent(ctx context.Context, cp Checkpoint) error {
	old := w.cp
	switch {
	case cp.Size < old.Size:
		return fmt.Errorf("checkpoint of %d entries after one of %d", cp.Size, old.Size)
	case cp.Size == old.Size:
		if cp.Root != old.Root {
			return fmt.Errorf("two roots for %d entries", cp.Size)
		}
		return nil
	case old.Size == 0:
		return nil
	}
	p, err := w.Source.ConsistencyProof(ctx, old.Size, cp.Size)
	if err != nil {
		return fmt.Errorf("no consistency proof from %d to %d: %w", old.Size, cp.Size, err)
	}
	if err := tlog.CheckTree(p, cp.Size, cp.Root, old.Size, old.Root); err != nil {
		return fmt.Errorf("checkpoint of %d entries does not extend the one of %d: %w", cp.Size, old.Size, err)
	}
	return nil
}

func (w *Witness) loadState() error {
	msg, err := os.ReadFile(w.StatePath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("witness state: %w", err)
	}
	cp, err := OpenCheckpoint(msg, w.Verifier)
	if err != nil {
		return fmt.Errorf("witness state %s: %w", w.StatePath, err)
	}
	w.last, w.cp = bytes.Clone(msg), cp
	return nil
}

// writeAtomic replaces path with data, synced, so a crash leaves the old
// or the new file whole.
func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("witness state: %w", err)
	}
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("witness state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("witness state: %w", err)
	}
	return nil
}
