package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/internal/storetest"
)

// TestKindsFileReachesTheRegistry: kinds loaded with --kinds replace the
// built-in ones in the registry store's validation.
func TestKindsFileReachesTheRegistry(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "kinds.json")
	if err := os.WriteFile(file, []byte(`[{"name": "exit_ban", "max_days": 30, "appeal": "Write to the ministry of justice."}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	kinds, err := loadKinds(file)
	if err != nil {
		t.Fatal(err)
	}
	db, err := openRegistryStore(context.Background(), dir, "", kinds)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := storetest.NewRestriction(time.Now().Add(20 * 24 * time.Hour))
	r.Kind = "exit_ban"
	if err := db.CreateRestriction(context.Background(), r); err != nil {
		t.Errorf("configured kind refused: %v", err)
	}
	long := storetest.NewRestriction(time.Now().Add(40 * 24 * time.Hour))
	long.Kind = "exit_ban"
	if err := db.CreateRestriction(context.Background(), long); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("longer than the configured maximum: err = %v", err)
	}
	builtin := storetest.NewRestriction(time.Now().Add(time.Hour))
	if err := db.CreateRestriction(context.Background(), builtin); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("built-in kind accepted although the file replaces them: err = %v", err)
	}
}

func TestKindsFlagDefaultsAndErrors(t *testing.T) {
	ks, err := loadKinds("")
	if err != nil || len(ks) != len(trex.DefaultKinds()) {
		t.Errorf("no file: %v, %v; want the built-in kinds", ks, err)
	}
	bad := filepath.Join(t.TempDir(), "kinds.json")
	os.WriteFile(bad, []byte(`[{"name": "x", "max_days": 100000, "appeal": "y"}]`), 0o600)
	if _, err := loadKinds(bad); err == nil || !strings.Contains(err.Error(), "max_days") {
		t.Errorf("bad file: err = %v, want one about max_days", err)
	}
	if _, err := loadKinds(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Errorf("missing file accepted")
	}
}
