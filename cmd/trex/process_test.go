package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
	"trex/audit"
	"trex/natsx"
)

// externalNATS is the NATS server (with JetStream) that the machine runs
// for tests; the multi-process test needs a real one shared by processes.
const externalNATS = "nats://127.0.0.1:4222"

func requireExternalNATS(t *testing.T) {
	t.Helper()
	c, err := net.DialTimeout("tcp", "127.0.0.1:4222", time.Second)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("NATS is not listening on 127.0.0.1:4222 (%v); CI must provide it", err)
		}
		t.Skipf("NATS is not listening on 127.0.0.1:4222 (%v); start nats-server -js to run this test", err)
	}
	c.Close()
}

// buildTrex compiles the trex binary once per test run.
func buildTrex(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "trex")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var apiLine = regexp.MustCompile(`API on http://(\S+)`)

// startProcess runs bin with args and returns the address its API announced.
func startProcess(t *testing.T, bin string, args ...string) string {
	t.Helper()
	return "http://" + startProcessAnnouncing(t, bin, apiLine, args...)
}

// startProcessAnnouncing runs bin with args until the test ends and
// returns the first submatch of the first stderr line matching announce.
func startProcessAnnouncing(t *testing.T, bin string, announce *regexp.Regexp, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := announce.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
			if testing.Verbose() {
				fmt.Fprintf(os.Stderr, "[%s] %s\n", args[0], sc.Text())
			}
		}
	}()
	select {
	case a := <-addr:
		return a
	case <-time.After(30 * time.Second):
		t.Fatalf("%s %v did not announce itself within 30s", bin, args)
	}
	return ""
}

// createToken runs trex token create against a store: store is either
// {"--db", path} or {"--postgres", url}.
func createToken(t *testing.T, bin string, store []string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, append(append([]string{"token", "create"}, store...), args...)...).Output()
	if err != nil {
		t.Fatalf("token create: %v", err)
	}
	var tok struct{ Token string }
	if err := json.Unmarshal(out, &tok); err != nil || !strings.HasPrefix(tok.Token, "trex_") {
		t.Fatalf("token create printed %q", out)
	}
	return tok.Token
}

// TestServeAndBorderProcessesOverNATS runs the registry and a border node as
// two processes talking only through a real NATS server, with the registry
// on SQLite and on PostgreSQL.
func TestServeAndBorderProcessesOverNATS(t *testing.T) {
	requireExternalNATS(t)
	bin := buildTrex(t)
	t.Run("sqlite", func(t *testing.T) {
		regDir := t.TempDir()
		serveAndBorder(t, bin, regDir, []string{"--db", filepath.Join(regDir, "registry.db")})
	})
	t.Run("postgres", func(t *testing.T) {
		url, regDir := freshPostgresSchema(t), t.TempDir()
		serveAndBorder(t, bin, regDir, []string{"--postgres", url, "--data", regDir})
	})
}

