package main

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"path/filepath"

	"trex/natsx"
	"trex/pki"
)

// exchangeURL returns the NATS URL to use: the given one(s), or a plain
// embedded server on loopback storing its streams under dataDir/nats, with
// a function to stop it.
func exchangeURL(urls, dataDir string) (string, func(), error) {
	if urls != "" {
		return urls, func() {}, nil
	}
	srv, err := natsx.RunEmbedded(filepath.Join(dataDir, "nats"), 0)
	if err != nil {
		return "", nil, err
	}
	return srv.URL(), srv.Shutdown, nil
}

// tlsFlags are a process's client certificate for the exchange.
type tlsFlags struct{ ca, cert, key *string }

func addTLSFlags(fs *flag.FlagSet) tlsFlags {
	return tlsFlags{
		ca:   fs.String("ca", "", "CA certificate that signed the exchange's certificate (trex pki init); with --cert and --key, connect with mutual TLS"),
		cert: fs.String("cert", "", "this process's client certificate (trex pki issue)"),
		key:  fs.String("key", "", "this process's client key"),
	}
}

// load returns the client TLS config and the principal the certificate
// names, or nil when no flag was given (a plain exchange). The certificate
// must carry role.
func (f tlsFlags) load(role pki.Role) (*tls.Config, pki.Principal, error) {
	files := pki.Files{CA: *f.ca, Cert: *f.cert, Key: *f.key}
	if files == (pki.Files{}) {
		return nil, pki.Principal{}, nil
	}
	if files.CA == "" || files.Cert == "" || files.Key == "" {
		return nil, pki.Principal{}, errors.New("--ca, --cert and --key go together: give all three, or none for a plain exchange")
	}
	p, err := pki.PrincipalOf(files.Cert)
	if err != nil {
		return nil, pki.Principal{}, err
	}
	if p.Role != role {
		return nil, pki.Principal{}, fmt.Errorf("certificate %s is a %s's, not a %s's: issue one with trex pki issue --role %s", files.Cert, p.Role, role, role)
	}
	conf, err := pki.ClientTLS(files)
	if err != nil {
		return nil, pki.Principal{}, err
	}
	return conf, p, nil
}
