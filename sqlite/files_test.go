//go:build unix

package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"trex/internal/storetest"
	"trex/sqlite"
)

// TestFilesArePrivateWhateverTheUmask opens a database in a world-writable
// directory under a permissive umask: the database, its write-ahead log and
// its shared-memory file must still be readable by their owner only, both
// when first created and after a reopen.
func TestFilesArePrivateWhateverTheUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "open")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "registry.db")
	for round := 0; round < 2; round++ {
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateRestriction(context.Background(), storetest.NewRestriction(time.Now().Add(time.Hour))); err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(p)
			if os.IsNotExist(err) {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			seen++
			if mode := fi.Mode().Perm(); mode != 0o600 {
				t.Errorf("round %d: %s has mode %o, want 600", round, filepath.Base(p), mode)
			}
		}
		if seen < 2 {
			t.Errorf("round %d: found %d of the database files; the write-ahead log is missing", round, seen)
		}
		db.Close()
	}
}
