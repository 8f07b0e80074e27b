package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"trex"
	"trex/audit"
	"trex/synth"
)

// demoTokens is written to DIR/demo-tokens.json (and, as shell variables,
// to DIR/demo-tokens.env), both readable by their owner only.
type demoTokens struct {
	Issuer     string            `json:"issuer"`
	Officer    string            `json:"officer"`
	Auditor    string            `json:"auditor"`
	Supervisor string            `json:"supervisor"`
	Admin      string            `json:"admin"`
	Carrier    string            `json:"carrier"`
	Subject    string            `json:"subject"`    // for the person with SubjectID
	SubjectID  string            `json:"subject_id"` // that person's national identifier
	Issuers    map[string]string `json:"issuers"`    // per authority
}

// demoTokenTTL is how long the demo's tokens are valid.
const demoTokenTTL = 30 * 24 * time.Hour

// demoTokenFiles are the files the demo keeps its tokens in.
func demoTokenFiles(dir string) (jsonPath, envPath string) {
	return filepath.Join(dir, "demo-tokens.json"), filepath.Join(dir, "demo-tokens.env")
}

// demoSubjectID is the national identifier of the first synthetic person
// the demo seeds, whose subject token it writes.
func demoSubjectID() string {
	p := synth.New(demoSeed).Person()
	for _, id := range p.Identifiers {
		if id.Kind == "national_id" {
			return id.Kind + ":" + id.Country + ":" + id.Value // the country too, or the key names no one
		}
	}
	return "0000000000"
}

// issueTokens reuses the tokens an earlier start wrote to dir as long as
// the store still accepts them for the same role, and creates only those
// that are missing, revoked or expired; then it writes them back.
func (d *demo) issueTokens(ctx context.Context, dir string) error {
	jsonPath, envPath := demoTokenFiles(dir)
	var old demoTokens
	switch data, err := os.ReadFile(jsonPath); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("demo tokens: %w", err)
	default:
		if err := json.Unmarshal(data, &old); err != nil {
			return fmt.Errorf("demo tokens: %s is not the demo's token file (%v); move it away to start afresh", jsonPath, err)
		}
	}
	store := d.Registry.DB
	keep := func(secret string, role trex.Role, authority, subject string) (string, error) {
		if secret != "" {
			p, err := store.Authenticate(ctx, secret)
			if err == nil && p.Role == role && p.Authority == authority && sameSubject(p.Subject, subject) {
				return secret, nil
			}
		}
		tok := &trex.Token{Role: role, Authority: authority, Subject: subject,
			Name: strings.TrimSpace("demo " + string(role) + " " + authority), ExpiresAt: time.Now().Add(demoTokenTTL)}
		secret, err := store.CreateToken(ctx, tok)
		if err != nil || d.Registry.Audit == nil {
			return secret, err
		}
		// The token store is the registry's: so is the log that records
		// the tokens made in it, as trex token does.
		if _, err := d.Registry.Audit.Append(ctx, &audit.Entry{Type: audit.TypeTokenIssued, Actor: "trex demo", Role: "operator",
			Token: tok.ID, Authority: tok.Authority, Kind: string(tok.Role)}); err != nil {
			// A token the log does not know of must not work.
			store.RevokeToken(ctx, tok.ID)
			return "", fmt.Errorf("token %s not recorded in the audit log, so revoked: %w", tok.ID, err)
		}
		return secret, nil
	}
	t := demoTokens{Issuers: map[string]string{}, SubjectID: old.SubjectID}
	if !strings.Contains(t.SubjectID, ":") { // none yet, or a bare number that found no one
		t.SubjectID = demoSubjectID()
	}
	var err error
	for _, a := range demoAuthorities {
		if t.Issuers[a], err = keep(old.Issuers[a], trex.RoleIssuer, a, ""); err != nil {
			return fmt.Errorf("demo tokens: %w", err)
		}
	}
	t.Issuer = t.Issuers[demoAuthorities[1]]
	for _, p := range []struct {
		role    trex.Role
		old     string
		dst     *string
		subject string
	}{
		{trex.RoleOfficer, old.Officer, &t.Officer, ""},
		{trex.RoleAuditor, old.Auditor, &t.Auditor, ""},
		{trex.RoleSupervisor, old.Supervisor, &t.Supervisor, ""},
		{trex.RoleAdmin, old.Admin, &t.Admin, ""},
		{trex.RoleCarrier, old.Carrier, &t.Carrier, ""},
		{trex.RoleSubject, old.Subject, &t.Subject, t.SubjectID},
	} {
		if *p.dst, err = keep(p.old, p.role, "", p.subject); err != nil {
			return fmt.Errorf("demo tokens: %w", err)
		}
	}
	d.Tokens = t
	data, _ := json.MarshalIndent(t, "", "  ")
	if err := writePrivate(jsonPath, append(data, '\n')); err != nil {
		return err
	}
	if err := writePrivate(envPath, []byte(t.env())); err != nil {
		return err
	}
	if err := writeRoleTokens(dir, t); err != nil {
		return err
	}
	if d.tokenDir, err = filepath.Abs(demoTokenDir(dir)); err != nil {
		return fmt.Errorf("demo tokens: %w", err)
	}
	return nil
}

// env renders the tokens as shell variable assignments.
func (t demoTokens) env() string {
	var b strings.Builder
	b.WriteString("# trex demo API tokens: source this file (. demo-tokens.env) and use $OFFICER etc.\n")
	for _, kv := range [][2]string{{"ISSUER", t.Issuer}, {"OFFICER", t.Officer}, {"SUPERVISOR", t.Supervisor},
		{"AUDITOR", t.Auditor}, {"ADMIN", t.Admin}, {"CARRIER", t.Carrier}, {"SUBJECT", t.Subject}} {
		fmt.Fprintf(&b, "%s=%s\n", kv[0], kv[1])
	}
	return b.String()
}

// writePrivate writes a file only its owner may read, also when it
// already existed with wider permissions.
func writePrivate(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}

// sameSubject reports whether a principal's stored subject key names the
// identifier subject ("" for tokens of no subject).
func sameSubject(key, subject string) bool {
	if subject == "" {
		return key == ""
	}
	id, err := trex.ParseIdentifier(subject)
	return err == nil && id.Key() == key
}
