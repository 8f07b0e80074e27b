package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"trex"
	thttp "trex/http"
	"trex/notify"
	"trex/registry"
	"trex/romanize"
	"trex/synth"
	"trex/tokencache"
	"trex/web"
)

// demoAuthorities issue the demo's restrictions.
var demoAuthorities = []string{"mil-registration", "district-court", "bailiff-service"}

var demoKinds = map[string]string{
	"mil-registration": trex.KindMilitaryCallUp,
	"district-court":   trex.KindCourtOrder,
	"bailiff-service":  trex.KindDebtEnforcement,
}

var demoBasis = map[string]string{
	"mil-registration": "Federal Law 53-FZ art. 15: call-up notice served",
	"district-court":   "Criminal Procedure Code art. 102: travel ban pending trial",
	"bailiff-service":  "Federal Law 229-FZ art. 67: enforcement of a debt above the threshold",
}

func runDemo(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	describe(fs, `Usage: trex demo [flags]

Runs the registry, an embedded NATS server, a border node and the API in one process,
seeded with synthetic persons on first start. Everything is kept under --data; API tokens
for every role are written to DATA/demo-tokens.json and DATA/demo-tokens.env (owner-only)
and reused on restart.
`)
	addr := fs.String("addr", "127.0.0.1:8080", "address of the API")
	data := fs.String("data", "./data/demo", "data directory")
	persons := fs.Int("persons", 1000, "synthetic persons to place under restriction on first start")
	natsURL := fs.String("nats", "", "NATS URL(s); empty runs an embedded server under DATA/nats")
	budgets := addBudgetFlags(fs)
	reveal := fs.Bool("reveal", false, "print the API tokens and a restricted person's name and birth date in the instructions (otherwise they stay in DATA/demo-tokens.json and DATA/demo-tokens.env)")
	kindsFile := addKindsFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	kinds, err := loadKinds(*kindsFile)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := os.MkdirAll(*data, 0o700); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	d, err := startDemo(ctx, demoConfig{DataDir: *data, NatsURL: *natsURL, Persons: *persons, Kinds: kinds, Log: log, KeyGrace: 30 * time.Second, Budgets: *budgets})
	if err != nil {
		return err
	}
	defer d.Close()
	ready := make(chan string, 1)
	d.g.Go("api", func(ctx context.Context) error { return serveHTTP(ctx, *addr, d.Handler(), ready) })
	select {
	case a := <-ready:
		printDemoHelp(os.Stdout, a, *data, d, *reveal)
	case <-d.g.ctx.Done():
	}
	return d.g.Wait()
}

type demoConfig struct {
	DataDir string
	NatsURL string
	Persons int
	Kinds   trex.Kinds // empty: trex.DefaultKinds
	Log     *slog.Logger
	// RateLimit bounds checks per token; zero means the API's default.
	RateLimit thttp.RateLimit
	// Budgets are the traveller budgets and deadlines from the flags.
	Budgets budgetFlags
	// KeyGrace is the border node's wait for a trust list that lags a key
	// rotation (zero refuses unknown keys at once).
	KeyGrace time.Duration
}

// demo is every trex component in one process.
type demo struct {
	g        *group
	stopNats func()
	NatsURL  string
	Registry *registryNode
	Border   *borderNode
	Tokens   demoTokens
	Sample   *trex.Restriction // a seeded restriction to try checks on
	api      *thttp.Server
	log      *slog.Logger
}

// demoBorderID names the demo's border node (and its certificate).
const demoBorderID = "checkpoint-demo"

