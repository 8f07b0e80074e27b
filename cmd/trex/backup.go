package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"trex/sqlite"
)

// runBackup copies trex's SQLite databases while their processes run.
func runBackup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	describe(fs, `Usage: trex backup --to DIR FILE.db...

Copies each SQLite database (registry.db, border-ID.db, audit-*.db) into DIR under its
own name, consistently, while the process that owns it goes on (SQLite's VACUUM INTO),
and checks each copy's integrity. DIR must not hold a copy of the same name: a backup
never overwrites another. To restore, stop the process and put the copy in its place.
`)
	to := fs.String("to", "", "directory the copies go to (created if missing)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" || fs.NArg() == 0 {
		return errors.New("backup: give --to DIR and at least one database file")
	}
	if err := os.MkdirAll(*to, 0o700); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	for _, src := range fs.Args() {
		dst := filepath.Join(*to, filepath.Base(src))
		if err := sqlite.Backup(ctx, src, dst); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "backed up %s to %s\n", src, dst)
	}
	return nil
}
