package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trex/audit"
	thttp "trex/http"
)

// TestAuditVerifyComparesACopyWithTheNodeAndItsWitnesses: a copy cut back
// to an older checkpoint verifies on its own, and says so: that is all a
// copy can prove. Compared with the node's newest checkpoint (--url), or
// with a witness's state found beside it, the cut is caught and the
// missing entries named; a copy that forked from the node's log is called
// a split view.
func TestAuditVerifyComparesACopyWithTheNodeAndItsWitnesses(t *testing.T) {
	bin := buildTrex(t)
	ctx := context.Background()
	const role = "border-gate-2"
	live := t.TempDir()
	appendN := func(dir string, n int, decision string) {
		t.Helper()
		l, err := audit.OpenDir(dir, role)
		if err != nil {
			t.Fatal(err)
		}
		for range n {
			if _, err := l.Append(ctx, &audit.Entry{Type: audit.TypeCheck, CheckID: "c", Decision: decision}); err != nil {
				t.Fatal(err)
			}
		}
		l.Close()
	}
	copyDir := func() string {
		t.Helper()
		dst := t.TempDir()
		for _, name := range []string{"audit-" + role + ".db", "audit-" + role + ".key", "audit-" + role + ".pub"} {
			b, err := os.ReadFile(filepath.Join(live, name))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dst, name), b, 0o600)
		}
		return dst
	}
	appendN(live, 50, "clear")
	cut := copyDir()
	forked := copyDir()
	appendN(live, 14, "clear")
	appendN(forked, 20, "hit")

	l, err := audit.OpenDir(live, role)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	api := &thttp.Server{Audit: l, AuditPublic: true, Node: "gate-2", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	srv := httptest.NewServer(api.Handler())
	defer srv.Close()

	code, out := runBin(t, bin, "audit", "verify", "--data", cut)
	if code != 0 || !strings.Contains(out, "intact") || !strings.Contains(out, "not proven") {
		t.Fatalf("the cut copy alone: exit %d, want 0 and what it cannot prove: %s", code, out)
	}
	if code, out := runBin(t, bin, "audit", "verify", "--data", cut, "--url", srv.URL); code == 0 || !strings.Contains(out, "entries 50 to 63 are missing") {
		t.Errorf("the cut copy against the node: exit %d: %s", code, out)
	}
	if code, out := runBin(t, bin, "audit", "verify", "--data", forked, "--url", srv.URL); code == 0 || !strings.Contains(out, "does not extend") {
		t.Errorf("a forked copy against the node: exit %d: %s", code, out)
	}
	whole := copyDir()
	if code, out := runBin(t, bin, "audit", "verify", "--data", whole, "--url", srv.URL); code != 0 || strings.Contains(out, "not proven") || !strings.Contains(out, "extends the checkpoint of 64 entries") {
		t.Errorf("a whole copy against the node: exit %d: %s", code, out)
	}

	// A witness (say the registry, run from the same data directory) kept
	// the node's checkpoint of 64 entries: found beside the copy, or given.
	msg, err := l.Checkpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(cut, "witness-"+audit.Origin(role)+".checkpoint")
	os.WriteFile(state, msg, 0o600)
	if code, out := runBin(t, bin, "audit", "verify", "--data", cut); code == 0 || !strings.Contains(out, "entries 50 to 63 are missing") {
		t.Errorf("the cut copy beside a witness's state: exit %d: %s", code, out)
	}
	elsewhere := t.TempDir()
	os.Rename(state, filepath.Join(elsewhere, filepath.Base(state)))
	if code, out := runBin(t, bin, "audit", "verify", "--data", cut, "--witness-state", elsewhere); code == 0 || !strings.Contains(out, "entries 50 to 63 are missing") {
		t.Errorf("the cut copy against --witness-state: exit %d: %s", code, out)
	}
}
