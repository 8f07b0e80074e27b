package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trex/natsx"
)

// TestKeysWithTheRootKeyOffline prepares a registry's keys, moves the root
// key away, and checks that the trust list can only be edited with it.
func TestKeysWithTheRootKeyOffline(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	if err := runKeys(ctx, []string{"init", "--data", data, "--authorities", "court,bailiffs"}); err != nil {
		t.Fatal(err)
	}
	offline := filepath.Join(t.TempDir(), "root.key")
	if err := os.Rename(filepath.Join(data, "keys", "root.key"), offline); err != nil {
		t.Fatal(err)
	}
	// Attack (or mistake): edit the list without the root key.
	err := runKeys(ctx, []string{"rotate", "--data", data, "--authority", "court"})
	if err == nil || !strings.Contains(err.Error(), "root key") {
		t.Fatalf("rotate without the root key: %v", err)
	}
	if err := runKeys(ctx, []string{"rotate", "--data", data, "--authority", "court", "--root-key", offline, "--activate-in", "0s"}); err != nil {
		t.Fatal(err)
	}
	pub, err := natsx.ReadRootPublic(filepath.Join(data, "root.pub"))
	if err != nil {
		t.Fatal(err)
	}
	body, err := natsx.ReadTrustList(filepath.Join(data, "trust.json"), pub)
	if err != nil {
		t.Fatal(err)
	}
	ring, err := natsx.OpenKeyring(filepath.Join(data, "keys"))
	if err != nil {
		t.Fatal(err)
	}
	tl := natsx.NewTrustList()
	if err := tl.Replace(body); err != nil {
		t.Fatal(err)
	}
	court, err := ring.Current("court", tl, time.Now().Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(body.Keys); n != 3 || body.Keys[2].ID != court.ID() {
		t.Errorf("after rotation: %d keys, current court key %s, want the third, new one", n, court.ID())
	}
	// The registry starts without the root key: every authority has a key.
	if _, _, err := ensureTrust(trustPathsIn(data), []string{"court", "bailiffs"}, nil); err != nil {
		t.Errorf("registry start without the root key: %v", err)
	}
	// A new authority needs the root key, and the error says what to run.
	if _, _, err := ensureTrust(trustPathsIn(data), []string{"court", "customs"}, nil); err == nil || !strings.Contains(err.Error(), "trex keys rotate --authority customs") {
		t.Errorf("new authority without the root key: %v", err)
	}
}

// TestKeysInitElsewhereKeepsTheRootKeyOffTheRegistry follows the README's
// recipe: keys init writes the root key to the given place only, and a
// registry started on the data directory (without the root key) uses the
// trust list as it is rather than making a root key of its own.
func TestKeysInitElsewhereKeepsTheRootKeyOffTheRegistry(t *testing.T) {
	ctx := context.Background()
	data, medium := t.TempDir(), filepath.Join(t.TempDir(), "root.key")
	authorities := "mil-registration,district-court"
	if err := runKeys(ctx, []string{"init", "--data", data, "--root-key", medium, "--authorities", authorities}); err != nil {
		t.Fatal(err)
	}
	paths := trustPathsIn(data)
	if exists(paths.RootKey) {
		t.Fatalf("keys init --root-key %s also left a root key in %s", medium, paths.RootKey)
	}
	if !exists(medium) || !exists(paths.Trust) || !exists(paths.RootPub) {
		t.Fatalf("keys init did not write the root key, trust list and root public key")
	}
	before, err := os.ReadFile(paths.Trust)
	if err != nil {
		t.Fatal(err)
	}
	// What trex serve does on start.
	if _, _, err := ensureTrust(paths, splitList(authorities), nil); err != nil {
		t.Fatalf("registry start without the root key: %v", err)
	}
	after, _ := os.ReadFile(paths.Trust)
	if exists(paths.RootKey) || string(before) != string(after) {
		t.Errorf("the registry made a root key or re-signed the trust list")
	}
}
