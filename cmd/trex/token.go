package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"trex"
	"trex/postgres"
	"trex/sqlite"
)

// runToken manages API tokens in a registry's or border node's database.
func runToken(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("token: want create, list or revoke")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("token "+sub, flag.ContinueOnError)
	dbPath := fs.String("db", "./data/registry.db", "database holding the tokens (registry.db or border-<id>.db)")
	pg := fs.String("postgres", "", "PostgreSQL URL of a registry kept there (instead of --db)")
	role := fs.String("role", "", "create: issuer, officer, supervisor, auditor, subject, carrier or admin")
	authority := fs.String("authority", "", "create: the issuing authority (issuer tokens)")
	name := fs.String("name", "", "create: who holds the token")
	ttl := fs.Duration("ttl", 90*24*time.Hour, "create: how long the token is valid")
	trustPath := fs.String("trust", "", "create: the signed trust list issuer tokens are checked against (default: trust.json beside --db)")
	rootPath := fs.String("root", "", "create: the root public key of the trust list (default: root.pub beside --trust)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var db trex.TokenService
	if *pg != "" {
		p, err := postgres.Open(ctx, *pg)
		if err != nil {
			return err
		}
		defer p.Close()
		db = p
	} else {
		s, err := sqlite.Open(*dbPath)
		if err != nil {
			return err
		}
		defer s.Close()
		db = s
	}
	switch sub {
	case "create":
		r, err := trex.ParseRole(*role)
		if err != nil {
			return errors.New(trex.ErrorMessage(err))
		}
		if r == trex.RoleIssuer {
			if *trustPath == "" {
				*trustPath = besideDB(*dbPath, "trust.json")
			}
			if *rootPath == "" {
				*rootPath = besideDB(*trustPath, "root.pub")
			}
			if err := trustedAuthority(*trustPath, *rootPath, *authority); err != nil {
				return fmt.Errorf("token create: %w", err)
			}
		}
		t := &trex.Token{Role: r, Authority: *authority, Name: *name, ExpiresAt: time.Now().Add(*ttl)}
		secret, err := db.CreateToken(ctx, t)
		if err != nil {
			return errors.New(trex.ErrorMessage(err))
		}
		return json.NewEncoder(os.Stdout).Encode(map[string]any{"id": t.ID, "token": secret, "role": t.Role, "authority": t.Authority, "expires_at": t.ExpiresAt})
	case "list":
		ts, err := db.ListTokens(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tROLE\tAUTHORITY\tNAME\tEXPIRES\tREVOKED")
		for _, t := range ts {
			rev := ""
			if t.RevokedAt != nil {
				rev = t.RevokedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Role, t.Authority, t.Name, t.ExpiresAt.Format(time.RFC3339), rev)
		}
		return w.Flush()
	case "revoke":
		if fs.NArg() != 1 {
			return errors.New("token revoke: give the token ID")
		}
		if err := db.RevokeToken(ctx, fs.Arg(0)); err != nil {
			return errors.New(trex.ErrorMessage(err))
		}
		fmt.Println("revoked", fs.Arg(0))
		return nil
	}
	return fmt.Errorf("token: unknown subcommand %q; want create, list or revoke", sub)
}
