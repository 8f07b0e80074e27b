package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"trex/border"
	thttp "trex/http"
	"trex/natsx"
	"trex/pki"
	"trex/tokencache"
	"trex/web"
)

func runBorder(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("border", flag.ContinueOnError)
	describe(fs, `Usage: trex border --trust FILE --root FILE [flags]

Runs a border node: a replica of the restrictions in force, the matcher, and its API
(checks, manifests, resolutions, the check log). It keeps officer, supervisor, auditor and
carrier tokens in its own database: trex token create --db DATA/border-ID.db.
`)
	addr := fs.String("addr", "127.0.0.1:8081", "address of the border node's API")
	data := fs.String("data", "./data", "data directory (border-<id>.db)")
	id := fs.String("id", "checkpoint-1", "this node's name (letters, digits, - and _); with --cert, the certificate's name")
	natsURL := fs.String("nats", "nats://127.0.0.1:4222", "NATS URL(s) of the exchange, comma-separated")
	jsDomain := fs.String("js-domain", "", "JetStream domain of the exchange, for a node on a site's leaf node that runs no JetStream of its own")
	siteMirror := fs.String("site-mirror", "", "for a node on a site's leaf node running JetStream in its own domain: the exchange's domain, whose restrictions stream the site mirrors and the node follows")
	equivalence := fs.Duration("equivalence-every", time.Minute, "how often the node compares a sample of its replica with the registry's view (IDs and versions only), counted in trex_replica_equivalence_*; 0 turns it off")
	trust := fs.String("trust", "", "signed trust list of issuer keys (the registry writes DATA/trust.json); required, reloaded when it changes or on SIGHUP")
	root := fs.String("root", "", "root public key that signs the trust list (the registry writes DATA/root.pub); required")
	keyGrace := fs.Duration("key-grace", 30*time.Second, "how long a fresh change signed by a key not yet on the trust list waits for the list before it is refused")
	retention := fs.Duration("retention", border.DefaultRetention, "how long the node keeps a lifted or expired restriction before purging it from its replica and index")
	maxStale := fs.Duration("ready-max-staleness", 15*time.Second, "GET /readyz fails when the node last knew itself caught up longer ago than this")
	creds := addTLSFlags(fs)
	budgets := addBudgetFlags(fs)
	auditing := addAuditFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *trust == "" || *root == "" {
		return errors.New("border: --trust FILE and --root FILE are required: a border node applies only changes signed by keys on a trust list signed by the root key")
	}
	if *jsDomain != "" && *siteMirror != "" {
		return errors.New("border: --js-domain (use the exchange's JetStream across the link) and --site-mirror (follow the site's own mirror) exclude each other")
	}
	if err := validAuthority(*id); err != nil {
		return fmt.Errorf("border: --id: %w", err)
	}
	rootPub, err := natsx.ReadRootPublic(*root)
	if err != nil {
		return fmt.Errorf("border: %w", err)
	}
	tlsConf, me, err := creds.load(pki.RoleBorder)
	if err != nil {
		return fmt.Errorf("border: %w", err)
	}
	if tlsConf != nil && me.Name != *id {
		return fmt.Errorf("border: --id %s but the certificate names %s; the exchange lets a node use only its own name", *id, me.Name)
	}
	if err := os.MkdirAll(*data, 0o700); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	g := newGroup(ctx, log)
	b, err := startBorder(g.ctx, borderConfig{ID: *id, DataDir: *data, NatsURL: *natsURL, TrustPath: *trust, Root: rootPub, Reload: hup, TLS: tlsConf, KeyGrace: *keyGrace, Retention: *retention, Log: log,
		JSDomain: *jsDomain, SiteMirror: *siteMirror, EquivalenceEvery: *equivalence}, g.Go)
	if err != nil {
		return err
	}
	defer b.Close()
	api := borderAPI(b, *id, log)
	ws, err := auditing.witnesses(*data, log, g.Go)
	if err != nil {
		return fmt.Errorf("border: %w", err)
	}
	auditing.serveAudit(api, b.Audit)
	b.Witnesses = ws
	api.Ready, api.KnownAuthority = allReady(b.Node.Ready(*maxStale), ws.Ready), b.Trust.KnowsAuthority
	budgets.apply(api)
	log.Info("screening budgets", "travellers", api.DescribeBudgets())
	h, err := withConsoles(withMetrics(api, b, nil, api.TravellerRefusals), web.BorderConsoles(), log)
	if err != nil {
		return fmt.Errorf("border: %w", err)
	}
	ready := make(chan string, 1)
	g.Go("api", func(ctx context.Context) error {
		return serveHTTP(ctx, *addr, h, ready)
	})
	select {
	case a := <-ready:
		fmt.Fprintf(os.Stderr, "trex border node %s API on http://%s (consoles at /; nats %s, trust list serial %d)\n", *id, a, *natsURL, b.Trust.Serial())
	case <-g.ctx.Done():
	}
	return g.Wait()
}

// borderHealth reports the node's freshness for /healthz.
func borderHealth(b *borderNode) func(context.Context) map[string]any {
	return func(context.Context) map[string]any {
		st := b.Node.Stats()
		return map[string]any{"border": st, "trust_list_serial": b.Trust.Serial()}
	}
}

// borderAPI is a border node's API: checks and manifests, recorded in the
// node's check log for supervisors and auditors, against the tokens in
// the node's database.
func borderAPI(b *borderNode, id string, log *slog.Logger) *thttp.Server {
	return &thttp.Server{Checks: b.Node, CheckLog: b.DB, Records: b.Node, Node: id, Tokens: tokencache.New(b.DB), Log: log, Health: borderHealth(b), Audit: b.Audit}
}
