package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"trex"
)

// File appends each notice as one JSON line to the file at Path (created
// with mode 0600), synced to disk before SendNotice returns: the simplest
// channel, for a gateway that reads a spool or for an operator to read.
type File struct {
	Path string
	mu   sync.Mutex
}

// SendNotice implements trex.NoticeSender.
func (f *File) SendNotice(_ context.Context, n trex.Notice) error {
	line, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("notice %s: %w", n.ID, err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	fh, err := os.OpenFile(f.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("notice file: %w", err)
	}
	if _, err := fh.Write(append(line, '\n')); err != nil {
		fh.Close()
		return fmt.Errorf("notice file %s: %w", f.Path, err)
	}
	if err := fh.Sync(); err != nil {
		fh.Close()
		return fmt.Errorf("notice file %s: %w", f.Path, err)
	}
	return fh.Close()
}
