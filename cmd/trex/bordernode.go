package main

import (
	"context"
	"crypto/ed25519"
	"crypto/tls"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
	"trex/audit"
	"trex/border"
	"trex/natsx"
	"trex/pki"
	"trex/screening"
	"trex/sqlite"
)

// borderNode is a border node, wired: replica, matcher, trust list,
// follower, receipts.
type borderNode struct {
	DB        *sqlite.DB
	Node      *border.Node
	Trust     *natsx.TrustList
	TrustFile *natsx.TrustFile
	// Audit is the node's audit log (DataDir/audit-border-ID.db): every
	// change applied, check, resolution and token change.
	Audit *audit.Log
	// Witnesses are the other nodes' logs this node witnesses.
	Witnesses *witnessSet
	// SelfCheck compares the replica with the registry's view (nil when
	// not configured).
	SelfCheck *border.SelfCheck
	nc        *nats.Conn
	js        jetstream.JetStream
}

type borderConfig struct {
	ID      string
	DataDir string
	NatsURL string
	// TrustPath is the signed trust list, verified with Root and reloaded
	// when it changes or Reload receives.
	TrustPath string
	Root      ed25519.PublicKey
	Reload    <-chan os.Signal
	// TLS is the node's client certificate for an exchange that requires
	// one (nil: a plain connection).
	TLS *tls.Config
	// KeyGrace holds back fresh envelopes signed by a key not yet on the
	// node's trust list (see natsx.Follower.KeyGrace).
	KeyGrace time.Duration
	// Retention is how long the node keeps an ended restriction (see
	// border.Node.Retention; zero: border.DefaultRetention).
	Retention time.Duration
	Log       *slog.Logger
	// JSDomain is the exchange's JetStream domain, for a node whose server
	// (a site's leaf node) runs no JetStream; SiteMirror is the exchange's
	// domain when the site's leaf node runs JetStream and keeps a mirror
	// the node follows (natsx.EnsureSiteMirror).
	JSDomain, SiteMirror string
	// EquivalenceEvery is how often the node compares a sample of its
	// replica with the registry's view (border.SelfCheck); zero: never.
	EquivalenceEvery time.Duration
}

// startBorder loads the signed trust list (refusing one older than the
// node has had, DataDir/border-<id>.trust-serial), opens the node's replica
// (DataDir/border-<id>.db), loads it into the matcher, and follows the
// restrictions stream until ctx ends.
func startBorder(ctx context.Context, cfg borderConfig, run func(name string, fn func(context.Context) error)) (*borderNode, error) {
	b := &borderNode{Trust: natsx.NewTrustList()}
	b.TrustFile = &natsx.TrustFile{Path: cfg.TrustPath, Root: cfg.Root, Trust: b.Trust, Log: cfg.Log,
		SerialPath: filepath.Join(cfg.DataDir, "border-"+cfg.ID+".trust-serial")}
	if err := b.TrustFile.Load(); err != nil {
		return nil, fmt.Errorf("border %s: %w", cfg.ID, err)
	}
	db, err := sqlite.Open(filepath.Join(cfg.DataDir, "border-"+cfg.ID+".db"))
	if err != nil {
		return nil, err
	}
	b.DB = db
	if b.Audit, err = audit.OpenDir(cfg.DataDir, "border-"+cfg.ID); err != nil {
		db.Close()
		return nil, err
	}
	me := pki.Principal{Name: cfg.ID, Role: pki.RoleBorder}
	// A node started while its link is down answers from its replica and
	// follows once the exchange can be reached.
	b.nc, b.js, err = natsx.ConnectDomain(cfg.NatsURL, "trex-border-"+cfg.ID, cfg.JSDomain,
		append(natsx.Credentials(cfg.TLS, me), natsx.KeepTrying())...)
	if err != nil {
		b.Close()
		return nil, err
	}
	b.Node = &border.Node{
		ID:       cfg.ID,
		Replica:  db,
		Matcher:  screening.New(),
		Log:      cfg.Log,
		Snapshot: filepath.Join(cfg.DataDir, "border-"+cfg.ID+".snapshot"),
		Applied: func(ctx context.Context, r *trex.Restriction) error {
			crashPoint("border.after-replica") // in the replica, not yet indexed nor acknowledged
			return recordChangeApplied(b.Audit, cfg.ID)(ctx, r)
		},
		Receipts: func(ctx context.Context, rc trex.Receipt) error {
			return natsx.PublishReceipt(ctx, b.js, rc)
		},
		// A batch of changes is recorded in one append and its receipts
		// sent together.
		AppliedBatch: func(ctx context.Context, rs []*trex.Restriction) error {
			crashPointN("border.after-replica", len(rs)) // in the replica, not yet indexed nor acknowledged
			return recordChangesApplied(b.Audit, cfg.ID)(ctx, rs)
		},
		ReceiptBatch: func(ctx context.Context, rcs []trex.Receipt) error {
			return natsx.PublishReceipts(ctx, b.js, rcs)
		},
	}
	b.Node.Retention, b.Node.Purged = cfg.Retention, recordPurge(b.Audit, cfg.ID)
	if err := b.Node.Open(ctx); err != nil {
		b.Close()
		return nil, err
	}
	f := &natsx.Follower{JS: b.js, Durable: natsx.BorderDurable(cfg.ID), Trust: b.Trust, Apply: b.Node, Log: cfg.Log, KeyGrace: cfg.KeyGrace, Mirror: cfg.SiteMirror != "",
		Snapshot: true}
	reporter := &border.CheckReporter{Node: cfg.ID, Checks: db, Log: cfg.Log,
		PositionPath: filepath.Join(cfg.DataDir, "border-"+cfg.ID+".reported"),
		Publish: func(ctx context.Context, r trex.CheckReport) error {
			return natsx.PublishCheckReport(ctx, b.js, b.Audit.Keys.Signer, r)
		}}
	run("check reports", reporter.Run)
	run("trust list", func(ctx context.Context) error { return b.TrustFile.Run(ctx, cfg.Reload) })
	run("follower", func(ctx context.Context) error {
		if cfg.SiteMirror != "" {
			if err := natsx.KeepSiteMirror(ctx, b.js, cfg.SiteMirror, cfg.Log); err != nil {
				return err
			}
		}
		return f.Run(ctx)
	})
	if cfg.EquivalenceEvery > 0 {
		b.SelfCheck = &border.SelfCheck{Node: b.Node, Interval: cfg.EquivalenceEvery, Log: cfg.Log,
			Ask: func(ctx context.Context, req trex.EquivalenceRequest) (trex.EquivalenceAnswer, error) {
				return natsx.AskEquivalence(ctx, b.nc, req)
			}}
		run("replica equivalence", b.SelfCheck.Run)
	}
	run("retention", func(ctx context.Context) error { return b.Node.RunPurge(ctx, time.Hour) })
	run("snapshot", func(ctx context.Context) error { return b.Node.RunSnapshots(ctx, border.DefaultSnapshotEvery) })
	return b, nil
}

// Close releases the node's connections.
func (b *borderNode) Close() {
	if b.nc != nil {
		b.nc.Drain()
	}
	if b.Audit != nil {
		b.Audit.Close()
	}
	b.DB.Close()
}
