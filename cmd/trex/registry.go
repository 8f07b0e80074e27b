package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
	"trex/natsx"
	"trex/registry"
	"trex/sqlite"
)

// registryNode is the issuer's side, wired: store, signers, relay, expiry
// sweep and receipt recorder.
type registryNode struct {
	DB      *sqlite.DB
	Service *registry.Service
	Relay   *registry.Relay
	Signers map[string]*natsx.Signer
	Trust   *natsx.TrustList
	nc      *nats.Conn
	js      jetstream.JetStream
}

type registryConfig struct {
	DataDir     string
	NatsURL     string
	Authorities []string
	Log         *slog.Logger
}

// startRegistry opens the registry under cfg.DataDir, creates signing keys
// for each authority that has none, writes the trust list border nodes need
// (DataDir/trust.json), and runs the relay, expiry and receipts loops until
// ctx ends.
func startRegistry(ctx context.Context, cfg registryConfig, run func(name string, fn func(context.Context) error)) (*registryNode, error) {
	if err := os.MkdirAll(filepath.Join(cfg.DataDir, "keys"), 0o700); err != nil {
		return nil, err
	}
	db, err := sqlite.Open(filepath.Join(cfg.DataDir, "registry.db"))
	if err != nil {
		return nil, err
	}
	n := &registryNode{DB: db, Signers: map[string]*natsx.Signer{}, Trust: natsx.NewTrustList()}
	for _, a := range cfg.Authorities {
		if err := validAuthority(a); err != nil {
			return nil, err
		}
		s, err := natsx.LoadOrCreateSigner(filepath.Join(cfg.DataDir, "keys", a+".key"), a)
		if err != nil {
			return nil, err
		}
		n.Signers[a] = s
		n.Trust.Add(natsx.TrustedKey{Authority: a, PublicKey: s.Public()})
	}
	if err := natsx.WriteTrustList(filepath.Join(cfg.DataDir, "trust.json"), n.Trust); err != nil {
		return nil, fmt.Errorf("write trust list: %w", err)
	}
	n.nc, n.js, err = natsx.Connect(cfg.NatsURL, "trex-registry")
	if err != nil {
		return nil, err
	}
	if err := natsx.EnsureStreams(ctx, n.js); err != nil {
		return nil, err
	}
	publish := func(ctx context.Context, c trex.Change) error {
		s := n.Signers[c.Restriction.Authority]
		if s == nil {
			return fmt.Errorf("no signing key for authority %q", c.Restriction.Authority)
		}
		return (&natsx.Publisher{JS: n.js, Signer: s}).Publish(ctx, c)
	}
	n.Relay = registry.NewRelay(db, publish, cfg.Log)
	n.Service = &registry.Service{RestrictionService: db, Relay: n.Relay}
	exp := &registry.Expirer{Store: db, Log: cfg.Log, OnExpire: n.Relay.Kick}
	run("relay", n.Relay.Run)
	run("expiry", exp.Run)
	run("receipts", func(ctx context.Context) error {
		return natsx.ConsumeReceipts(ctx, n.js, "trex-registry", cfg.Log, db.RecordReceipt)
	})
	return n, nil
}

// Close releases the registry's connections.
func (n *registryNode) Close() {
	if n.nc != nil {
		n.nc.Drain()
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
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}