// freshPostgresSchema returns a URL of the local PostgreSQL pointing at a
// new schema, dropped after the test.
func freshPostgresSchema(t *testing.T) string {
	t.Helper()
	base := os.Getenv("TREX_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is not reachable (%v); CI must provide it", base, err)
		}
		t.Skipf("PostgreSQL at %s is not reachable (%v); set TREX_TEST_POSTGRES to run this test", base, err)
	}
	schema := fmt.Sprintf("trex_it_%d", time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(context.Background())
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

func serveAndBorder(t *testing.T, bin, regDir string, store []string) {
	borderDir := t.TempDir()
	nodeID := fmt.Sprintf("it-%d", time.Now().UnixNano())
	t.Cleanup(func() { deleteConsumer("trex-border-" + nodeID) })

	officer := createToken(t, bin, []string{"--db", filepath.Join(borderDir, "border-"+nodeID+".db")}, "--role", "officer")

	serveArgs := []string{"serve", "--addr", "127.0.0.1:0", "--data", regDir, "--nats", externalNATS}
	if store[0] == "--postgres" {
		serveArgs = append(serveArgs, store...)
	}
	reg := startProcess(t, bin, serveArgs...)
	// The registry has written its trust list: issuer tokens are for the authorities on it.
	issuer := createToken(t, bin, append(store, "--trust", filepath.Join(regDir, "trust.json")), "--role", "issuer", "--authority", "district-court")
	// The exchange is shared with other tests' registries, whose keys this
	// node does not know: refusing those at once (no key grace) lets it
	// catch up instead of waiting on them.
	bord := startProcess(t, bin, "border", "--addr", "127.0.0.1:0", "--data", borderDir, "--id", nodeID, "--key-grace", "0s",
		"--nats", externalNATS, "--trust", filepath.Join(regDir, "trust.json"), "--root", filepath.Join(regDir, "root.pub"))

	var created struct{ ID string }
	if code := call(t, reg, "POST", "/v1/restrictions", issuer, map[string]any{
		"person": issuerView, "kind": trex.KindCourtOrder, "legal_basis": "Case 3-9/2026",
		"valid_until": time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339),
	}, &created); code != 201 {
		t.Fatalf("create: %d", code)
	}
	poll := func(want trex.Verdict) (checkAnswer, time.Duration) {
		start := time.Now()
		for {
			var ans checkAnswer
			if code := call(t, bord, "POST", "/v1/checks", officer, map[string]any{"traveller": passportView}, &ans); code != 200 {
				t.Fatalf("check: %d", code)
			}
			if ans.Decision == want || time.Since(start) > 10*time.Second {
				return ans, time.Since(start)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	// The border node may first read older history on a shared server, so
	// allow it time; propagation itself is measured by the benchmark.
	if ans, took := poll(trex.Hit); ans.Decision != trex.Hit || ans.Matches[0].RestrictionID != created.ID {
		t.Fatalf("border process: decision %q after %v, want hit on %s", ans.Decision, took, created.ID)
	}
	// Both processes are ready: nothing waits to leave, the node is fresh.
	for _, base := range []string{reg, bord} {
		var code int
		var body json.RawMessage
		if !waitFor(10*time.Second, func() bool { code = call(t, base, "GET", "/readyz", "", nil, &body); return code == 200 }) {
			t.Errorf("%s/readyz: %d %s", base, code, body)
		}
	}
	// The registry learns from the receipt that it is in force at this node.
	var got struct{ Receipts []trex.Receipt }
	if !waitFor(30*time.Second, func() bool {
		got.Receipts = nil
		call(t, reg, "GET", "/v1/restrictions/"+created.ID, issuer, nil, &got)
		for _, rc := range got.Receipts {
			if rc.Node == nodeID {
				return true
			}
		}
		return false
	}) {
		t.Fatalf("registry has no receipt from %s: %+v", nodeID, got.Receipts)
	}
	if code := call(t, reg, "POST", "/v1/restrictions/"+created.ID+"/lift", issuer, map[string]string{"reason": "acquitted"}, nil); code != 200 {
		t.Fatalf("lift: %d", code)
	}
	if ans, took := poll(trex.Clear); ans.Decision != trex.Clear {
		t.Fatalf("after lift: decision %q after %v, want clear", ans.Decision, took)
	}
	// Both changes are on the record of the registry that made them and of
	// the node that applied them.
	for v := int64(1); v <= 2; v++ {
		waitForAuditEntry(t, regDir, "registry", audit.TypeChangeMade, created.ID, v)
		waitForAuditEntry(t, borderDir, "border-"+nodeID, audit.TypeChangeApplied, created.ID, v)
	}
}

// deleteConsumer removes a test node's durable consumer from the shared server.
func deleteConsumer(name string) {
	nc, js, err := natsx.Connect(externalNATS, "trex-test-cleanup")
	if err != nil {
		return
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	js.DeleteConsumer(ctx, natsx.RestrictionsStream, name)
}
