package main

import (
	"crypto/tls"
	"fmt"
	"path/filepath"

	"trex/natsx"
	"trex/pki"
)

// demoExchange is the demo's embedded NATS server speaking only mutual
// TLS, with the client credentials of the demo's registry and border node.
type demoExchange struct {
	URL         string
	Stop        func()
	RegistryTLS *tls.Config
	BorderTLS   *tls.Config
}

// startDemoExchange creates the demo's CA under dataDir/pki on first start
// (a server certificate for 127.0.0.1, client certificates for the
// registry and the border node borderID), and runs the embedded server
// requiring a verified client certificate that maps to a principal.
func startDemoExchange(dataDir, borderID string) (*demoExchange, error) {
	dir := filepath.Join(dataDir, "pki")
	ca, err := pki.LoadOrInitCA(dir, "trex demo CA")
	if err != nil {
		return nil, err
	}
	reqs := []pki.Request{
		{Name: "nats", Role: pki.RoleServer, Hosts: []string{"127.0.0.1", "localhost"}},
		{Name: "registry", Role: pki.RoleRegistry},
		{Name: borderID, Role: pki.RoleBorder},
	}
	for _, r := range reqs {
		if pki.FilesFor(dir, r.Name).Exist() {
			continue
		}
		if _, err := ca.IssueTo(dir, r); err != nil {
			return nil, fmt.Errorf("demo pki: %w", err)
		}
	}
	serverTLS, err := pki.ServerTLS(pki.FilesFor(dir, "nats"))
	if err != nil {
		return nil, err
	}
	principals, err := pki.LoadPrincipals(pki.PrincipalsFile(dir))
	if err != nil {
		return nil, err
	}
	srv, err := natsx.RunServer(natsx.ServerConfig{StoreDir: filepath.Join(dataDir, "nats"), TLS: serverTLS, Principals: principals})
	if err != nil {
		return nil, err
	}
	x := &demoExchange{URL: srv.URL(), Stop: srv.Shutdown}
	if x.RegistryTLS, err = pki.ClientTLS(pki.FilesFor(dir, "registry")); err == nil {
		x.BorderTLS, err = pki.ClientTLS(pki.FilesFor(dir, borderID))
	}
	if err != nil {
		srv.Shutdown()
		return nil, err
	}
	return x, nil
}
