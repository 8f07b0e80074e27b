package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"trex/audit"
)

// A copy of a log, on its own, proves only that its entries are those its
// newest checkpoint signs: entries cut off after that checkpoint (with the
// newer checkpoints) leave a copy that verifies. Only a checkpoint of the
// same log obtained elsewhere can show it: the node's own, from its API, or
// one a witness kept. seenCheckpoint is such a checkpoint.
type seenCheckpoint struct {
	from string // where it came from, for the report
	cp   audit.Checkpoint
	// live, when set, is the node that signed cp, which can prove that
	// the copy's tree is a prefix of it.
	live audit.Source
}

// notProven says what verifying a copy cannot show without a checkpoint
// seen elsewhere.
const notProven = "not proven: that no entries were cut off after the copy's newest checkpoint, nor that the node shows everyone this log; " +
	"a copy alone cannot show it. Compare with a checkpoint seen elsewhere: --url (the node's API), --witness-state (a witness's state file or data directory), --checkpoint FILE"

// seenCheckpoints gathers the checkpoints of the log named v.Name() that
// were obtained apart from the copy: the files given, the witness state
// files (witness-ORIGIN.checkpoint) in the directories given and in the
// copy's own data directory, and the live node's newest.
func seenCheckpoints(ctx context.Context, v note.Verifier, files, witnessStates []string, dataDir string, live *audit.Client) ([]seenCheckpoint, error) {
	var out []seenCheckpoint
	read := func(path, what string, optional bool) error {
		msg, err := os.ReadFile(path)
		if optional && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		cp, err := audit.OpenCheckpoint(msg, v)
		if err != nil {
			return fmt.Errorf("%s %s: %w", what, path, err)
		}
		out = append(out, seenCheckpoint{from: path, cp: cp})
		return nil
	}
	for _, f := range files {
		if err := read(f, "--checkpoint", false); err != nil {
			return nil, err
		}
	}
	stateFile := "witness-" + v.Name() + ".checkpoint"
	for _, w := range witnessStates {
		path := w
		if fi, err := os.Stat(w); err == nil && fi.IsDir() {
			path = filepath.Join(w, stateFile)
		}
		if err := read(path, "--witness-state", false); err != nil {
			return nil, err
		}
	}
	if dataDir != "" {
		// A node that witnesses this log, run from the same data
		// directory, keeps its state here.
		if err := read(filepath.Join(dataDir, stateFile), "witness state", true); err != nil {
			return nil, err
		}
	}
	if live != nil {
		msg, err := live.Checkpoint(ctx)
		if err != nil {
			return nil, fmt.Errorf("--url: the node's checkpoint: %w", err)
		}
		cp, err := audit.OpenCheckpoint(msg, v)
		if err != nil {
			return nil, fmt.Errorf("--url: the node's checkpoint: %w", err)
		}
		out = append(out, seenCheckpoint{from: live.URL, cp: cp, live: live})
	}
	return out, nil
}

// extends checks that the copy (src, verified against its newest
// checkpoint cp) holds the log that seen signs: a seen checkpoint past
// the copy's means entries were cut off (or the copy is simply older); one
// the copy's tree does not extend, a split view or a rewritten copy.
func extends(ctx context.Context, src audit.Source, cp audit.Checkpoint, seen seenCheckpoint) error {
	old := seen.cp
	switch {
	case old.Size > cp.Size:
		missing := fmt.Errorf("entries %d to %d are missing: a checkpoint of %d entries was seen (%s), the copy's newest covers %d",
			cp.Size, old.Size-1, old.Size, seen.from, cp.Size)
		if seen.live == nil || cp.Size == 0 {
			return missing
		}
		p, err := seen.live.ConsistencyProof(ctx, cp.Size, old.Size)
		if err == nil {
			err = tlog.CheckTree(p, old.Size, old.Root, cp.Size, cp.Root)
		}
		if err != nil {
			return fmt.Errorf("the copy is not a prefix of the log the node signs (%s, %d entries): a split view or a rewritten copy: %w", seen.from, old.Size, err)
		}
		return missing
	case old.Size == cp.Size:
		if old.Root != cp.Root {
			return fmt.Errorf("two roots for %d entries (the copy's and %s's): a split view", cp.Size, seen.from)
		}
		return nil
	case old.Size == 0:
		return nil
	}
	p, err := src.ConsistencyProof(ctx, old.Size, cp.Size)
	if err == nil {
		err = tlog.CheckTree(p, cp.Size, cp.Root, old.Size, old.Root)
	}
	if err != nil {
		return fmt.Errorf("the copy does not extend the checkpoint of %d entries seen (%s): %w", old.Size, seen.from, err)
	}
	return nil
}
