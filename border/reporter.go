package border

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"trex"
)

// CheckReporter tells the registry of every check of the node that
// matched restrictions, so that the persons concerned can see which
// border node looked them up and when. It reads the node's check log
// (the log is its outbox: a report not sent survives a restart and is
// sent later) and never reports a check that matched nobody.
type CheckReporter struct {
	Node   string
	Checks trex.MatchedChecks
	// Publish sends one report (signed, over the exchange); a report may
	// be sent more than once, and the registry records it once.
	Publish func(context.Context, trex.CheckReport) error
	// PositionPath keeps how far the check log has been reported, across
	// restarts; empty keeps it in memory only (a restart sends all again).
	PositionPath string
	// Every is how often the log is read (default 1s); Batch bounds the
	// checks read at a time (default 500).
	Every time.Duration
	Batch int
	Log   *slog.Logger

	pos    int64
	loaded bool
}

// Run reports until ctx ends; a failed round is retried on the next.
func (c *CheckReporter) Run(ctx context.Context) error {
	every := c.Every
	if every <= 0 {
		every = time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		for {
			n, err := c.ReportOnce(ctx)
			if err != nil {
				if ctx.Err() == nil {
					c.log().Warn("check reports not sent; retrying", "err", err)
				}
				break
			}
			if n < c.batch() {
				break
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (c *CheckReporter) batch() int {
	if c.Batch <= 0 {
		return 500
	}
	return c.Batch
}

func (c *CheckReporter) log() *slog.Logger {
	if c.Log == nil {
		return slog.Default()
	}
	return c.Log
}

// ReportOnce sends the reports of the matched checks recorded since the
// last round, up to Batch of them, and returns how many it sent. Nothing
// is marked sent unless all were.
func (c *CheckReporter) ReportOnce(ctx context.Context) (int, error) {
	if !c.loaded {
		pos, err := readPosition(c.PositionPath)
		if err != nil {
			return 0, err
		}
		c.pos, c.loaded = pos, true
	}
	recs, next, err := c.Checks.MatchedChecksAfter(ctx, c.pos, c.batch())
	if err != nil {
		return 0, err
	}
	for _, rec := range recs {
		r := trex.CheckReport{Node: c.Node, CheckID: rec.ID, At: rec.At, RestrictionIDs: rec.RestrictionIDs}
		if err := c.Publish(ctx, r); err != nil {
			return 0, fmt.Errorf("report check %s: %w", rec.ID, err)
		}
	}
	if next != c.pos {
		if err := writePosition(c.PositionPath, next); err != nil {
			return 0, err
		}
		c.pos = next
	}
	return len(recs), nil
}

func readPosition(path string) (int64, error) {
	if path == "" {
		return 0, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("check report position: %w", err)
	}
	pos, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	if err != nil || pos < 0 {
		return 0, fmt.Errorf("check report position %s: not a position (%q)", path, data)
	}
	return pos, nil
}

// writePosition replaces the file at path, so that a crash leaves the old
// position or the new one, never a torn one.
func writePosition(path string, pos int64) error {
	if path == "" {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strconv.FormatInt(pos, 10)+"\n"), 0o600); err != nil {
		return fmt.Errorf("check report position: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("check report position: %w", err)
	}
	return nil
}
