package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
	"trex/audit"
	"trex/natsx"
	"trex/pki"
	"trex/postgres"
	"trex/registry"
	"trex/sqlite"
)

// registryNode is the issuer's side, wired: store, keyring, trust list,
// relay, expiry sweep and receipt recorder.
type registryNode struct {
	DB      registryStore
	Service *registry.Service
	Relay   *registry.Relay
	// Lifecycle lapses unreviewed restrictions and purges ended ones.
	Lifecycle *registry.Lifecycle
	// Keys holds the authorities' private keys; Trust is the signed list
	// that says which of them is current (reloaded when the file changes).
	Keys      *natsx.Keyring
	Trust     *natsx.TrustList
	TrustFile *natsx.TrustFile
	// Audit is the registry's audit log (DataDir/audit-registry.db): every
	// change published, subject request and token change.
	Audit *audit.Log
	// Witnesses are the border nodes' logs the registry witnesses.
	Witnesses *witnessSet
	nc        *nats.Conn
	js        jetstream.JetStream

	// BorderKeys are the border nodes' keys their check reports are
	// accepted under (their audit-border-ID.pub).
	BorderKeys *natsx.NodeKeys
}

// registryStore is what the registry needs of its database: embedded
// SQLite (DataDir/registry.db) by default, PostgreSQL when a URL is given.
type registryStore interface {
	trex.RestrictionService
	trex.Outbox
	trex.TokenService
	trex.SubjectService
	trex.LifecycleService
	trex.AccessLog
	trex.BatchReceipts
	Close() error
}

// openRegistryStore opens PostgreSQL at postgresURL, or else the SQLite
// database in dataDir.
// The store accepts restrictions of the given kinds.
func openRegistryStore(ctx context.Context, dataDir, postgresURL string, kinds trex.Kinds) (registryStore, error) {
	if postgresURL != "" {
		db, err := postgres.Open(ctx, postgresURL)
		if err == nil {
			db.Kinds = kinds
		}
		return db, err
	}
	db, err := sqlite.Open(filepath.Join(dataDir, "registry.db"))
	if err == nil {
		db.Kinds = kinds
	}
	return db, err
}

type registryConfig struct {
	// PostgresURL, when set, keeps the registry in PostgreSQL.
	PostgresURL string
	DataDir     string
	NatsURL     string
	Authorities []string
	// Kinds are the kinds of restriction accepted; empty: trex.DefaultKinds.
	Kinds trex.Kinds
	Log   *slog.Logger
	// TLS and Principal are the registry's client certificate for an
	// exchange that requires one (nil TLS: a plain connection).
	TLS       *tls.Config
	Principal pki.Principal
	// BorderKeyFiles are border nodes' public keys (audit-border-ID.pub):
	// check reports signed by one of them are recorded in the persons'
	// access logs; others are dropped.
	BorderKeyFiles []string
	// Replicas is how many copies of each stream the exchange keeps (0:
	// as natsx.Replicas decides).
	Replicas int
}

