package main

import (
	"context"
	"log/slog"
	"path/filepath"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
	"trex/border"
	"trex/natsx"
	"trex/screening"
	"trex/sqlite"
)

// borderNode is a border node, wired: replica, matcher, follower, receipts.
type borderNode struct {
	DB   *sqlite.DB
	Node *border.Node
	nc   *nats.Conn
	js   jetstream.JetStream
}

type borderConfig struct {
	ID      string
	DataDir string
	NatsURL string
	Trust   *natsx.TrustList
	Log     *slog.Logger
}

// startBorder opens the node's replica (DataDir/border-<id>.db), loads it
// into the matcher, and follows the restrictions stream until ctx ends.
func startBorder(ctx context.Context, cfg borderConfig, run func(name string, fn func(context.Context) error)) (*borderNode, error) {
	db, err := sqlite.Open(filepath.Join(cfg.DataDir, "border-"+cfg.ID+".db"))
	if err != nil {
		return nil, err
	}
	b := &borderNode{DB: db}
	b.nc, b.js, err = natsx.Connect(cfg.NatsURL, "trex-border-"+cfg.ID)
	if err != nil {
		db.Close()
		return nil, err
	}
	if err := natsx.EnsureStreams(ctx, b.js); err != nil {
		b.Close()
		return nil, err
	}
	b.Node = &border.Node{
		ID:      cfg.ID,
		Replica: db,
		Matcher: screening.New(),
		Log:     cfg.Log,
		Receipts: func(ctx context.Context, rc trex.Receipt) error {
			return natsx.PublishReceipt(ctx, b.js, rc)
		},
	}
	if err := b.Node.Open(ctx); err != nil {
		b.Close()
		return nil, err
	}
	f := &natsx.Follower{JS: b.js, Durable: "trex-border-" + cfg.ID, Trust: cfg.Trust, Apply: b.Node, Log: cfg.Log}
	run("follower", f.Run)
	return b, nil
}

// Close releases the node's connections.
func (b *borderNode) Close() {
	if b.nc != nil {
		b.nc.Drain()
	}
	b.DB.Close()
}
