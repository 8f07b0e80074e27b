package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// fileMode is the mode of every file of a database (the database, its
// write-ahead log and shared-memory index): readable by its owner only,
// whatever the umask or the directory's mode.
const fileMode = 0o600

// createPrivate creates the database file at path with fileMode if it does
// not exist yet, so that SQLite opens a file nobody else may read. SQLite
// gives the -wal and -shm files it creates the mode of the database file.
func createPrivate(path string) error {
	if path == ":memory:" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, fileMode)
	if errors.Is(err, fs.ErrExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("create sqlite %s: %w", path, err)
	}
	defer f.Close()
	if err := f.Chmod(fileMode); err != nil { // the umask may have taken bits away; never adds any
		return fmt.Errorf("create sqlite %s: %w", path, err)
	}
	return nil
}

// restrictFiles sets fileMode on the database at path and on its -wal and
// -shm files where they exist, so that files left more open by an earlier
// version, or by SQLite itself, are closed to others once open.
func restrictFiles(path string) error {
	if path == ":memory:" {
		return nil
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, fileMode); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("restrict sqlite file %s: %w", p, err)
		}
	}
	return nil
}
