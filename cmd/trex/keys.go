package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"text/tabwriter"
	"time"

	"trex/natsx"
)

const keysUsage = `Usage: trex keys init|list|rotate|revoke [flags]

  trex keys init --data DIR [--authorities a,b]   first keys and the signed trust list, without starting the registry;
                                                  run it where the root key is kept, then move DIR/keys/root.key off the registry host
  trex keys list --data DIR
  trex keys rotate --data DIR --root-key FILE --authority A [--overlap D] [--activate-in D]
  trex keys revoke --data DIR --root-key FILE --key-id K [--reason R]
`

// runKeys manages the authorities' signing keys and the signed trust list
// border nodes load: init, list, rotate, revoke.
func runKeys(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("keys", flag.ContinueOnError)
	data := fs.String("data", "./data", "the registry's data directory (keys/, trust.json, root.pub)")
	rootKey := fs.String("root-key", "", "root private key that signs the trust list (default DATA/keys/root.key)")
	authority := fs.String("authority", "", "rotate: the authority that gets a new key")
	overlap := fs.Duration("overlap", 24*time.Hour, "rotate: how long the old key stays valid after the new one starts")
	activateIn := fs.Duration("activate-in", time.Minute, "rotate: delay before the new key starts, for border nodes to load the new list")
	keyID := fs.String("key-id", "", "revoke: the key to revoke (see trex keys list)")
	reason := fs.String("reason", "", "revoke: why, for the record")
	authorities := fs.String("authorities", "mil-registration,district-court,bailiff-service", "init: the authorities that get a first key")
	sub, args, err := splitSubcommand(fs, keysUsage, []string{"init", "list", "rotate", "revoke"}, args)
	if err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	paths := trustPathsIn(*data)
	if *rootKey != "" {
		paths.RootKey = *rootKey
	}
	if sub == "init" {
		// What trex serve does on first start, without starting: the root
		// key can then be moved off line before the registry runs.
		if err := os.MkdirAll(paths.Keys, 0o700); err != nil {
			return err
		}
		for _, a := range splitList(*authorities) {
			if err := validAuthority(a); err != nil {
				return fmt.Errorf("keys init: %w", err)
			}
		}
		if _, _, err := ensureTrust(paths, splitList(*authorities), slog.New(slog.NewTextHandler(os.Stderr, nil))); err != nil {
			return fmt.Errorf("keys init: %w", err)
		}
		fmt.Printf("trust list %s signed by %s (give border nodes both); the root key is %s: keep it off line and pass --root-key to rotate and revoke\n", paths.Trust, paths.RootPub, paths.RootKey)
		return nil
	}
	_, rootPub, err := paths.rootKeys()
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	body, err := natsx.ReadTrustList(paths.Trust, rootPub)
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	now := time.Now()
	switch sub {
	case "list":
		return printKeys(body, now)
	case "rotate":
		if err := validAuthority(*authority); err != nil {
			return fmt.Errorf("keys rotate: --authority: %w", err)
		}
		if *overlap < 0 || *activateIn < 0 {
			return errors.New("keys rotate: --overlap and --activate-in cannot be negative")
		}
		root, err := needRootKey(paths)
		if err != nil {
			return err
		}
		ring, err := natsx.OpenKeyring(paths.Keys)
		if err != nil {
			return err
		}
		s, err := ring.Generate(*authority)
		if err != nil {
			return err
		}
		body = natsx.Rotate(body, *authority, s.Public(), now, *activateIn, *overlap)
		if err := natsx.WriteTrustList(paths.Trust, body, root); err != nil {
			return err
		}
		fmt.Printf("new key %s for %s, in use from %s; older keys retire at %s; trust list serial %d\n",
			s.ID(), *authority, now.Add(*activateIn).UTC().Format(time.RFC3339), now.Add(*activateIn+*overlap).UTC().Format(time.RFC3339), body.Serial)
		fmt.Printf("copy %s to every border node that does not read it from here\n", paths.Trust)
		return nil
	case "revoke":
		if *keyID == "" {
			return errors.New("keys revoke: give --key-id (see trex keys list)")
		}
		root, err := needRootKey(paths)
		if err != nil {
			return err
		}
		if body, err = natsx.Revoke(body, *keyID, *reason, now); err != nil {
			return fmt.Errorf("keys revoke: %w", err)
		}
		if err := natsx.WriteTrustList(paths.Trust, body, root); err != nil {
			return err
		}
		fmt.Printf("revoked %s; trust list serial %d. Border nodes refuse its envelopes once they load the list;\n", *keyID, body.Serial)
		fmt.Printf("if its authority has no other valid key, run trex keys rotate --authority A --activate-in 0\n")
		return nil
	}
	return fmt.Errorf("keys: unknown subcommand %q; want init, list, rotate or revoke", sub)
}

func needRootKey(p trustPaths) (ed25519.PrivateKey, error) {
	if !exists(p.RootKey) {
		return nil, fmt.Errorf("keys: the root key %s is not here; run this where the root key is kept, or give --root-key", p.RootKey)
	}
	return natsx.ReadRootKey(p.RootKey)
}

func printKeys(body natsx.TrustListBody, now time.Time) error {
	fmt.Printf("trust list serial %d, signed %s\n", body.Serial, body.IssuedAt.Format(time.RFC3339))
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KEY ID\tAUTHORITY\tNOT BEFORE\tNOT AFTER\tSTATE")
	for _, k := range body.Keys {
		state := "valid"
		switch {
		case k.Revoked():
			state = "revoked " + k.RevokedAt.Format(time.RFC3339) + " " + k.Reason
		case now.Before(k.NotBefore):
			state = "pending"
		case !k.NotAfter.IsZero() && !now.Before(k.NotAfter):
			state = "retired"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Authority, stamp(k.NotBefore), stamp(k.NotAfter), state)
	}
	return w.Flush()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}
