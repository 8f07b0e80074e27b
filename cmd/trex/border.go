package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	thttp "trex/http"
	"trex/natsx"
)

func runBorder(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("border", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8081", "address of the border node's API")
	data := fs.String("data", "./data", "data directory (border-<id>.db)")
	id := fs.String("id", "checkpoint-1", "this node's name (letters, digits, - and _)")
	natsURL := fs.String("nats", "nats://127.0.0.1:4222", "NATS URL(s) of the exchange, comma-separated")
	trust := fs.String("trust", "", "trust list of issuer keys (the registry writes DATA/trust.json); required")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *trust == "" {
		return errors.New("border: --trust FILE is required: a border node applies only changes signed by keys it trusts")
	}
	if err := validAuthority(*id); err != nil {
		return fmt.Errorf("border: --id: %w", err)
	}
	tl, err := natsx.ReadTrustList(*trust)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*data, 0o700); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	g := newGroup(ctx, log)
	b, err := startBorder(g.ctx, borderConfig{ID: *id, DataDir: *data, NatsURL: *natsURL, Trust: tl, Log: log}, g.Go)
	if err != nil {
		return err
	}
	defer b.Close()
	api := &thttp.Server{Checks: b.Node, CheckLog: b.DB, Tokens: b.DB, Node: b.Node.ID, Log: log, Health: borderHealth(b)}
	ready := make(chan string, 1)
	g.Go("api", func(ctx context.Context) error { return serveHTTP(ctx, *addr, api.Handler(), ready) })
	select {
	case a := <-ready:
		fmt.Fprintf(os.Stderr, "trex border node %s API on http://%s (nats %s)\n", *id, a, *natsURL)
	case <-g.ctx.Done():
	}
	return g.Wait()
}

// borderHealth reports the node's freshness for /healthz.
func borderHealth(b *borderNode) func(context.Context) map[string]any {
	return func(context.Context) map[string]any {
		st := b.Node.Stats()
		return map[string]any{"border": st}
	}
}
