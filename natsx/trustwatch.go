package natsx

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TrustFile keeps a TrustList in step with its signed file: Load reads and
// verifies it, Run polls the file and reloads it when it changes. A list
// that fails verification, or is older than the one held, is refused and
// the one held stays in force.
type TrustFile struct {
	Path  string
	Root  ed25519.PublicKey
	Trust *TrustList
	Log   *slog.Logger
	// Interval is how often Run looks at the file (default 1s).
	Interval time.Duration
	// OnLoad, if set, runs after a new list is in force.
	OnLoad func(TrustListBody)
	// SerialPath, if set, keeps the highest serial put in force across
	// restarts, so that a list rolled back while the node was down is
	// refused too.
	SerialPath string

	mu      sync.Mutex
	modTime time.Time
	size    int64
}

// Load reads, verifies and puts the file's list in force.
func (w *TrustFile) Load() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	st, err := os.Stat(w.Path)
	if err != nil {
		return fmt.Errorf("trust list: %w", err)
	}
	body, err := ReadTrustList(w.Path, w.Root)
	if err != nil {
		return err
	}
	floor, err := w.floor()
	if err != nil {
		return err
	}
	if body.Serial < floor {
		return fmt.Errorf("trust list %s: %w: serial %d, this node has had %d", w.Path, ErrTrustRollback, body.Serial, floor)
	}
	if err := w.Trust.Replace(body); err != nil {
		return fmt.Errorf("trust list %s: %w", w.Path, err)
	}
	if w.SerialPath != "" && body.Serial > floor {
		if err := writeFileAtomic(w.SerialPath, []byte(strconv.FormatInt(body.Serial, 10)+"\n"), 0o600); err != nil {
			return fmt.Errorf("record trust list serial: %w", err)
		}
	}
	w.modTime, w.size = st.ModTime(), st.Size()
	if w.OnLoad != nil {
		w.OnLoad(body)
	}
	return nil
}

// floor is the highest serial this node has put in force before (0 when
// not recorded).
func (w *TrustFile) floor() (int64, error) {
	if w.SerialPath == "" {
		return 0, nil
	}
	data, err := os.ReadFile(w.SerialPath)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("trust list serial: %w", err)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("trust list serial %s: %w; remove it only if you trust the list on disk", w.SerialPath, err)
	}
	return n, nil
}

// changed reports whether the file differs from what was last loaded.
func (w *TrustFile) changed() bool {
	st, err := os.Stat(w.Path)
	if err != nil {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return !st.ModTime().Equal(w.modTime) || st.Size() != w.size
}

// Run reloads the list whenever the file changes, or when reload receives
// (e.g. on SIGHUP), until ctx ends. reload may be nil.
func (w *TrustFile) Run(ctx context.Context, reload <-chan os.Signal) error {
	if w.Interval == 0 {
		w.Interval = time.Second
	}
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	var failed time.Time // modification time of the last refused file
	for {
		force := false
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-reload:
			force = true
		}
		if !force && !w.changed() {
			continue
		}
		st, err := os.Stat(w.Path)
		if err == nil && !force && st.ModTime().Equal(failed) {
			continue // refused already; wait for the next edit
		}
		if err := w.Load(); err != nil {
			w.Log.Error("trust list refused; keeping the one in force", "path", w.Path, "serial", w.Trust.Serial(), "err", err)
			if st != nil {
				failed = st.ModTime()
			}
			continue
		}
		w.Log.Info("trust list reloaded", "path", w.Path, "serial", w.Trust.Serial(), "keys", len(w.Trust.Keys()))
	}
}
