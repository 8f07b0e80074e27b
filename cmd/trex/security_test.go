package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"trex"
	"trex/natsx"
	"trex/pki"
)

// demoBorderCreds connects to the demo's exchange as its border node.
func demoBorderCreds(t *testing.T, td *testDemo) (*tls.Config, pki.Principal) {
	t.Helper()
	conf, err := pki.ClientTLS(pki.FilesFor(filepath.Join(td.dir, "pki"), demoBorderID))
	if err != nil {
		t.Fatal(err)
	}
	return conf, pki.Principal{Name: demoBorderID, Role: pki.RoleBorder}
}

func TestDemoExchangeAdmitsOnlyCertifiedPrincipals(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	ctx := context.Background()

	// Attack: connect with no client certificate (trusting the server).
	caPEM, err := os.ReadFile(filepath.Join(td.dir, "pki", "ca.crt"))
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	if nc, _, err := natsx.Connect(td.NatsURL, "no-cert", nats.Secure(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS13}), nats.Timeout(3*time.Second)); err == nil {
		nc.Close()
		t.Fatal("a client without a certificate connected to the demo exchange")
	}
	// Attack: a certificate with the border node's name from another CA.
	other, err := pki.InitCA(filepath.Join(t.TempDir(), "other"), "rogue CA")
	if err != nil {
		t.Fatal(err)
	}
	rogueDir := filepath.Join(t.TempDir(), "rogue")
	os.MkdirAll(rogueDir, 0o700)
	rf, err := other.IssueTo(rogueDir, pki.Request{Name: demoBorderID, Role: pki.RoleBorder})
	if err != nil {
		t.Fatal(err)
	}
	rogueConf, err := pki.ClientTLS(pki.Files{CA: filepath.Join(td.dir, "pki", "ca.crt"), Cert: rf.Cert, Key: rf.Key})
	if err != nil {
		t.Fatal(err)
	}
	if nc, _, err := natsx.Connect(td.NatsURL, "rogue", append(natsx.Credentials(rogueConf, pki.Principal{Name: demoBorderID, Role: pki.RoleBorder}), nats.Timeout(3*time.Second))...); err == nil {
		nc.Close()
		t.Fatal("a certificate from another CA connected to the demo exchange")
	}

	// Attack: the border node's own credential publishes a restriction. The
	// envelope is validly signed by the issuer's key, so only the exchange's
	// permissions stand in the way.
	conf, me := demoBorderCreds(t, td)
	violations := make(chan error, 4)
	nc, js, err := natsx.Connect(td.NatsURL, "stolen-border-credential", append(natsx.Credentials(conf, me),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { violations <- err }))...)
	if err != nil {
		t.Fatalf("the border node's own certificate: %v", err)
	}
	defer nc.Close()
	forged := trex.Restriction{ID: "FORGED1", Person: trex.Person{Names: []trex.Name{{Surname: "Forged", Given: "Person"}}},
		Kind: trex.KindCourtOrder, LegalBasis: "none", Authority: "district-court", Status: trex.StatusActive, Version: 1,
		ValidUntil: time.Now().Add(time.Hour)}
	sealed, err := currentSigner(t, td, "district-court").Seal(trex.Change{Seq: 1, Restriction: forged, At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	err = natsx.PublishRaw(pctx, js, "district-court", forged.ID, "forged-1", sealed)
	cancel()
	if err == nil {
		t.Fatal("the border credential published a restriction")
	}
	select {
	case v := <-violations:
		if !errors.Is(v, nats.ErrPermissionViolation) {
			t.Errorf("publish refused with %v, want a permissions violation", v)
		}
	case <-time.After(2 * time.Second):
		t.Errorf("publish failed (%v) without a permissions violation", err)
	}
	sentinel(t, td, 1)
	if td.Border.Node.Restriction(forged.ID) != nil {
		t.Error("the restriction published with a border credential reached the border")
	}
}

// keys runs trex keys with args on the demo's data directory.
func keys(t *testing.T, td *testDemo, args ...string) {
	t.Helper()
	if err := runKeys(context.Background(), append(args[:1:1], append([]string{"--data", td.dir}, args[1:]...)...)); err != nil {
		t.Fatalf("trex keys %v: %v", args, err)
	}
}

// waitSerial waits until both the registry and the border node have loaded
// the trust list with serial.
func waitSerial(t *testing.T, td *testDemo, serial int64) {
	t.Helper()
	if !waitFor(5*time.Second, func() bool {
		return td.Border.Trust.Serial() == serial && td.Registry.Trust.Serial() == serial
	}) {
		t.Fatalf("trust list serial: border %d, registry %d; want %d within 5s", td.Border.Trust.Serial(), td.Registry.Trust.Serial(), serial)
	}
}

func TestKeyRotationAndRevocationReachTheBorder(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	ctx := context.Background()
	id := createRestriction(t, td, issuerView)
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, time.Second); ans.Decision != trex.Hit {
		t.Fatalf("setup: decision %q, want hit", ans.Decision)
	}
	r, err := td.Registry.DB.FindRestriction(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	serial := td.Border.Trust.Serial()
	old := currentSigner(t, td, "district-court")

	// Rotate: a new key at once, the old one valid for another hour.
	keys(t, td, "rotate", "--authority", "district-court", "--activate-in", "0s", "--overlap", "1h")
	waitSerial(t, td, serial+1)
	fresh := currentSigner(t, td, "district-court")
	if fresh.ID() == old.ID() {
		t.Fatal("the registry still signs with the old key after rotation")
	}
	second := entity(map[string][]string{"lastName": {"Орлова"}, "firstName": {"Мария"}, "birthDate": {"1979-03-30"}})
	id2 := createRestriction(t, td, second)
	if !waitFor(3*time.Second, func() bool { return td.Border.Node.Restriction(id2) != nil }) {
		t.Fatal("a change signed with the new key did not reach the border")
	}
	// Inside the overlap the old key still verifies (a change in flight
	// when the registry switched).
	lift := *r
	lift.Status, lift.Version = trex.StatusLifted, r.Version+1
	inFlight, err := old.Seal(trex.Change{Seq: 900, Restriction: lift, At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := td.Border.Trust.Open(inFlight); err != nil {
		t.Errorf("old key inside its overlap: %v", err)
	}

	// Revoke the old key: refused at once, though inside its window.
	keys(t, td, "revoke", "--key-id", old.ID(), "--reason", "leaked")
	waitSerial(t, td, serial+2)
	if err := natsx.PublishRaw(ctx, td.Registry.js, r.Authority, r.ID, "revoked-lift", inFlight); err != nil {
		t.Fatal(err)
	}
	sentinel(t, td, 1)
	if got := td.Border.Node.RefusedFor("revoked_key"); got != 1 {
		t.Errorf("refused for revoked key %d times, want 1", got)
	}
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, 0); ans.Decision != trex.Hit {
		t.Errorf("a lift signed by a revoked key took effect: decision %q", ans.Decision)
	}

	// Revoke the new key too: the registry has nothing to sign with, so a
	// new restriction is refused, saying why, and nothing waits unsigned.
	keys(t, td, "revoke", "--key-id", fresh.ID())
	waitSerial(t, td, serial+3)
	third := entity(map[string][]string{"lastName": {"Белов"}, "firstName": {"Игорь"}, "birthDate": {"1991-12-01"}})
	var refusal struct{ Detail, Code string }
	if code := call(t, td.srv.URL, "POST", "/v1/restrictions", td.Tokens.Issuer, map[string]any{
		"person": third, "kind": trex.KindCourtOrder, "legal_basis": "Case 1-78/2026",
		"valid_until": time.Now().Add(90 * 24 * time.Hour).UTC().Format(time.RFC3339),
	}, &refusal); code != http.StatusServiceUnavailable || !strings.Contains(refusal.Detail, "cannot sign") {
		t.Fatalf("create while the authority has no valid key: %d %+v, want 503 saying it cannot sign", code, refusal)
	}
	// A change committed as the key was revoked (stored past the check) is
	// parked, visibly, and another authority's change flows past it.
	stuck := &trex.Restriction{Person: trex.Person{Names: []trex.Name{{Surname: "Белов", Given: "Игорь"}}, BirthDate: trex.MustPartialDate("1988-03-14")}, Kind: trex.KindCourtOrder,
		LegalBasis: "Case 1-78/2026", Authority: "district-court", ValidUntil: time.Now().Add(24 * time.Hour)}
	if err := td.Registry.DB.CreateRestriction(ctx, stuck); err != nil {
		t.Fatal(err)
	}
	id3 := stuck.ID
	td.Registry.Relay.Kick()
	if !waitFor(3*time.Second, func() bool { st, _ := td.Registry.DB.OutboxStats(ctx); return st.Parked == 1 }) {
		t.Fatal("the change its authority cannot sign was not parked")
	}
	other := &trex.Restriction{Person: trex.Person{Names: []trex.Name{{Surname: "Зайцев", Given: "Олег"}}, BirthDate: trex.MustPartialDate("1979-11-02")}, Kind: trex.KindDebtEnforcement,
		LegalBasis: "Enforcement 7/2026", Authority: "bailiff-service", ValidUntil: time.Now().Add(24 * time.Hour)}
	if err := td.Registry.Service.CreateRestriction(ctx, other); err != nil {
		t.Fatal(err)
	}
	if !waitFor(3*time.Second, func() bool { return td.Border.Node.Restriction(other.ID) != nil }) {
		t.Fatal("another authority's change did not flow past the parked one")
	}
	if td.Border.Node.Restriction(id3) != nil {
		t.Fatal("a change reached the border while its authority had no valid key")
	}
	// The new key starts in 2s, once both sides have loaded the list: a key
	// used before a border node knows it would be refused there (this demo
	// node has no grace for unknown keys).
	keys(t, td, "rotate", "--authority", "district-court", "--activate-in", "2s")
	waitSerial(t, td, serial+4)
	if !waitFor(15*time.Second, func() bool { return td.Border.Node.Restriction(id3) != nil }) {
		t.Fatal("the parked change was not delivered after a new key was issued")
	}
}

func TestBorderKeepsItsTrustListWhenTheFileIsForged(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	path := filepath.Join(td.dir, "trust.json")
	original, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	serial := td.Border.Trust.Serial()
	keys(t, td, "rotate", "--authority", "bailiff-service", "--activate-in", "0s", "--overlap", "1h")
	waitSerial(t, td, serial+1)
	current, _ := os.ReadFile(path)

	rogue := natsx.NewSigner("district-court")
	forgedBody := natsx.TrustListBody{Serial: serial + 10, IssuedAt: time.Now(), Keys: []natsx.TrustedKey{{
		ID: rogue.ID(), Authority: rogue.Authority, PublicKey: rogue.Public(), NotBefore: time.Now().Add(-time.Hour)}}}
	otherRoot := natsx.NewSigner(natsx.RootAuthority)
	forgedPath := filepath.Join(t.TempDir(), "forged.json")
	if err := natsx.WriteTrustList(forgedPath, forgedBody, otherRoot.Key); err != nil {
		t.Fatal(err)
	}
	forged, _ := os.ReadFile(forgedPath)
	var unsigned map[string]json.RawMessage
	json.Unmarshal(current, &unsigned)
	delete(unsigned, "signature")
	stripped, _ := json.Marshal(unsigned)

	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"signed by another root", forged, natsx.ErrTrustBadSignature},
		{"signature stripped", stripped, natsx.ErrTrustUnsigned},
		{"rolled back to the list before rotation", original, natsx.ErrTrustRollback},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := td.Border.TrustFile.Load(); !errors.Is(err, tc.want) {
				t.Errorf("load: %v, want %v", err, tc.want)
			}
			if got := td.Border.Trust.Serial(); got != serial+1 {
				t.Errorf("serial %d after a refused list, want %d", got, serial+1)
			}
			// A node starting on such a file refuses to start.
			if tc.want != natsx.ErrTrustRollback {
				_, rootPub, _ := trustPathsIn(td.dir).rootKeys()
				g := newGroup(context.Background(), td.Border.TrustFile.Log)
				defer g.Stop()
				if b, err := startBorder(g.ctx, borderConfig{ID: "late-node", DataDir: t.TempDir(), NatsURL: td.NatsURL, TrustPath: path, Root: rootPub, Log: td.Border.TrustFile.Log}, g.Go); err == nil {
					b.Close()
					t.Error("a border node started on a forged trust list")
				}
			}
		})
	}
	// The forged key's envelopes are still refused.
	r := trex.Restriction{ID: "ROGUE1", Authority: "district-court", Version: 1, Status: trex.StatusActive}
	data, _ := rogue.Seal(trex.Change{Restriction: r})
	if _, err := td.Border.Trust.Open(data); !errors.Is(err, natsx.ErrUnknownKey) {
		t.Errorf("rogue key after forged lists: %v, want %v", err, natsx.ErrUnknownKey)
	}
}

func TestBorderRefusesAChangeFiledUnderAnotherRestriction(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	ctx := context.Background()
	id := createRestriction(t, td, issuerView)
	if !waitFor(3*time.Second, func() bool { return td.Border.Node.Restriction(id) != nil }) {
		t.Fatal("setup: restriction did not reach the border")
	}
	r, err := td.Registry.DB.FindRestriction(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// Attack: a validly signed lift of r, published on another
	// restriction's subject.
	lift := *r
	lift.Status, lift.Version = trex.StatusLifted, r.Version+1
	sealed, err := currentSigner(t, td, r.Authority).Seal(trex.Change{Seq: 901, Restriction: lift, At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if err := natsx.PublishRaw(ctx, td.Registry.js, r.Authority, "SOMEONE-ELSE", "misrouted-1", sealed); err != nil {
		t.Fatal(err)
	}
	sentinel(t, td, 1)
	if got := td.Border.Node.RefusedFor("misrouted"); got != 1 {
		t.Errorf("refused as misrouted %d times, want 1", got)
	}
	if got := td.Border.Node.Restriction(id); got.Version != r.Version {
		t.Errorf("border holds version %d, want %d", got.Version, r.Version)
	}
}
