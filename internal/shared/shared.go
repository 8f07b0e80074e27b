// Package shared locates the data sets that live beside the trex checkout
// (../shared/data/...) for tests and benchmarks. It never copies them.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// DataDir returns the path of ../shared/data/<name> relative to the module
// root, or $TREX_SHARED_DATA/<name> when that is set. When the directory is
// missing the test is skipped with a message, except under CI=true, where
// it fails: CI always has the data.
func DataDir(tb testing.TB, name string) string {
	tb.Helper()
	base := os.Getenv("TREX_SHARED_DATA")
	if base == "" {
		root, err := moduleRoot()
		if err != nil {
			tb.Fatalf("shared data: %v", err)
		}
		base = filepath.Join(root, "..", "shared", "data")
	}
	dir := filepath.Join(base, name)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared data set %s is missing (%v); CI must have ../shared beside the clone", dir, err)
		}
		tb.Skipf("shared data set %s not found; put the shared/ folder beside the checkout or set TREX_SHARED_DATA", dir)
	}
	return dir
}

// moduleRoot walks up from the working directory to the folder holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
