// Package natsx carries restriction changes from the registry to border
// nodes over NATS JetStream: an embedded server for single-machine runs,
// the streams, signed envelopes, the publisher, the border consumers and the
// delivery receipts that flow back.
//
// It knows the wire and the trust rules, not the registry or the index:
// callers hand it trex.Change values and get verified ones back.
package natsx

import (
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// EmbeddedServer is a NATS server with JetStream running inside the trex
// process, storing its streams under a data directory.
type EmbeddedServer struct {
	srv *server.Server
}

// RunEmbedded starts a NATS server with JetStream on 127.0.0.1 (port 0 picks
// a free one), storing streams under storeDir, and waits until it accepts
// connections.
func RunEmbedded(storeDir string, port int) (*EmbeddedServer, error) {
	if err := os.MkdirAll(storeDir, 0o700); err != nil {
		return nil, fmt.Errorf("nats store dir: %w", err)
	}
	if port == 0 {
		port = server.RANDOM_PORT
	}
	opts := &server.Options{
		ServerName: "trex-embedded",
		Host:       "127.0.0.1",
		Port:       port,
		JetStream:  true,
		StoreDir:   storeDir,
		NoSigs:     true,
		NoLog:      true,
		MaxPayload: 4 << 20,
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(15 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("embedded nats: not ready within 15s")
	}
	return &EmbeddedServer{srv: srv}, nil
}

// URL is the client URL of the server.
func (e *EmbeddedServer) URL() string { return e.srv.ClientURL() }

// Shutdown stops the server and waits for it.
func (e *EmbeddedServer) Shutdown() {
	e.srv.Shutdown()
	e.srv.WaitForShutdown()
}
