package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTokenCreateRefusesAnIssuerOfAnUnknownAuthority: the CLI mints issuer
// tokens only for authorities on the registry's signed trust list.
func TestTokenCreateRefusesAnIssuerOfAnUnknownAuthority(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	if err := runKeys(ctx, []string{"init", "--data", data, "--authorities", "district-court"}); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(data, "registry.db")
	stdout := os.Stdout
	devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	os.Stdout = devnull
	defer func() { os.Stdout = stdout; devnull.Close() }()

	err := runToken(ctx, []string{"create", "--db", db, "--role", "issuer", "--authority", "ghost-office"})
	if err == nil || !strings.Contains(err.Error(), "not on the trust list") {
		t.Errorf("issuer token for an authority not on the trust list: %v", err)
	}
	if err := runToken(ctx, []string{"create", "--db", db, "--role", "issuer", "--authority", "district-court"}); err != nil {
		t.Errorf("issuer token for a listed authority: %v", err)
	}
	// A trust list that does not verify is no basis for an issuer token.
	forged := filepath.Join(t.TempDir(), "trust.json")
	if err := os.WriteFile(forged, []byte(`{"trust_list": {"serial": 9, "keys": []}, "signature": "AAAA"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	err = runToken(ctx, []string{"create", "--db", db, "--trust", forged, "--root", filepath.Join(data, "root.pub"),
		"--role", "issuer", "--authority", "district-court"})
	if err == nil {
		t.Error("issuer token checked against a forged trust list")
	}
	// Other roles need no trust list.
	if err := runToken(ctx, []string{"create", "--db", filepath.Join(t.TempDir(), "border.db"), "--role", "officer"}); err != nil {
		t.Errorf("officer token: %v", err)
	}
}
