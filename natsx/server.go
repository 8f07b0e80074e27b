// Package natsx carries restriction changes from the registry to border
// nodes over NATS JetStream: an embedded server for single-machine runs,
// the streams, signed envelopes, the publisher, the border consumers and the
// delivery receipts that flow back.
//
// It also holds the exchange's trust rules. On the wire: a server that
// speaks only mutual TLS maps each client certificate to a registry or a
// border node with just the permissions of that role (permissions.go). On
// the content: each authority signs its changes with keys listed in a trust
// list that a root key signs, with validity windows, rotation and
// revocation (trustlist.go, trustfile.go, rotation.go); a border node
// refuses anything forged, out of window, revoked, misrouted or replayed
// (envelope.go, consume.go).
//
// It knows the wire and the trust rules, not the registry or the index:
// callers hand it trex.Change values and get verified ones back. It does
// not decide who gets a certificate (package pki) or a key (trex keys).
package natsx

import (
	"crypto/tls"
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"trex/pki"
)

// EmbeddedServer is a NATS server with JetStream running inside the trex
// process, storing its streams under a data directory.
type EmbeddedServer struct {
	srv  *server.Server
	opts *server.Options
}

// ServerConfig configures an embedded exchange server.
type ServerConfig struct {
	StoreDir string
	// Host and Port to listen on (default 127.0.0.1 and a free port).
	Host string
	Port int
	// TLS, when set, makes the server speak only TLS, require a client
	// certificate the config verifies, and map it by subject to one of
	// Principals; a client whose certificate names no principal is
	// refused. When nil the server is plain and open (loopback demos and
	// tests only).
	TLS        *tls.Config
	Principals []pki.Principal
	// Logging, when set, has the server log to stderr (refused
	// connections and permission violations among it).
	Logging bool
}

// RunEmbedded starts a plain NATS server with JetStream on 127.0.0.1 (port
// 0 picks a free one), storing streams under storeDir.
func RunEmbedded(storeDir string, port int) (*EmbeddedServer, error) {
	return RunServer(ServerConfig{StoreDir: storeDir, Port: port})
}

// RunServer starts a NATS server with JetStream as cfg says, and waits
// until it accepts connections.
func RunServer(cfg ServerConfig) (*EmbeddedServer, error) {
	if err := os.MkdirAll(cfg.StoreDir, 0o700); err != nil {
		return nil, fmt.Errorf("nats store dir: %w", err)
	}
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if cfg.Port == 0 {
		cfg.Port = server.RANDOM_PORT
	}
	opts := &server.Options{
		ServerName: "trex-embedded",
		Host:       cfg.Host,
		Port:       cfg.Port,
		JetStream:  true,
		StoreDir:   cfg.StoreDir,
		NoSigs:     true,
		NoLog:      true,
		MaxPayload: 4 << 20,
	}
	if cfg.TLS != nil {
		users, err := Users(cfg.Principals)
		if err != nil {
			return nil, fmt.Errorf("embedded nats: %w", err)
		}
		opts.TLSConfig = cfg.TLS
		opts.TLSVerify = true
		opts.TLSMap = true
		opts.TLSTimeout = 5
		opts.Users = users
	}
	if cfg.Logging {
		opts.NoLog = false
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	if cfg.Logging {
		srv.ConfigureLogger()
	}
	go srv.Start()
	if !srv.ReadyForConnections(15 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("embedded nats: not ready within 15s")
	}
	return &EmbeddedServer{srv: srv, opts: opts}, nil
}

// SetPrincipals replaces the users of a TLS server with ps; connected
// clients that no longer map to a user are disconnected.
func (e *EmbeddedServer) SetPrincipals(ps []pki.Principal) error {
	if e.opts.TLSConfig == nil {
		return fmt.Errorf("embedded nats: principals need a TLS server")
	}
	users, err := Users(ps)
	if err != nil {
		return err
	}
	opts := e.opts.Clone()
	opts.Users = users
	if err := e.srv.ReloadOptions(opts); err != nil {
		return fmt.Errorf("embedded nats: reload principals: %w", err)
	}
	e.opts = opts
	return nil
}

// URL is the client URL of the server.
func (e *EmbeddedServer) URL() string { return e.srv.ClientURL() }

// Shutdown stops the server and waits for it.
func (e *EmbeddedServer) Shutdown() {
	e.srv.Shutdown()
	e.srv.WaitForShutdown()
}
