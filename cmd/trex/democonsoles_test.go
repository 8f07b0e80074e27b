package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoPrintsTheConsolesAndTokenFiles: the demo prints the consoles'
// URL and, for each role, the file its token is in and the console it
// opens, exactly as the README's "Consoles" section shows them; the
// tokens themselves only with --reveal. The files hold the tokens,
// readable by their owner only.
func TestDemoPrintsTheConsolesAndTokenFiles(t *testing.T) {
	toks := demoTokens{Issuer: "iss-secret", Officer: "off-secret", Supervisor: "sup-secret", Auditor: "aud-secret", Subject: "sub-secret",
		Admin: "adm-secret", Carrier: "car-secret"}
	var quiet, loud bytes.Buffer
	printDemoConsoles(&quiet, "127.0.0.1:8080", "./data/demo", toks, false)
	printDemoConsoles(&loud, "127.0.0.1:8080", "./data/demo", toks, true)
	want := []string{
		"Consoles: open http://127.0.0.1:8080/ in a browser and sign in with a role's token, one file each (owner-only):",
		"  issuer      data/demo/demo-tokens/issuer.token      /issuer/ (district-court)",
		"  officer     data/demo/demo-tokens/officer.token     /checkpoint/",
		"  supervisor  data/demo/demo-tokens/supervisor.token  /supervisor/",
		"  auditor     data/demo/demo-tokens/auditor.token     /auditor/",
		"  person      data/demo/demo-tokens/subject.token     /person/ (or no token: the three identifiers)",
	}
	if got := strings.Split(strings.TrimSuffix(quiet.String(), "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the demo prints\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, secret := range []string{toks.Issuer, toks.Officer, toks.Supervisor, toks.Auditor, toks.Subject} {
		if strings.Contains(quiet.String(), secret) {
			t.Errorf("a token printed without --reveal:\n%s", quiet.String())
		}
		if !strings.Contains(loud.String(), "token "+secret) {
			t.Errorf("--reveal does not print %s:\n%s", secret, loud.String())
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), strings.Join(want, "\n")) {
		t.Errorf("README.md does not show the lines the demo prints:\n%s", strings.Join(want, "\n"))
	}

	dir := t.TempDir()
	if err := writeRoleTokens(dir, toks); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(demoTokenDir(dir)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("%s: %v %v, want mode 0700", demoTokenDir(dir), fi, err)
	}
	for _, r := range demoConsoleTokens {
		p := filepath.Join(demoTokenDir(dir), r.File)
		data, err := os.ReadFile(p)
		if err != nil || strings.TrimSpace(string(data)) != r.Secret(toks) {
			t.Errorf("%s holds %q (%v), want the %s token", p, data, err, r.Role)
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want mode 0600", p, fi, err)
		}
	}
}
