package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"trex/natsx"
	"trex/pki"
)

// runNATS runs the exchange on its own: a NATS server with JetStream that
// speaks only mutual TLS and admits the principals listed in a principals
// file (trex pki issue writes it), each with its role's permissions.
func runNATS(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("nats", flag.ContinueOnError)
	describe(fs, `Usage: trex nats --ca F --cert F --key F --principals FILE [flags]

Runs the exchange alone: NATS with JetStream, mutual TLS and per-role permissions.
`)
	listen := fs.String("listen", "127.0.0.1:4223", "address to listen on")
	data := fs.String("data", "./data/nats", "directory of the streams")
	ca := fs.String("ca", "", "CA certificate that signed the clients' certificates (required)")
	cert := fs.String("cert", "", "the server's certificate (trex pki issue --role server; required)")
	key := fs.String("key", "", "the server's key (required)")
	principals := fs.String("principals", "", "principals file listing the registries and border nodes admitted (required; reloaded on SIGHUP)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *ca == "" || *cert == "" || *key == "" || *principals == "" {
		return errors.New("nats: --ca, --cert, --key and --principals are required: the exchange admits only clients with a certificate from its CA")
	}
	host, portStr, err := net.SplitHostPort(*listen)
	if err != nil {
		return fmt.Errorf("nats: --listen: %w", err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return fmt.Errorf("nats: --listen: port %q: %w", portStr, err)
	}
	tlsConf, err := pki.ServerTLS(pki.Files{CA: *ca, Cert: *cert, Key: *key})
	if err != nil {
		return fmt.Errorf("nats: %w", err)
	}
	ps, err := pki.LoadPrincipals(*principals)
	if err != nil {
		return fmt.Errorf("nats: %w", err)
	}
	srv, err := natsx.RunServer(natsx.ServerConfig{StoreDir: *data, Host: host, Port: port, TLS: tlsConf, Principals: ps, Logging: true})
	if err != nil {
		return err
	}
	defer srv.Shutdown()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	fmt.Fprintf(os.Stderr, "trex exchange on %s (mutual TLS, %d principals)\n", srv.URL(), len(ps))
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-hup:
			ps, err := pki.LoadPrincipals(*principals)
			if err == nil {
				err = srv.SetPrincipals(ps)
			}
			if err != nil {
				log.Error("principals not reloaded; the previous list stays", "err", err)
				continue
			}
			log.Info("principals reloaded", "principals", len(ps))
		}
	}
}
