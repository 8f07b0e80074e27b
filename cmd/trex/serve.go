package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	thttp "trex/http"
)

func runServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address of the registry API")
	data := fs.String("data", "./data", "data directory (registry.db, keys/, trust.json)")
	natsURL := fs.String("nats", "", "NATS URL(s), comma-separated; empty runs an embedded server under DATA/nats")
	authorities := fs.String("authorities", "mil-registration,district-court,bailiff-service", "issuing authorities this registry signs for, comma-separated")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	g := newGroup(ctx, log)
	url, stopNats, err := exchangeURL(*natsURL, *data)
	if err != nil {
		return err
	}
	defer stopNats()
	reg, err := startRegistry(g.ctx, registryConfig{
		DataDir: *data, NatsURL: url, Authorities: splitList(*authorities), Log: log,
	}, g.Go)
	if err != nil {
		return err
	}
	defer reg.Close()
	api := &thttp.Server{Registry: reg.Service, Subjects: reg.DB, Tokens: reg.DB, Log: log}
	ready := make(chan string, 1)
	g.Go("api", func(ctx context.Context) error { return serveHTTP(ctx, *addr, api.Handler(), ready) })
	select {
	case a := <-ready:
		fmt.Fprintf(os.Stderr, "trex registry API on http://%s (nats %s, trust list %s/trust.json)\n", a, url, *data)
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
