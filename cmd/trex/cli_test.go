package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"trex"
	"trex/audit"
	"trex/sqlite"
)

// commandsInUsage lists the commands the top-level usage names, so that a
// new command is covered by the help test without editing it.
func commandsInUsage(t *testing.T) []string {
	t.Helper()
	_, list, ok := strings.Cut(usage, "Commands:\n")
	if !ok {
		t.Fatal("usage has no Commands: section")
	}
	var cmds []string
	for _, m := range regexp.MustCompile(`(?m)^  ([a-z]+) `).FindAllStringSubmatch(list, -1) {
		cmds = append(cmds, m[1])
	}
	if len(cmds) < 10 {
		t.Fatalf("only %d commands found in the usage: %v", len(cmds), cmds)
	}
	return cmds
}

// TestEveryCommandAnswersHelpWithoutSideEffects runs each command and
// subcommand with -h in an empty directory: each exits 0 with its usage
// and leaves the directory empty (no data directory, database or key is
// created, and none is needed).
func TestEveryCommandAnswersHelpWithoutSideEffects(t *testing.T) {
	bin := buildTrex(t)
	var invocations [][]string
	for _, c := range commandsInUsage(t) {
		invocations = append(invocations, []string{c, "-h"}, []string{c, "--help"})
	}
	for group, subs := range map[string][]string{
		"pki": {"init", "issue", "withdraw"}, "keys": {"init", "list", "rotate", "revoke"}, "token": {"create", "list", "revoke"},
		"audit":  {"verify", "show", "proof", "verify-decision", "purges", "access-exempt"},
		"person": {"status", "access-log", "appeal"}, "appeals": {"list", "decide"},
		"reviews": {"list", "review"}, "referrals": {"list", "resolve"},
	} {
		invocations = append(invocations, []string{group, "help"})
		for _, sub := range subs {
			invocations = append(invocations, []string{group, sub, "-h"})
		}
	}
	invocations = append(invocations, []string{"-h"}, []string{"help"})
	for _, args := range invocations {
		dir := t.TempDir()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "HOME="+dir)
		cmd.Stdin = strings.NewReader("") // a command that read stdin would see nothing, not hang
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("trex %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if !strings.Contains(strings.ToLower(string(out)), "usage") {
			t.Errorf("trex %s printed no usage:\n%s", strings.Join(args, " "), out)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("trex %s created %v in its working directory", strings.Join(args, " "), entries)
		}
	}
	// Without a command, or with a wrong one, trex fails.
	for _, args := range [][]string{{}, {"frobnicate"}, {"token", "frobnicate"}, {"keys"}} {
		cmd := exec.Command(bin, args...)
		cmd.Dir = t.TempDir()
		if err := cmd.Run(); err == nil {
			t.Errorf("trex %v succeeded", args)
		}
		if entries, _ := os.ReadDir(cmd.Dir); len(entries) > 0 {
			t.Errorf("trex %v created %v", args, entries)
		}
	}
}

// runTokenCommand runs trex token in-process and returns what it printed.
func runTokenCommand(t *testing.T, args ...string) (string, error) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	runErr := runToken(context.Background(), args)
	os.Stdout = stdout
	w.Close()
	var buf bytes.Buffer
	buf.ReadFrom(r)
	r.Close()
	return buf.String(), runErr
}

