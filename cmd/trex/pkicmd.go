package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"trex/pki"
)

const pkiUsage = `Usage: trex pki init|issue|withdraw [flags]

  trex pki init --dir DIR
  trex pki issue --dir DIR --name N --role server|registry|border [--hosts h1,h2] [--valid-for D]
  trex pki withdraw --dir DIR --name N
`

// runPKI manages the exchange's certificate authority: init creates it,
// issue makes a certificate for the exchange server, a registry or a
// border node, withdraw takes a principal off the list the exchange admits.
func runPKI(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("pki", flag.ContinueOnError)
	dir := fs.String("dir", "./data/pki", "directory of the CA and the certificates it issued")
	name := fs.String("name", "", "issue, withdraw: the principal (a registry name or a border node ID; the exchange server's name)")
	role := fs.String("role", "", "issue: server, registry or border")
	hosts := fs.String("hosts", "127.0.0.1,localhost", "issue --role server: host names and IP addresses clients dial, comma-separated")
	validFor := fs.Duration("valid-for", 365*24*time.Hour, "issue: how long the certificate is valid")
	sub, args, err := splitSubcommand(fs, pkiUsage, []string{"init", "issue", "withdraw"}, args)
	if err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch sub {
	case "init":
		if _, err := pki.InitCA(*dir, "trex CA"); err != nil {
			return err
		}
		fmt.Printf("CA in %s (ca.crt for everyone, ca.key stays here)\n", *dir)
		return nil
	case "issue":
		r, err := pki.ParseRole(*role)
		if err != nil {
			return fmt.Errorf("pki issue: --role: %w", err)
		}
		ca, err := pki.LoadCA(*dir)
		if err != nil {
			return err
		}
		f, err := ca.IssueTo(*dir, pki.Request{Name: *name, Role: r, Hosts: splitList(*hosts), ValidFor: *validFor})
		if err != nil {
			return err
		}
		fmt.Printf("%s certificate for %s: --ca %s --cert %s --key %s\n", r, *name, f.CA, f.Cert, f.Key)
		if r != pki.RoleServer {
			fmt.Printf("listed in %s; an exchange started with --principals reloads it on SIGHUP\n", pki.PrincipalsFile(*dir))
		}
		return nil
	case "withdraw":
		if err := pki.ValidName(*name); err != nil {
			return fmt.Errorf("pki withdraw: --name: %w", err)
		}
		if err := pki.RemovePrincipal(pki.PrincipalsFile(*dir), *name); err != nil {
			return err
		}
		fmt.Printf("withdrew %s from %s; the exchange refuses its certificate once it reloads the list\n", *name, pki.PrincipalsFile(*dir))
		return nil
	}
	return fmt.Errorf("pki: unknown subcommand %q; want init, issue or withdraw", sub)
}
