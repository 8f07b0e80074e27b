package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"trex"
)

var exchangeLine = regexp.MustCompile(`trex exchange on (\S+)`)

// trexRun runs a short trex command and returns its combined output.
func trexRun(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("trex %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestProcessesOverMutualTLS runs the exchange, the registry and a border
// node as three processes that authenticate each other with certificates
// from a CA made by trex pki, and rotates a signing key while they run.
func TestProcessesOverMutualTLS(t *testing.T) {
	bin := buildTrex(t)
	pkiDir, regDir, borderDir, natsDir := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	nodeID := "tls-checkpoint"
	trexRun(t, bin, "pki", "init", "--dir", pkiDir)
	trexRun(t, bin, "pki", "issue", "--dir", pkiDir, "--name", "nats", "--role", "server", "--hosts", "127.0.0.1")
	trexRun(t, bin, "pki", "issue", "--dir", pkiDir, "--name", "registry", "--role", "registry")
	trexRun(t, bin, "pki", "issue", "--dir", pkiDir, "--name", nodeID, "--role", "border")
	ca := filepath.Join(pkiDir, "ca.crt")
	creds := func(name string) []string {
		return []string{"--ca", ca, "--cert", filepath.Join(pkiDir, name+".crt"), "--key", filepath.Join(pkiDir, name+".key")}
	}

	url := startProcessAnnouncing(t, bin, exchangeLine, append([]string{"nats", "--listen", "127.0.0.1:0", "--data", natsDir,
		"--principals", filepath.Join(pkiDir, "principals.json")}, creds("nats")...)...)

	officer := createToken(t, bin, []string{"--db", filepath.Join(borderDir, "border-"+nodeID+".db")}, "--role", "officer")
	reg := startProcess(t, bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--data", regDir, "--nats", url}, creds("registry")...)...)
	issuer := createToken(t, bin, []string{"--db", filepath.Join(regDir, "registry.db")}, "--role", "issuer", "--authority", "district-court")
	// A border node cannot start with the registry's certificate, nor with
	// another node's name.
	for _, args := range [][]string{
		append([]string{"border", "--id", nodeID}, creds("registry")...),
		append([]string{"border", "--id", "someone-else"}, creds(nodeID)...),
	} {
		args = append(args, "--nats", url, "--data", t.TempDir(), "--trust", filepath.Join(regDir, "trust.json"), "--root", filepath.Join(regDir, "root.pub"))
		if out, err := exec.Command(bin, args...).CombinedOutput(); err == nil {
			t.Errorf("trex %v started", args)
		} else if !strings.Contains(string(out), "certificate") {
			t.Errorf("trex %v failed without naming the certificate: %s", args, out)
		}
	}

	bord := startProcess(t, bin, append([]string{"border", "--addr", "127.0.0.1:0", "--data", borderDir, "--id", nodeID, "--nats", url,
		"--trust", filepath.Join(regDir, "trust.json"), "--root", filepath.Join(regDir, "root.pub")}, creds(nodeID)...)...)

	create := func(person map[string]any) string {
		var created struct{ ID string }
		if code := call(t, reg, "POST", "/v1/restrictions", issuer, map[string]any{
			"person": person, "kind": trex.KindCourtOrder, "legal_basis": "Case 4-1/2026",
			"valid_until": time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339),
		}, &created); code != 201 {
			t.Fatalf("create: %d", code)
		}
		return created.ID
	}
	poll := func(traveller map[string]any, want trex.Verdict) checkAnswer {
		deadline := time.Now().Add(10 * time.Second)
		for {
			var ans checkAnswer
			if code := call(t, bord, "POST", "/v1/checks", officer, map[string]any{"traveller": traveller}, &ans); code != 200 {
				t.Fatalf("check: %d", code)
			}
			if ans.Decision == want || time.Now().After(deadline) {
				return ans
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	id := create(issuerView)
	if ans := poll(passportView, trex.Hit); ans.Decision != trex.Hit || ans.Matches[0].RestrictionID != id {
		t.Fatalf("over mutual TLS: decision %q, want hit on %s", ans.Decision, id)
	}
	var got struct{ Receipts []trex.Receipt }
	if !waitFor(5*time.Second, func() bool {
		call(t, reg, "GET", "/v1/restrictions/"+id, issuer, nil, &got)
		return len(got.Receipts) > 0 && got.Receipts[0].Node == nodeID
	}) {
		t.Fatalf("no receipt from %s over mutual TLS: %+v", nodeID, got.Receipts)
	}

	// Rotate the court's key while both run: the new key starts in 2s,
	// which gives the border node time to load the new list.
	out := trexRun(t, bin, "keys", "rotate", "--data", regDir, "--authority", "district-court", "--activate-in", "2s", "--overlap", "1h")
	m := regexp.MustCompile(`new key (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("keys rotate printed %q", out)
	}
	time.Sleep(2500 * time.Millisecond)
	second := entity(map[string][]string{"lastName": {"Орлова"}, "firstName": {"Мария"}, "birthDate": {"1979-03-30"}})
	id2 := create(second)
	secondPassport := entity(map[string][]string{"lastName": {"ORLOVA"}, "firstName": {"MARIIA"}, "birthDate": {"1979-03-30"}})
	if ans := poll(secondPassport, trex.Refer); ans.Decision == trex.Clear || ans.Matches[0].RestrictionID != id2 {
		t.Fatalf("after rotation to key %s: decision %q, want a match on %s", m[1], ans.Decision, id2)
	}
	if list := trexRun(t, bin, "keys", "list", "--data", regDir); !strings.Contains(list, m[1]) {
		t.Errorf("keys list does not show the new key %s:\n%s", m[1], list)
	}
	if code := call(t, reg, "POST", "/v1/restrictions/"+id+"/lift", issuer, map[string]string{"reason": "acquitted"}, nil); code != 200 {
		t.Fatalf("lift: %d", code)
	}
	if ans := poll(passportView, trex.Clear); ans.Decision != trex.Clear {
		t.Fatalf("after lift: decision %q, want clear", ans.Decision)
	}
}