func startDemo(ctx context.Context, cfg demoConfig) (*demo, error) {
	d := &demo{g: newGroup(ctx, cfg.Log), log: cfg.Log}
	url := cfg.NatsURL
	var regTLS, borderTLS *tls.Config
	if url == "" {
		x, err := startDemoExchange(cfg.DataDir, demoBorderID)
		if err != nil {
			return nil, err
		}
		url, d.stopNats, regTLS, borderTLS = x.URL, x.Stop, x.RegistryTLS, x.BorderTLS
	}
	d.NatsURL = url
	var err error
	d.Registry, err = startRegistry(d.g.ctx, registryConfig{DataDir: cfg.DataDir, NatsURL: url, Authorities: demoAuthorities, Kinds: cfg.Kinds, Log: cfg.Log, TLS: regTLS}, d.g.Go)
	if err != nil {
		d.Close()
		return nil, err
	}
	paths := trustPathsIn(cfg.DataDir)
	_, rootPub, err := paths.rootKeys()
	if err != nil {
		d.Close()
		return nil, err
	}
	d.Border, err = startBorder(d.g.ctx, borderConfig{ID: demoBorderID, DataDir: cfg.DataDir, NatsURL: url, TrustPath: paths.Trust, Root: rootPub, TLS: borderTLS, KeyGrace: cfg.KeyGrace, Log: cfg.Log}, d.g.Go)
	if err != nil {
		d.Close()
		return nil, err
	}
	// The registry accepts the demo border node's check reports.
	if err := d.Registry.BorderKeys.Add(d.Border.Audit.Keys.Verifier); err != nil {
		d.Close()
		return nil, err
	}
	// One process, one token store: the registry's.
	if err := d.issueTokens(ctx, cfg.DataDir); err != nil {
		d.Close()
		return nil, err
	}
	if d.Sample, err = d.seed(ctx, cfg.Persons, cfg.Kinds); err != nil {
		d.Close()
		return nil, err
	}
	d.api = &thttp.Server{Registry: d.Registry.Service, Outbox: d.Registry.DB, Checks: d.Border.Node, CheckLog: d.Border.DB, Records: d.Border.Node, Subjects: d.Registry.DB, Kinds: cfg.Kinds,
		Tokens: tokencache.New(d.Registry.DB), Node: d.Border.Node.ID, Log: cfg.Log, Health: borderHealth(d.Border), RateLimit: cfg.RateLimit,
		Ready:          allReady(registry.OutboxReady(d.Registry.DB, 30*time.Second, nil), d.Border.Node.Ready(15*time.Second)),
		KnownAuthority: d.Registry.Trust.KnowsAuthority, Audit: d.Border.Audit, Access: d.Registry.DB}
	d.api.Lifecycle = d.Registry.DB
	cfg.Budgets.apply(d.api)
	if err := servePersons(d.api, d.Registry.DB, &notify.File{Path: filepath.Join(cfg.DataDir, "notices.jsonl")}, cfg.Log, d.g.Go); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Handler is the demo's API, with every console at /.
func (d *demo) Handler() http.Handler {
	api := withMetrics(d.api, d.Border, d.Registry, d.api.TravellerRefusals)
	log := d.log
	if log == nil {
		log = slog.Default()
	}
	h, err := withConsoles(api, web.AllConsoles(), log)
	if err != nil {
		// The consoles' templates and catalogs are embedded: they load or
		// the binary was built broken. Serve the API alone, and say so.
		log.Error("consoles not served", "err", err)
		return api
	}
	return h
}

// Close stops every component.
func (d *demo) Close() {
	d.g.Stop()
	d.g.wg.Wait()
	if d.Border != nil {
		d.Border.Close()
	}
	if d.Registry != nil {
		d.Registry.Close()
	}
	if d.stopNats != nil {
		d.stopNats()
	}
}

// demoSeed seeds the demo's synthetic population.
const demoSeed = 20261125

// seed places n synthetic persons under restriction on an empty registry,
// and waits until the border node has them all. It returns one of them.
func (d *demo) seed(ctx context.Context, n int, kinds trex.Kinds) (*trex.Restriction, error) {
	gen := synth.New(demoSeed)
	var first *trex.Restriction
	existing := d.Border.Node.Stats().Restrictions
	if existing > 0 {
		n = 0 // seeded on an earlier start
	}
	for i := 0; i < n; i++ {
		a := demoAuthorities[i%len(demoAuthorities)]
		run := time.Duration(30+i%700) * 24 * time.Hour
		if k, ok := kinds.Lookup(demoKinds[a]); ok {
			run = min(run, k.MaxDuration())
		}
		r := &trex.Restriction{
			Person: gen.Person(), Kind: demoKinds[a], LegalBasis: demoBasis[a], Authority: a,
			ValidUntil: time.Now().Add(run),
		}
		if err := d.Registry.Service.CreateRestriction(ctx, r); err != nil {
			return nil, fmt.Errorf("seed: %w", err)
		}
		if first == nil {
			first = r
		}
	}
	if !waitFor(2*time.Minute, func() bool { return d.Border.Node.Stats().Restrictions >= existing+n }) {
		return nil, fmt.Errorf("seed: border node did not receive %d restrictions within 2 minutes", n)
	}
	if first == nil {
		d.Border.Node.Each(func(r *trex.Restriction) bool {
			if r.Status == trex.StatusActive {
				first = r
				return false
			}
			return true
		})
	}
	return first, nil
}

// printDemoHelp tells how to try the demo. Unless reveal is set it names no
// live token and no restricted person: the tokens are read from the
// owner-only file they were written to.
func printDemoHelp(w io.Writer, addr, dataDir string, d *demo, reveal bool) {
	st := d.Border.Node.Stats()
	jsonPath, envPath := demoTokenFiles(dataDir)
	fmt.Fprintf(w, "trex demo: registry, embedded NATS, border node %s and the API on http://%s\n", st.Node, addr)
	fmt.Fprintf(w, "Consoles: open http://%s/ in a browser and sign in with a token from %s (the officer's lands on the checkpoint)\n", addr, jsonPath)
	fmt.Fprintf(w, "%d restrictions in force at the border; API tokens (issuer, officer, supervisor, auditor, admin, carrier, subject) in %s and %s\n",
		st.Indexed, jsonPath, envPath)
	if d.NatsURL != "" && strings.HasPrefix(d.NatsURL, "tls://") {
		fmt.Fprintf(w, "exchange %s: mutual TLS with certificates from %s; trust list %s signed by %s\n",
			d.NatsURL, filepath.Join(dataDir, "pki"), filepath.Join(dataDir, "trust.json"), filepath.Join(dataDir, "root.pub"))
	}
	fmt.Fprintln(w)
	if reveal {
		fmt.Fprintf(w, "Try:\n")
		for _, line := range strings.Split(strings.TrimSpace(d.Tokens.env()), "\n")[1:] {
			fmt.Fprintf(w, "  %s\n", line)
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintf(w, "Try:\n  . %s    # sets $ISSUER, $OFFICER, $SUPERVISOR, $AUDITOR, $ADMIN, $CARRIER, $SUBJECT\n\n", envPath)
	}
	if r := d.Sample; reveal && r != nil && len(r.Person.Names) > 0 {
		n := r.Person.Names[0]
		sur, giv := romanize.ICAOName(n.Surname), romanize.ICAOName(n.Given)
		fmt.Fprintf(w, "  # %s, born %s, is under a %s restriction (%s).\n", n.String(), r.Person.BirthDate, r.Kind, r.ID)
		fmt.Fprintf(w, "  # Check the passport rendering of the name at the border:\n")
		fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer $OFFICER\" -H \"Content-Type: application/json\" http://%s/v1/checks -d '{\"traveller\": {\"schema\": \"Person\", \"properties\": {\"lastName\": [\"%s\"], \"firstName\": [\"%s\"], \"birthDate\": [\"%s\"]}}}'\n\n", addr, sur, giv, r.Person.BirthDate)
	}
	fmt.Fprintf(w, "  # Place a new restriction (as the district court):\n")
	fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer $ISSUER\" -H \"Content-Type: application/json\" http://%s/v1/restrictions -d '{\"person\": {\"schema\": \"Person\", \"properties\": {\"lastName\": [\"Петрова\"], \"firstName\": [\"Анна\"], \"fatherName\": [\"Сергеевна\"], \"birthDate\": [\"1990-04-12\"], \"gender\": [\"female\"]}}, \"kind\": \"court_order\", \"legal_basis\": \"Case 2-1234/2026\", \"valid_until\": \"%s\"}'\n",
		addr, time.Now().AddDate(1, 0, 0).UTC().Format("2006-01-02T15:04:05Z"))
	fmt.Fprintf(w, "  # then check it at the border:\n")
	fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer $OFFICER\" -H \"Content-Type: application/json\" http://%s/v1/checks -d '{\"traveller\": {\"schema\": \"Person\", \"properties\": {\"lastName\": [\"PETROVA\"], \"firstName\": [\"ANNA\"], \"birthDate\": [\"1990-04-12\"]}}}'\n", addr)
	fmt.Fprintf(w, "  # lift it with POST /v1/restrictions/{id}/lift {\"reason\": \"...\"}, and see its receipts with GET /v1/restrictions/{id}.\n")
	fmt.Fprintf(w, "  # A person's own view: curl -s -H \"Authorization: Bearer $SUBJECT\" http://%s/v1/me\n", addr)
	if !reveal {
		fmt.Fprintf(w, "  # (trex demo --reveal also prints a seeded restricted person to check.)\n")
	}
	fmt.Fprintf(w, "\nCtrl-C stops the demo; its data stays in %s, and a restart keeps its tokens.\n", dataDir)
}