// TestTokenCreateForEveryRole creates a token of every role in the store of
// the process that checks it, and reads each back as its principal.
func TestTokenCreateForEveryRole(t *testing.T) {
	dir := t.TempDir()
	if err := runKeys(context.Background(), []string{"init", "--data", dir, "--authorities", "district-court"}); err != nil {
		t.Fatal(err)
	}
	registryDB, borderDB := filepath.Join(dir, "registry.db"), filepath.Join(dir, "border-gate-1.db")
	cases := []struct {
		role      trex.Role
		db        string
		args      []string
		authority string
		subject   string
	}{
		{trex.RoleIssuer, registryDB, []string{"--authority", "district-court"}, "district-court", ""},
		{trex.RoleSubject, registryDB, []string{"--subject", "4510 778899"}, "", subjectKey(t, "4510 778899")},
		{trex.RoleAdmin, registryDB, nil, "", ""},
		{trex.RoleOfficer, borderDB, nil, "", ""},
		{trex.RoleSupervisor, borderDB, nil, "", ""},
		{trex.RoleAuditor, borderDB, nil, "", ""},
		{trex.RoleCarrier, borderDB, nil, "", ""},
	}
	seen := map[trex.Role]bool{}
	for _, c := range cases {
		out, err := runTokenCommand(t, append([]string{"create", "--db", c.db, "--role", string(c.role), "--name", "test"}, c.args...)...)
		if err != nil {
			t.Errorf("token create --role %s: %v", c.role, err)
			continue
		}
		var created struct{ ID, Token, Role, Authority, Subject string }
		if err := json.Unmarshal([]byte(out), &created); err != nil {
			t.Fatalf("token create printed %q: %v", out, err)
		}
		db, err := sqlite.Open(c.db)
		if err != nil {
			t.Fatal(err)
		}
		p, err := db.Authenticate(context.Background(), created.Token)
		db.Close()
		if err != nil || p.Role != c.role || p.Authority != c.authority || p.Subject != c.subject {
			t.Errorf("%s token authenticates as %+v, %v", c.role, p, err)
		}
		seen[c.role] = true
	}
	for _, r := range []trex.Role{trex.RoleIssuer, trex.RoleOfficer, trex.RoleSupervisor, trex.RoleAuditor, trex.RoleSubject, trex.RoleAdmin, trex.RoleCarrier} {
		if _, err := trex.ParseRole(string(r)); err != nil || !seen[r] {
			t.Errorf("no token of role %s was made", r)
		}
	}

	// Tokens that no process would check are refused, with what to do.
	refusals := []struct {
		args []string
		want string
	}{
		{[]string{"create", "--role", "subject", "--db", registryDB}, "subject"},
		{[]string{"create", "--role", "issuer", "--db", registryDB}, "authority"},
		{[]string{"create", "--role", "officer"}, "border-<id>.db"},
		{[]string{"create", "--role", "carrier", "--postgres", "postgres://nowhere/none"}, "border node"},
		{[]string{"create", "--role", "issuer", "--authority", "district-court", "--db", borderDB}, "registry"},
		{[]string{"list", "--db", filepath.Join(dir, "missing.db")}, "no database"},
	}
	for _, r := range refusals {
		if _, err := runTokenCommand(t, r.args...); err == nil || !strings.Contains(err.Error(), r.want) {
			t.Errorf("token %v: %v, want an error mentioning %q", r.args, err, r.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("token list created the database it was pointed at: %v", err)
	}
}

// TestDemoRestartReusesTokens: a restarted demo answers to the tokens it
// wrote on first start (for every role, subject and carrier included)
// rather than minting new ones, keeps the token files owner-only, and
// prints no token or restricted person unless asked.
func TestDemoRestartReusesTokens(t *testing.T) {
	dir := t.TempDir()
	td := startTestDemoWith(t, demoConfig{DataDir: dir, Persons: 1})
	first := td.Tokens
	for role, secret := range map[trex.Role]string{trex.RoleCarrier: first.Carrier, trex.RoleSubject: first.Subject, trex.RoleOfficer: first.Officer,
		trex.RoleSupervisor: first.Supervisor, trex.RoleAuditor: first.Auditor, trex.RoleAdmin: first.Admin, trex.RoleIssuer: first.Issuer} {
		p, err := td.Registry.DB.Authenticate(context.Background(), secret)
		if err != nil || p.Role != role {
			t.Errorf("%s token: %+v %v", role, p, err)
		}
	}
	if p, _ := td.Registry.DB.Authenticate(context.Background(), first.Subject); p == nil || p.Subject != subjectKey(t, first.SubjectID) || p.Subject == "" {
		t.Errorf("the subject token is not for the demo's subject %q: %+v", first.SubjectID, p)
	}
	var restricted bool
	for _, id := range td.Sample.Person.Identifiers {
		restricted = restricted || id.Key() == subjectKey(t, first.SubjectID)
	}
	if !restricted {
		t.Errorf("the subject token's person %s is not the seeded restricted person", first.SubjectID)
	}
	jsonPath, envPath := demoTokenFiles(dir)
	for _, p := range []string{jsonPath, envPath} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want mode 0600", p, fi, err)
		}
	}

	var quiet, loud bytes.Buffer
	printDemoHelp(&quiet, "127.0.0.1:8080", dir, td.demo, false)
	printDemoHelp(&loud, "127.0.0.1:8080", dir, td.demo, true)
	surname := td.Sample.Person.Names[0].Surname
	for _, secret := range []string{first.Issuer, first.Officer, first.Supervisor, first.Auditor, first.Admin, first.Carrier, first.Subject} {
		if strings.Contains(quiet.String(), secret) {
			t.Errorf("the demo prints a live token without --reveal:\n%s", quiet.String())
		}
	}
	if strings.Contains(quiet.String(), surname) || strings.Contains(quiet.String(), td.Sample.ID) {
		t.Errorf("the demo prints a restricted person without --reveal:\n%s", quiet.String())
	}
	if !strings.Contains(quiet.String(), envPath) || !strings.Contains(loud.String(), first.Officer) || !strings.Contains(loud.String(), surname) {
		t.Errorf("the instructions do not say where the tokens are, or --reveal does not show them:\n%s\n---\n%s", quiet.String(), loud.String())
	}

	td.Stop()
	td = startTestDemoWith(t, demoConfig{DataDir: dir})
	if td.Tokens.Officer != first.Officer || td.Tokens.Issuer != first.Issuer || td.Tokens.Subject != first.Subject || td.Tokens.Carrier != first.Carrier {
		t.Errorf("restart minted new tokens:\nfirst %+v\nthen  %+v", first, td.Tokens)
	}
	all, err := td.Registry.DB.ListTokens(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := len(demoAuthorities) + 6; len(all) != want {
		t.Errorf("%d tokens in the store after a restart, want %d", len(all), want)
	}

	// A token revoked meanwhile is replaced, the others kept.
	var officerID string
	for _, tok := range all {
		if tok.Role == trex.RoleOfficer {
			officerID = tok.ID
		}
	}
	if err := td.Registry.DB.RevokeToken(context.Background(), officerID); err != nil {
		t.Fatal(err)
	}
	td.Stop()
	td = startTestDemoWith(t, demoConfig{DataDir: dir})
	if td.Tokens.Officer == first.Officer || td.Tokens.Issuer != first.Issuer {
		t.Errorf("after revoking the officer token: officer kept %v, issuer kept %v", td.Tokens.Officer == first.Officer, td.Tokens.Issuer == first.Issuer)
	}

	// Every token the demo made is on the registry's audit log, once.
	all, err = td.Registry.DB.ListTokens(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	entries, err := td.Registry.Audit.Entries(context.Background(), 0, td.Registry.Audit.Size())
	if err != nil {
		t.Fatal(err)
	}
	issued := map[string]string{}
	for _, data := range entries {
		if e, err := audit.DecodeEntry(data); err == nil && e.Type == audit.TypeTokenIssued {
			if _, twice := issued[e.Token]; twice {
				t.Errorf("token %s recorded twice", e.Token)
			}
			issued[e.Token] = e.Kind
		}
	}
	if len(issued) != len(all) {
		t.Errorf("%d tokens issued on the audit log, %d in the store", len(issued), len(all))
	}
	for _, tok := range all {
		if kind, ok := issued[tok.ID]; !ok || kind != string(tok.Role) {
			t.Errorf("token %s (%s) on the audit log: %v as %q", tok.ID, tok.Role, ok, kind)
		}
	}
}

// subjectKey is the key a subject token stores for the identifier s.
func subjectKey(t *testing.T, s string) string {
	t.Helper()
	id, err := trex.ParseIdentifier(s)
	if err != nil {
		t.Fatalf("identifier %q: %v", s, err)
	}
	return id.Key()
}
