package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// demoRoleToken is one console role's token in the demo: the file it is
// kept in (DATA/demo-tokens/FILE) and the console it signs in to.
type demoRoleToken struct {
	Role, File, Console, Note string
	Secret                    func(demoTokens) string
}

// demoConsoleTokens are the roles a newcomer signs in as, in the order of
// a traveller's story.
var demoConsoleTokens = []demoRoleToken{
	{Role: "issuer", File: "issuer.token", Console: "/issuer/", Note: "(district-court)", Secret: func(t demoTokens) string { return t.Issuer }},
	{Role: "officer", File: "officer.token", Console: "/checkpoint/", Secret: func(t demoTokens) string { return t.Officer }},
	{Role: "supervisor", File: "supervisor.token", Console: "/supervisor/", Secret: func(t demoTokens) string { return t.Supervisor }},
	{Role: "auditor", File: "auditor.token", Console: "/auditor/", Secret: func(t demoTokens) string { return t.Auditor }},
	{Role: "person", File: "subject.token", Console: "/person/", Note: "(or no token: the three identifiers)", Secret: func(t demoTokens) string { return t.Subject }},
}

// demoTokenDir is the directory that holds one file per console role's
// token, for pasting into the sign-in page.
func demoTokenDir(dataDir string) string { return filepath.Join(dataDir, "demo-tokens") }

// writeRoleTokens writes each console role's token to a file of its own
// under demoTokenDir, readable by its owner only.
func writeRoleTokens(dataDir string, t demoTokens) error {
	dir := demoTokenDir(dataDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("demo tokens: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("demo tokens: %w", err)
	}
	for _, r := range demoConsoleTokens {
		if err := writePrivate(filepath.Join(dir, r.File), []byte(r.Secret(t)+"\n")); err != nil {
			return fmt.Errorf("demo tokens: %w", err)
		}
	}
	return nil
}

// printDemoConsoles tells where the consoles are and where each role's
// token is; with reveal, the tokens themselves too.
func printDemoConsoles(w io.Writer, addr, dataDir string, t demoTokens, reveal bool) {
	fmt.Fprintf(w, "Consoles: open http://%s/ in a browser and sign in with a role's token, one file each (owner-only):\n", addr)
	width := 0
	for _, r := range demoConsoleTokens {
		width = max(width, len(filepath.Join(demoTokenDir(dataDir), r.File)))
	}
	for _, r := range demoConsoleTokens {
		line := fmt.Sprintf("  %-10s  %-*s  %s", r.Role, width, filepath.Join(demoTokenDir(dataDir), r.File), r.Console)
		if r.Note != "" {
			line += " " + r.Note
		}
		if reveal {
			line += "  token " + r.Secret(t)
		}
		fmt.Fprintln(w, line)
	}
}
