package audit_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"trex/audit"
)

// TestCommitsLeaveWALCheckpointsToTheBackground: appends that fill the
// write-ahead log far past SQLite's automatic checkpoint threshold are not
// copied into the database by the commits (which would stall the batch
// doing it and everyone waiting on it); the checkpointer copies them.
func TestCommitsLeaveWALCheckpointsToTheBackground(t *testing.T) {
	dir := t.TempDir()
	keys, err := audit.LoadOrCreateKeys(dir, "border-w")
	if err != nil {
		t.Fatal(err)
	}
	path := audit.DBPath(dir, "border-w")
	l, err := audit.Open(path, audit.Origin("border-w"), keys)
	if err != nil {
		t.Fatal(err)
	}
	l.Interval = time.Hour // no checkpointer tick while appending
	l.Start()
	defer l.Close()
	size := func(p string) int64 {
		fi, err := os.Stat(p)
		if err != nil {
			return 0
		}
		return fi.Size()
	}
	base := size(path)
	// About 6 MB of entries: 1,500 pages, past the 1,000 at which SQLite
	// would copy the log into the database on commit.
	for i := range 1500 {
		e := checkEntry(i)
		e.Document = strings.Repeat("x", 4000)
		if _, err := l.Append(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	if grew := size(path) - base; grew > 1<<20 {
		t.Fatalf("the database grew by %d bytes during commits: they copied the write-ahead log", grew)
	}
	if wal := size(path + "-wal"); wal < 4<<20 {
		t.Fatalf("write-ahead log of %d bytes; want the entries there", wal)
	}
	l.Close()
	if grew := size(path) - base; grew < 4<<20 {
		t.Errorf("after the checkpointer ran, the database grew by only %d bytes", grew)
	}
}
