package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	thttp "trex/http"
	"trex/pki"
	"trex/registry"
	"trex/tokencache"
	"trex/web"
)

func runServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	describe(fs, `Usage: trex serve [flags]

Runs the issuer's registry and its API (restrictions, subject access, tokens). It keeps
issuer, subject and admin tokens (trex token create --db DATA/registry.db, or --postgres).
On first start it creates the signing keys and the signed trust list unless trex keys init
made them; keep the root key (DATA/keys/root.key) off this host and pass --root-key to
trex keys rotate and revoke.
`)
	addr := fs.String("addr", "127.0.0.1:8080", "address of the registry API")
	data := fs.String("data", "./data", "data directory (registry.db, keys/, the signed trust.json and its root.pub)")
	natsURL := fs.String("nats", "", "NATS URL(s), comma-separated; empty runs an embedded server under DATA/nats")
	replicas := fs.Int("replicas", 0, "copies of each stream the exchange keeps; 0: three on a NATS cluster, one on a single server")
	pg := fs.String("postgres", "", "PostgreSQL URL for the registry (postgres://user@host/db); empty keeps it in DATA/registry.db")
	authorities := fs.String("authorities", "mil-registration,district-court,bailiff-service", "issuing authorities this registry signs for, comma-separated")
	kindsFile := addKindsFlag(fs)
	maxWait := fs.Duration("ready-max-outbox-age", 30*time.Second, "GET /readyz fails when the oldest unpublished change has waited longer than this")
	creds := addTLSFlags(fs)
	auditing := addAuditFlags(fs)
	var borderKeys []string
	fs.Func("border-key", "a border node's public key (its DATA/audit-border-ID.pub): its reports of checks that matched restrictions go to the persons' access logs; repeatable", func(f string) error {
		borderKeys = append(borderKeys, f)
		return nil
	})
	exempt := fs.String("exempt-authorities", "", "authorities that may keep their reads of a restriction from the person's access log (header Trex-Access-Exempt with the legal ground), comma-separated")
	notices := addNoticeFlags(fs, "")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tlsConf, me, err := creds.load(pki.RoleRegistry)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if tlsConf != nil && *natsURL == "" {
		return errors.New("serve: --ca, --cert and --key are for an exchange given with --nats (see trex nats); the embedded one is plain and loopback-only")
	}
	kinds, err := loadKinds(*kindsFile)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	sender, err := notices.sender()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	g := newGroup(ctx, log)
	url, stopNats, err := exchangeURL(*natsURL, *data)
	if err != nil {
		return err
	}
	defer stopNats()
	reg, err := startRegistry(g.ctx, registryConfig{
		PostgresURL: *pg, DataDir: *data, NatsURL: url, Authorities: splitList(*authorities), Kinds: kinds, Log: log, TLS: tlsConf, Principal: me,
		BorderKeyFiles: borderKeys, Replicas: *replicas,
	}, g.Go)
	if err != nil {
		return err
	}
	defer reg.Close()
	api := &thttp.Server{Registry: reg.Service, Outbox: reg.DB, Subjects: reg.DB, Kinds: kinds, Tokens: tokencache.New(reg.DB), Log: log, Health: registryHealth(reg),
		KnownAuthority: reg.Trust.KnowsAuthority, Access: reg.DB, ExemptAuthorities: splitList(*exempt)}
	api.Lifecycle = reg.DB
	if err := servePersons(api, reg.DB, sender, log, g.Go); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if reg.Witnesses, err = auditing.witnesses(*data, log, g.Go); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	auditing.serveAudit(api, reg.Audit)
	api.Ready = allReady(registry.OutboxReady(reg.DB, *maxWait, nil), reg.Witnesses.Ready)
	h, err := withConsoles(withMetrics(api, nil, reg), web.RegistryConsoles(), log)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ready := make(chan string, 1)
	g.Go("api", func(ctx context.Context) error {
		return serveHTTP(ctx, *addr, h, ready)
	})
	select {
	case a := <-ready:
		fmt.Fprintf(os.Stderr, "trex registry API on http://%s (consoles at /; nats %s, trust list %s signed by %s, serial %d)\n",
			a, url, filepath.Join(*data, "trust.json"), filepath.Join(*data, "root.pub"), reg.Trust.Serial())
	case <-g.ctx.Done():
	}
	return g.Wait()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
