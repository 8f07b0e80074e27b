package pki

import (
	"crypto/tls"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// mustPKI creates a CA with a server certificate for 127.0.0.1 and a border
// client certificate in a temporary directory.
func mustPKI(t *testing.T) (dir string, server, client Files) {
	t.Helper()
	dir = t.TempDir()
	ca, err := InitCA(dir, "trex test CA")
	if err != nil {
		t.Fatal(err)
	}
	if server, err = ca.IssueTo(dir, Request{Name: "nats", Role: RoleServer, Hosts: []string{"127.0.0.1", "localhost"}}); err != nil {
		t.Fatal(err)
	}
	if client, err = ca.IssueTo(dir, Request{Name: "checkpoint-1", Role: RoleBorder}); err != nil {
		t.Fatal(err)
	}
	return dir, server, client
}

func TestIssueWritesKeysPrivatelyAndListsPrincipals(t *testing.T) {
	dir, server, client := mustPKI(t)
	for _, p := range []string{server.Key, client.Key, filepath.Join(dir, "ca.key")} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", p, st.Mode().Perm())
		}
	}
	ps, err := LoadPrincipals(PrincipalsFile(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0] != (Principal{Name: "checkpoint-1", Role: RoleBorder}) {
		t.Errorf("principals = %+v, want only the border node (servers are not principals)", ps)
	}
	cert, err := readCert(client.Cert)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cert.Subject.ToRDNSequence().String(), "CN=checkpoint-1,OU=border,O=trex"; got != want || ps[0].UserName() != want {
		t.Errorf("subject %q, user name %q, want %q", got, ps[0].UserName(), want)
	}
	if _, err := InitCA(dir, "again"); err == nil {
		t.Error("InitCA overwrote an existing CA")
	}
	if err := RemovePrincipal(PrincipalsFile(dir), "checkpoint-1"); err != nil {
		t.Fatal(err)
	}
	if ps, _ := LoadPrincipals(PrincipalsFile(dir)); len(ps) != 0 {
		t.Errorf("after removal principals = %+v", ps)
	}
}

func TestIssueRefusesBadRequests(t *testing.T) {
	ca, err := NewCA("t", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []Request{
		{Name: "Bad Name", Role: RoleBorder},
		{Name: "", Role: RoleBorder},
		{Name: "x", Role: "admin"},
		{Name: "nats", Role: RoleServer}, // no hosts
	} {
		if _, err := ca.Issue(req); err == nil {
			t.Errorf("Issue(%+v) succeeded", req)
		}
	}
}

func TestLoadRefusesMalformedFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ca.crt"), []byte("not pem"), 0o644)
	os.WriteFile(filepath.Join(dir, "ca.key"), []byte("not pem"), 0o600)
	if _, err := LoadCA(dir); err == nil {
		t.Error("LoadCA accepted garbage")
	}
	if _, err := ClientTLS(FilesFor(dir, "ca")); err == nil {
		t.Error("ClientTLS accepted garbage")
	}
	os.WriteFile(PrincipalsFile(dir), []byte(`[{"name":"x","role":"root"}]`), 0o644)
	if _, err := LoadPrincipals(PrincipalsFile(dir)); err == nil {
		t.Error("LoadPrincipals accepted an unknown role")
	}
}

// handshake runs a TLS server with srv and dials it with cli, returning the
// client-side error of a round trip and the server-side error.
func handshake(t *testing.T, srv, cli *tls.Config) (clientErr, serverErr error) {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", srv)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	done := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			done <- err
			return
		}
		defer c.Close()
		if err := c.(*tls.Conn).Handshake(); err != nil {
			done <- err
			return
		}
		_, err = c.Write([]byte("ok"))
		done <- err
	}()
	c, err := tls.Dial("tcp", ln.Addr().String(), cli)
	if err == nil {
		_, err = io.ReadFull(c, make([]byte, 2))
		c.Close()
	}
	return err, <-done
}

func TestMutualTLS(t *testing.T) {
	_, server, client := mustPKI(t)
	srv, err := ServerTLS(server)
	if err != nil {
		t.Fatal(err)
	}
	cli, err := ClientTLS(client)
	if err != nil {
		t.Fatal(err)
	}
	if cerr, serr := handshake(t, srv, cli); cerr != nil || serr != nil {
		t.Fatalf("valid client: client %v, server %v", cerr, serr)
	}

	// Attack: connect without a client certificate.
	noCert := cli.Clone()
	noCert.Certificates = nil
	if _, serr := handshake(t, srv, noCert); serr == nil {
		t.Error("server accepted a client without a certificate")
	}

	// Attack: a certificate from another CA with the same name and role.
	_, _, foreign := mustPKI(t)
	other, err := ClientTLS(Files{CA: client.CA, Cert: foreign.Cert, Key: foreign.Key})
	if err != nil {
		t.Fatal(err)
	}
	if _, serr := handshake(t, srv, other); serr == nil {
		t.Error("server accepted a client certificate signed by another CA")
	}

	// Attack: an expired certificate from the right CA.
	dir := filepath.Dir(client.CA)
	ca, err := LoadCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	ca.Now = func() time.Time { return time.Now().Add(-48 * time.Hour) }
	expired, err := ca.IssueTo(t.TempDir(), Request{Name: "old-node", Role: RoleBorder, ValidFor: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	stale, err := ClientTLS(Files{CA: client.CA, Cert: expired.Cert, Key: expired.Key})
	if err != nil {
		t.Fatal(err)
	}
	if _, serr := handshake(t, srv, stale); serr == nil {
		t.Error("server accepted an expired client certificate")
	}

	// Attack: a server with a certificate from another CA.
	_, foreignServer, _ := mustPKI(t)
	impostor, err := ServerTLS(Files{CA: server.CA, Cert: foreignServer.Cert, Key: foreignServer.Key})
	if err != nil {
		t.Fatal(err)
	}
	if cerr, _ := handshake(t, impostor, cli); cerr == nil {
		t.Error("client trusted a server certificate signed by another CA")
	}
}
