package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"trex"
	"trex/audit"
	"trex/border"
	"trex/natsx"
	"trex/screening"
	"trex/sqlite"
)

// runBin runs the trex binary and returns its exit code and output.
func runBin(t *testing.T, bin string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

// TestAuditVerifyCommandNamesTheTamperedEntry: trex audit verify exits 0
// on an intact copy of a node's log and fails naming the position of a
// flipped byte, a dropped entry or two swapped entries; with --checkpoint
// it catches a copy cut back to an older checkpoint.
func TestAuditVerifyCommandNamesTheTamperedEntry(t *testing.T) {
	bin := buildTrex(t)
	mk := func() string {
		dir := t.TempDir()
		l, err := audit.OpenDir(dir, "border-gate-1")
		if err != nil {
			t.Fatal(err)
		}
		for i := range 64 {
			if i == 50 {
				l.Checkpoint(context.Background())
			}
			if _, err := l.Append(context.Background(), &audit.Entry{Type: audit.TypeCheck, CheckID: "c" + string(rune('A'+i%26)), Decision: "clear"}); err != nil {
				t.Fatal(err)
			}
		}
		l.Close()
		return dir
	}
	exec := func(dir string, q ...string) {
		t.Helper()
		db, err := sql.Open("sqlite", audit.DBPath(dir, "border-gate-1"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range q {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir := mk()
	pub := audit.PublicKeyPath(dir, "border-gate-1")
	if code, out := runBin(t, bin, "audit", "verify", "--data", dir, "--pubkey", pub); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("intact log: exit %d: %s", code, out)
	}
	for name, c := range map[string]struct {
		q    []string
		want string
	}{
		// Each entry was appended alone: its batch's run holds it alone.
		"flip":    {[]string{`UPDATE entry_runs SET data = CAST(REPLACE(CAST(data AS TEXT), 'clear', 'clean') AS BLOB) WHERE first = 17`}, "entry 17 was changed"},
		"drop":    {[]string{`DELETE FROM entry_runs WHERE first = 30`}, "entry 30 was dropped"},
		"swap":    {[]string{`UPDATE entry_runs SET first = -1 WHERE first = 5`, `UPDATE entry_runs SET first = 5 WHERE first = 40`, `UPDATE entry_runs SET first = 40 WHERE first = -1`}, "entries 5 and 40 are swapped"},
		"missing": {[]string{`DELETE FROM entry_runs WHERE first >= 60`}, "entry 60 is missing"},
	} {
		dir := mk()
		exec(dir, c.q...)
		code, out := runBin(t, bin, "audit", "verify", "--data", dir, "--pubkey", audit.PublicKeyPath(dir, "border-gate-1"))
		if code == 0 || !strings.Contains(out, c.want) {
			t.Errorf("%s: exit %d, want a failure naming %q: %s", name, code, c.want, out)
		}
	}
	// A copy cut back to an older checkpoint, its newer checkpoints gone.
	dir = mk()
	witnessed := filepath.Join(t.TempDir(), "seen.checkpoint")
	src, _ := audit.OpenFile(audit.DBPath(dir, "border-gate-1"))
	msg, _ := src.Checkpoint(context.Background())
	src.Close()
	os.WriteFile(witnessed, msg, 0o600)
	exec(dir, `DELETE FROM entry_runs WHERE first >= 50`, `DELETE FROM checkpoints WHERE size > 50`)
	if code, out := runBin(t, bin, "audit", "verify", "--data", dir); code != 0 {
		t.Fatalf("the cut copy is consistent in itself, so verify alone passes it: exit %d: %s", code, out)
	}
	if code, out := runBin(t, bin, "audit", "verify", "--data", dir, "--checkpoint", witnessed); code == 0 || !strings.Contains(out, "entries 50 to 63 are missing") {
		t.Errorf("a truncated copy against a witnessed checkpoint: exit %d: %s", code, out)
	}
}

// postRaw posts body with token and returns the answer's body.
func postRaw(t *testing.T, url, token, body string) string {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("POST %s: %d %s", url, resp.StatusCode, data)
	}
	return string(data)
}

// TestBorderChecksAreProvenAndDecisionsVerifyFromTheCommandLine: a border
// node's API answers a check with a log index and a signed decision; trex
// audit verify --url verifies the node's whole log through the API, trex
// audit proof --url proves the check's entry, and trex audit
// verify-decision checks the saved answer offline against the request.
func TestBorderChecksAreProvenAndDecisionsVerifyFromTheCommandLine(t *testing.T) {
	bin := buildTrex(t)
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "border-gate-1.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	l, err := audit.OpenDir(dir, "border-gate-1")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	node := &border.Node{ID: "gate-1", Replica: db, Matcher: screening.New(), Log: log, Applied: recordChangeApplied(l, "gate-1")}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}
	b := &borderNode{DB: db, Node: node, Trust: natsx.NewTrustList(), Audit: l}
	srv := httptest.NewServer(borderAPI(b, "gate-1", 15*time.Second, log).Handler())
	defer srv.Close()
	token := func(role trex.Role) string {
		s, err := db.CreateToken(ctx, &trex.Token{Role: role, ExpiresAt: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	request := `{"traveller": {"schema": "Person", "properties": {"lastName": ["OKAFOR"], "firstName": ["CHIDI"], "birthDate": ["1985-01-01"]}}}`
	resp := postRaw(t, srv.URL+"/v1/checks", token(trex.RoleOfficer), request)
	if !strings.Contains(resp, `"log_index"`) || !strings.Contains(resp, `"signature"`) {
		t.Fatalf("check answer without log_index or signature: %s", resp)
	}
	files := t.TempDir()
	respFile, reqFile, tokFile := filepath.Join(files, "resp.json"), filepath.Join(files, "req.json"), filepath.Join(files, "auditor")
	os.WriteFile(respFile, []byte(resp), 0o600)
	os.WriteFile(reqFile, []byte(request), 0o600)
	os.WriteFile(tokFile, []byte(token(trex.RoleAuditor)), 0o600)
	pub := audit.PublicKeyPath(dir, "border-gate-1")
	if code, out := runBin(t, bin, "audit", "verify-decision", "--pubkey", pub, "--request", reqFile, respFile); code != 0 || !strings.Contains(out, "log index 0") {
		t.Fatalf("verify-decision: exit %d: %s", code, out)
	}
	os.WriteFile(reqFile, []byte(strings.Replace(request, "1985", "1986", 1)), 0o600)
	if code, out := runBin(t, bin, "audit", "verify-decision", "--pubkey", pub, "--request", reqFile, respFile); code == 0 {
		t.Fatalf("verify-decision accepted another request: %s", out)
	}
	if code, out := runBin(t, bin, "audit", "verify", "--url", srv.URL, "--token-file", tokFile, "--pubkey", pub); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("remote verify: exit %d: %s", code, out)
	}
	if code, out := runBin(t, bin, "audit", "proof", "--url", srv.URL, "--token-file", tokFile, "--pubkey", pub, "--index", "0"); code != 0 || !strings.Contains(out, `"inclusion"`) {
		t.Fatalf("remote proof: exit %d: %s", code, out)
	}
	if code, out := runBin(t, bin, "audit", "show", "--data", dir); code != 0 || !strings.Contains(out, `"type":"check"`) || strings.Contains(out, "OKAFOR") {
		t.Fatalf("show: exit %d: %s", code, out)
	}
}

// waitForAuditEntry waits until the audit log of role under dir holds an
// entry of type typ for restriction id at version.
func waitForAuditEntry(t *testing.T, dir, role, typ, id string, version int64) {
	t.Helper()
	found := func() bool {
		src, err := audit.OpenFile(audit.DBPath(dir, role))
		if err != nil {
			return false
		}
		defer src.Close()
		entries, err := src.Entries(context.Background(), 0, 1<<40)
		if err != nil {
			return false
		}
		for _, data := range entries {
			if e, err := audit.DecodeEntry(data); err == nil && e.Type == typ && e.RestrictionID == id && e.Version == version {
				return true
			}
		}
		return false
	}
	if !waitFor(5*time.Second, found) {
		t.Errorf("the audit log %s has no %s entry for %s v%d", role, typ, id, version)
	}
}

// TestTokenCommandIsOnTheRecord: trex token create and revoke on a node's
// database leave token.issued and token.revoked entries in that node's
// audit log, beside the database.
func TestTokenCommandIsOnTheRecord(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "border-gate-9.db")
	out, err := runTokenCommand(t, "create", "--db", db, "--role", "officer", "--name", "booth 1")
	if err != nil {
		t.Fatal(err)
	}
	var tok struct{ ID string }
	if err := json.Unmarshal([]byte(out), &tok); err != nil || tok.ID == "" {
		t.Fatalf("token create printed %q", out)
	}
	if _, err := runTokenCommand(t, "revoke", "--db", db, tok.ID); err != nil {
		t.Fatal(err)
	}
	src, err := audit.OpenFile(audit.DBPath(dir, "border-gate-9"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	entries, _ := src.Entries(context.Background(), 0, 100)
	var types []string
	for _, data := range entries {
		e, _ := audit.DecodeEntry(data)
		if e.Token == tok.ID {
			types = append(types, e.Type)
		}
	}
	if strings.Join(types, ",") != audit.TypeTokenIssued+","+audit.TypeTokenRevoked {
		t.Fatalf("entries for token %s: %v", tok.ID, types)
	}
	rep, err := audit.Verify(context.Background(), src, mustVerifier(t, audit.PublicKeyPath(dir, "border-gate-9")))
	if err != nil || rep.Problem != nil || rep.Checkpoint.Size != int64(len(entries)) {
		t.Fatalf("log after trex token: %v %+v", err, rep)
	}
}

func mustVerifier(t *testing.T, path string) note.Verifier {
	t.Helper()
	v, err := audit.ReadVerifier(path)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestTokenCommandOnPostgresIsOnTheRecord: tokens made and revoked in a
// registry kept in PostgreSQL are recorded in the registry's audit log,
// in its data directory; without one, no token is made.
func TestTokenCommandOnPostgresIsOnTheRecord(t *testing.T) {
	url, dir := freshPostgresSchema(t), t.TempDir()
	if _, err := runTokenCommand(t, "create", "--postgres", url, "--data", filepath.Join(dir, "missing"), "--role", "admin"); err == nil {
		t.Fatal("a token was made with no data directory to record it in")
	}
	out, err := runTokenCommand(t, "create", "--postgres", url, "--data", dir, "--role", "admin", "--name", "ops")
	if err != nil {
		t.Fatal(err)
	}
	var tok struct{ ID string }
	if err := json.Unmarshal([]byte(out), &tok); err != nil || tok.ID == "" {
		t.Fatalf("token create printed %q", out)
	}
	if _, err := runTokenCommand(t, "revoke", "--postgres", url, "--data", dir, tok.ID); err != nil {
		t.Fatal(err)
	}
	src, err := audit.OpenFile(audit.DBPath(dir, "registry"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	entries, _ := src.Entries(context.Background(), 0, 100)
	var types []string
	for _, data := range entries {
		e, _ := audit.DecodeEntry(data)
		if e.Token == tok.ID {
			types = append(types, e.Type+":"+e.Kind)
		}
	}
	if strings.Join(types, ",") != audit.TypeTokenIssued+":admin,"+audit.TypeTokenRevoked+":" {
		t.Fatalf("entries for token %s: %v", tok.ID, types)
	}
	rep, err := audit.Verify(context.Background(), src, mustVerifier(t, audit.PublicKeyPath(dir, "registry")))
	if err != nil || rep.Problem != nil || rep.Checkpoint.Size != int64(len(entries)) {
		t.Fatalf("log after trex token: %v %+v", err, rep)
	}
}
