package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"trex"
	"trex/audit"
	"trex/postgres"
	"trex/sqlite"
)

const tokenUsage = `Usage: trex token create|list|revoke [flags]

  trex token create --role ROLE [--authority A] [--subject ID] [--name N] [--ttl D] (--db FILE | --postgres URL [--data DIR])
  trex token list (--db FILE | --postgres URL)
  trex token revoke (--db FILE | --postgres URL [--data DIR]) TOKEN-ID

A token is checked by the process whose database holds it:
  issuer, subject, admin                  the registry (trex serve): DATA/registry.db, or --postgres URL
  officer, supervisor, auditor, carrier   a border node (trex border --id ID): DATA/border-ID.db
  auditor                                 also the registry, to read its audit log
An issuer token needs --authority, a subject token --subject (the person's national identifier).
The secret is printed once, on stdout; the database keeps only its hash.
`

// tokenHome says which process checks tokens of role: "registry",
// "border", or "any" (auditors read every node's audit log).
func tokenHome(r trex.Role) string {
	switch r {
	case trex.RoleAuditor:
		return "any"
	case trex.RoleOfficer, trex.RoleSupervisor, trex.RoleCarrier:
		return "border"
	}
	return "registry"
}

// runToken manages API tokens in a registry's or border node's database.
func runToken(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	dbPath := fs.String("db", "./data/registry.db", "database holding the tokens: the registry's registry.db, or border-<id>.db of the border node that checks officer, supervisor, auditor and carrier tokens")
	pg := fs.String("postgres", "", "PostgreSQL URL of a registry kept there (instead of --db)")
	data := fs.String("data", "./data", "with --postgres: the registry's data directory (trex serve --data), whose audit log records the tokens created and revoked")
	role := fs.String("role", "", "create: issuer, officer, supervisor, auditor, subject, carrier or admin")
	authority := fs.String("authority", "", "create: the issuing authority (issuer tokens)")
	subject := fs.String("subject", "", "create: the person's national identifier (subject tokens)")
	name := fs.String("name", "", "create: who holds the token")
	ttl := fs.Duration("ttl", 90*24*time.Hour, "create: how long the token is valid")
	trustPath := fs.String("trust", "", "create: the signed trust list issuer tokens are checked against (default: trust.json beside --db)")
	rootPath := fs.String("root", "", "create: the root public key of the trust list (default: root.pub beside --trust)")
	sub, args, err := splitSubcommand(fs, tokenUsage, []string{"create", "list", "revoke"}, args)
	if err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if sub == "create" {
		if err := checkTokenHome(fs, *role, *dbPath, *pg); err != nil {
			return err
		}
	} else if *pg == "" && !exists(*dbPath) {
		return fmt.Errorf("token %s: no database at %s; give --db DATA/registry.db or DATA/border-<id>.db", sub, *dbPath)
	}
	// The audit log that records the tokens created and revoked lies
	// beside the token database, or in the registry's data directory.
	auditDB := *dbPath
	if *pg != "" {
		auditDB = filepath.Join(*data, "registry.db")
		if sub != "list" && !isDir(*data) {
			return fmt.Errorf("token %s: no directory %s: give --data, the registry's data directory (trex serve --data), whose audit log records tokens", sub, *data)
		}
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
		if r == trex.RoleIssuer && strings.TrimSpace(*authority) == "" {
			return errors.New("token create: an issuer token needs --authority, the issuing authority it acts for")
		}
		if r == trex.RoleIssuer {
			if *trustPath == "" {
				*trustPath = besideDB(auditDB, "trust.json")
			}
			if *rootPath == "" {
				*rootPath = besideDB(*trustPath, "root.pub")
			}
			if err := trustedAuthority(*trustPath, *rootPath, *authority); err != nil {
				return fmt.Errorf("token create: %w", err)
			}
		}
		t := &trex.Token{Role: r, Authority: *authority, Subject: *subject, Name: *name, ExpiresAt: time.Now().Add(*ttl)}
		secret, err := db.CreateToken(ctx, t)
		if err != nil {
			return errors.New(trex.ErrorMessage(err))
		}
		if err := recordTokenChange(ctx, auditDB, &audit.Entry{Type: audit.TypeTokenIssued, Token: t.ID, Authority: t.Authority, Kind: string(t.Role)}); err != nil {
			// A token the log does not know of must not work.
			db.RevokeToken(ctx, t.ID)
			return fmt.Errorf("token create: not recorded, so revoked: %w", err)
		}
		return json.NewEncoder(os.Stdout).Encode(map[string]any{"id": t.ID, "token": secret, "role": t.Role, "authority": t.Authority, "subject": t.Subject, "expires_at": t.ExpiresAt})
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
		if err := recordTokenChange(ctx, auditDB, &audit.Entry{Type: audit.TypeTokenRevoked, Token: fs.Arg(0)}); err != nil {
			return fmt.Errorf("token revoke: revoked, but %w", err)
		}
		fmt.Println("revoked", fs.Arg(0))
		return nil
	}
	return fmt.Errorf("token: unknown subcommand %q; want create, list or revoke", sub)
}

// checkTokenHome refuses to create a token in a store no process would
// check it against: officer, supervisor, auditor and carrier tokens belong
// in the database of the border node that serves them, issuer, subject and
// admin tokens in the registry's.
func checkTokenHome(fs *flag.FlagSet, role, dbPath, pg string) error {
	r, err := trex.ParseRole(role)
	if err != nil {
		return fmt.Errorf("token create: --role: %s", trex.ErrorMessage(err))
	}
	onBorder := pg == "" && strings.HasPrefix(filepath.Base(dbPath), "border-")
	switch home := tokenHome(r); {
	case home == "border" && pg != "":
		return fmt.Errorf("token create: %s tokens are checked by a border node, not the registry: give --db DATA/border-<id>.db of that node instead of --postgres", r)
	case home == "border" && !flagSet(fs, "db"):
		return fmt.Errorf("token create: %s tokens are checked by a border node: give --db DATA/border-<id>.db, the database of the node that will check it", r)
	case home == "registry" && onBorder:
		return fmt.Errorf("token create: %s tokens are checked by the registry (trex serve), not a border node: give --db DATA/registry.db or --postgres URL", r)
	}
	return nil
}

// isDir says whether path is a directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
