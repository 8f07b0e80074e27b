package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Backup writes a consistent copy of the SQLite database at src (any trex
// database: a registry, a border replica, an audit log) to dst, while the
// process that owns src goes on reading and writing it: VACUUM INTO reads
// one snapshot of the database (WAL included) and writes it compacted. The
// copy is private to its owner, must not exist yet (a backup never
// overwrites another), and is checked with PRAGMA integrity_check before
// Backup returns.
func Backup(ctx context.Context, src, dst string) error {
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("backup %s: %w", src, err)
	}
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("backup %s: %s exists; a backup never overwrites another", src, dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup %s: %w", src, err)
	}
	db, err := sql.Open("sqlite", "file:"+src+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup %s: %w", src, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		os.Remove(dst)
		return fmt.Errorf("backup %s to %s: %w", src, dst, err)
	}
	if err := os.Chmod(dst, fileMode); err != nil {
		return fmt.Errorf("backup %s: %w", dst, err)
	}
	return checkIntegrity(ctx, dst)
}

// checkIntegrity opens path read-only and runs PRAGMA integrity_check.
func checkIntegrity(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&verdict); err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	if verdict != "ok" {
		return fmt.Errorf("check %s: integrity_check says %q", path, verdict)
	}
	return nil
}