// startRegistry opens the registry under cfg.DataDir, prepares signing
// keys and the signed trust list border nodes need (DataDir/trust.json,
// verified with DataDir/root.pub), and runs the relay, expiry, receipts
// and trust-list loops until ctx ends.
func startRegistry(ctx context.Context, cfg registryConfig, run func(name string, fn func(context.Context) error)) (*registryNode, error) {
	for _, a := range cfg.Authorities {
		if err := validAuthority(a); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(filepath.Join(cfg.DataDir, "keys"), 0o700); err != nil {
		return nil, err
	}
	paths := trustPathsIn(cfg.DataDir)
	ring, rootPub, err := ensureTrust(paths, cfg.Authorities, cfg.Log)
	if err != nil {
		return nil, err
	}
	n := &registryNode{Keys: ring, Trust: natsx.NewTrustList(), BorderKeys: &natsx.NodeKeys{}}
	for _, f := range cfg.BorderKeyFiles {
		if err := addBorderKey(n.BorderKeys, f); err != nil {
			return nil, err
		}
	}
	n.TrustFile = &natsx.TrustFile{Path: paths.Trust, Root: rootPub, Trust: n.Trust, Log: cfg.Log,
		OnLoad: func(natsx.TrustListBody) {
			if err := ring.Reload(); err != nil {
				cfg.Log.Error("reload signing keys", "err", err)
			}
		}}
	if err := n.TrustFile.Load(); err != nil {
		return nil, err
	}
	if n.DB, err = openRegistryStore(ctx, cfg.DataDir, cfg.PostgresURL, cfg.Kinds); err != nil {
		return nil, err
	}
	if n.Audit, err = audit.OpenDir(cfg.DataDir, "registry"); err != nil {
		n.DB.Close()
		return nil, err
	}
	if cfg.TLS != nil && cfg.Principal.Name == "" {
		cfg.Principal = pki.Principal{Name: "registry", Role: pki.RoleRegistry}
	}
	// The registry starts while the exchange cannot be reached: writes are
	// committed with their outbox rows and published once the streams are
	// in place (streamsReady); until then its readiness fails on the
	// outbox's age.
	n.nc, n.js, err = natsx.Connect(cfg.NatsURL, "trex-registry", append(natsx.Credentials(cfg.TLS, cfg.Principal), natsx.KeepTrying())...)
	if err != nil {
		n.Close()
		return nil, err
	}
	// With the exchange up the streams are in place before the registry
	// serves, as a client of the exchange may expect; without, they are set
	// up in the background once it answers.
	streamsReady := make(chan struct{})
	switch err := natsx.EnsureStreamsReplicated(ctx, n.js, cfg.Replicas); {
	case err == nil:
		close(streamsReady)
	case natsx.Unreachable(n.js, err):
		run("streams", func(ctx context.Context) error {
			if err := natsx.KeepStreams(ctx, n.js, cfg.Replicas, cfg.Log); err != nil {
				return err
			}
			close(streamsReady)
			return nil
		})
	default:
		n.Close()
		return nil, err
	}
	afterStreams := func(fn func(context.Context) error) func(context.Context) error {
		return func(ctx context.Context) error {
			select {
			case <-streamsReady:
				return fn(ctx)
			case <-ctx.Done():
				return nil
			}
		}
	}
	signer := func(c trex.Change) (*natsx.Publisher, error) {
		s, err := n.Keys.Current(c.Restriction.Authority, n.Trust, time.Now())
		if err != nil {
			return nil, err
		}
		return &natsx.Publisher{JS: n.js, Signer: s}, nil
	}
	publish := func(ctx context.Context, c trex.Change) error {
		p, err := signer(c)
		if err != nil {
			return err
		}
		crashPoint("registry.before-publish") // committed, not yet published
		return p.Publish(ctx, c)
	}
	db := n.DB
	n.Relay = registry.NewRelay(db, publish, cfg.Log)
	// Many changes wait for the exchange's acknowledgement at once.
	n.Relay.Send = func(ctx context.Context, c trex.Change) func() error {
		p, err := signer(c)
		if err != nil {
			return func() error { return err }
		}
		crashPoint("registry.before-publish") // committed, not yet published
		return p.Send(ctx, c)
	}
	// Recorded once published, a batch in one append; a failed record is
	// retried with the publication, which border nodes apply once.
	n.Relay.Published = func(ctx context.Context, cs []trex.Change) error {
		crashPointN("registry.after-publish", len(cs)) // published, not yet marked so
		return recordChangesMade(ctx, n.Audit, cs)
	}
	n.Service = &registry.Service{RestrictionService: db, Relay: n.Relay,
		CanSign: func(authority string) error { return n.Keys.CanSign(authority, n.Trust, time.Now()) }}
	exp := &registry.Expirer{Store: db, Log: cfg.Log, OnExpire: n.Relay.Kick}
	run("relay", afterStreams(n.Relay.Run))
	run("expiry", exp.Run)
	n.Lifecycle = &registry.Lifecycle{Store: db, Log: cfg.Log, Purged: recordPurge(n.Audit, "registry"), OnChange: n.Relay.Kick}
	run("lifecycle", n.Lifecycle.Run)
	eq := &registry.Equivalence{Store: db}
	if sampler, ok := db.(trex.InForceSampler); ok {
		eq.Sampler = sampler
	}
	run("replica equivalence", func(ctx context.Context) error {
		return natsx.ServeEquivalence(ctx, n.nc, cfg.Log, eq.Answer)
	})
	run("receipts", afterStreams(func(ctx context.Context) error {
		// The receipts that arrive together are recorded together.
		return natsx.ConsumeReceiptBatches(ctx, n.js, natsx.RegistryDurable, cfg.Log, db.RecordReceipts)
	}))
	run("check reports", afterStreams(func(ctx context.Context) error {
		return natsx.ConsumeCheckReports(ctx, n.js, natsx.RegistryCheckReportsDurable, n.BorderKeys, cfg.Log, recordCheckReport(db))
	}))
	run("trust list", func(ctx context.Context) error { return n.TrustFile.Run(ctx, nil) })
	return n, nil
}

// Close releases the registry's connections.
func (n *registryNode) Close() {
	if n.nc != nil {
		n.nc.Drain()
	}
	if n.Audit != nil {
		n.Audit.Close()
	}
	n.DB.Close()
}

func validAuthority(a string) error {
	if a == "" || strings.Trim(a, "abcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		return fmt.Errorf("authority %q: use lower-case letters, digits, - and _", a)
	}
	return nil
}

// waitFor polls cond every 10ms until it is true or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	return pollUntil(d, 10*time.Millisecond, cond)
}

// pollUntil polls cond every interval until it is true or d passes.
func pollUntil(d, every time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(every)
	}
	return true
}
