package natsx

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"trex"
	"trex/pki"
)

// secureExchange runs a TLS embedded server with a registry and a border
// principal and returns the PKI directory and the server.
func secureExchange(t *testing.T) (string, *EmbeddedServer) {
	t.Helper()
	dir := t.TempDir()
	ca, err := pki.InitCA(filepath.Join(dir, "pki"), "test CA")
	if err != nil {
		t.Fatal(err)
	}
	pdir := filepath.Join(dir, "pki")
	sf, err := ca.IssueTo(pdir, pki.Request{Name: "nats", Role: pki.RoleServer, Hosts: []string{"127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []pki.Principal{{Name: "registry", Role: pki.RoleRegistry}, {Name: "cp-1", Role: pki.RoleBorder}, {Name: "cp-2", Role: pki.RoleBorder}} {
		if _, err := ca.IssueTo(pdir, pki.Request{Name: p.Name, Role: p.Role}); err != nil {
			t.Fatal(err)
		}
	}
	tlsConf, err := pki.ServerTLS(sf)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := pki.LoadPrincipals(pki.PrincipalsFile(pdir))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := RunServer(ServerConfig{StoreDir: filepath.Join(dir, "nats"), TLS: tlsConf, Principals: ps})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	return pdir, srv
}

// client is a connection as one principal that records the permission
// violations the server reports to it.
type client struct {
	name       string
	nc         *nats.Conn
	js         jetstream.JetStream
	violations chan error
}

// connectAs connects as principal p with its certificate from pdir.
func connectAs(t *testing.T, srv *EmbeddedServer, pdir string, p pki.Principal) *client {
	t.Helper()
	conf, err := pki.ClientTLS(pki.FilesFor(pdir, p.Name))
	if err != nil {
		t.Fatal(err)
	}
	c := &client{name: p.Name, violations: make(chan error, 16)}
	record := nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
		if errors.Is(err, nats.ErrPermissionViolation) {
			c.violations <- err
		}
	})
	nc, js, err := Connect(srv.URL(), "test-"+p.Name, append(Credentials(conf, p), record)...)
	if err != nil {
		t.Fatalf("connect as %s: %v", p.Name, err)
	}
	t.Cleanup(nc.Close)
	c.nc, c.js = nc, js
	return c
}

// denied runs an attempt that must fail, and checks that it failed because
// the server refused the subject, not for some other reason. The attempt is
// cut short once the server has reported the violation.
func (c *client) denied(t *testing.T, what, subject string, attempt func(ctx context.Context, js jetstream.JetStream) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	result := make(chan error, 1)
	go func() { result <- attempt(ctx, c.js) }()
	var violation error
	select {
	case violation = <-c.violations:
		cancel()
	case err := <-result:
		if err == nil {
			t.Errorf("%s %s: succeeded", c.name, what)
			return
		}
		result <- err
		select {
		case violation = <-c.violations:
		case <-time.After(time.Second):
		}
	}
	if err := <-result; err == nil {
		t.Errorf("%s %s: succeeded", c.name, what)
	}
	if violation == nil {
		t.Errorf("%s %s: failed without a permissions violation on %s", c.name, what, subject)
	} else if !strings.Contains(violation.Error(), `"`+subject+`"`) {
		t.Errorf("%s %s: violation %v, want one for %s", c.name, what, violation, subject)
	}
}

func streamMsgs(t *testing.T, js jetstream.JetStream, name string) uint64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := js.Stream(ctx, name)
	if err != nil {
		t.Fatalf("stream %s: %v", name, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatalf("stream %s info: %v", name, err)
	}
	return info.State.Msgs
}

var (
	registryP = pki.Principal{Name: "registry", Role: pki.RoleRegistry}
	border1   = pki.Principal{Name: "cp-1", Role: pki.RoleBorder}
)

func TestExchangePermissions(t *testing.T) {
	pdir, srv := secureExchange(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reg := connectAs(t, srv, pdir, registryP)
	if err := EnsureStreams(ctx, reg.js); err != nil {
		t.Fatalf("registry creates the streams: %v", err)
	}
	bord := connectAs(t, srv, pdir, border1)

	// The normal flow: the registry publishes, the border node consumes its
	// own durable and acknowledges, and publishes its own receipt, which the
	// registry reads.
	if err := PublishRaw(ctx, reg.js, "court", "R1", "R1:v1", []byte(`{}`)); err != nil {
		t.Fatalf("registry publishes a restriction: %v", err)
	}
	cons, err := bord.js.CreateOrUpdateConsumer(ctx, RestrictionsStream, jetstream.ConsumerConfig{Durable: BorderDurable(border1.Name), AckPolicy: jetstream.AckExplicitPolicy})
	if err != nil {
		t.Fatalf("border creates its consumer: %v", err)
	}
	if n := fetchAll(t, ctx, cons); n != 1 {
		t.Fatalf("border received %d restrictions, want 1", n)
	}
	if _, err := cons.Info(ctx); err != nil {
		t.Errorf("border asks for its consumer's state: %v", err)
	}
	if _, err := bord.js.Publish(ctx, receiptsSubject+".cp-1", []byte(`{}`)); err != nil {
		t.Errorf("border publishes its own receipt: %v", err)
	}
	rcons, err := reg.js.CreateOrUpdateConsumer(ctx, ReceiptsStream, jetstream.ConsumerConfig{Durable: RegistryDurable, AckPolicy: jetstream.AckExplicitPolicy})
	if err != nil {
		t.Fatalf("registry creates its receipts consumer: %v", err)
	}
	if n := fetchAll(t, ctx, rcons); n != 1 {
		t.Errorf("registry read %d receipts, want 1", n)
	}
	if _, err := bord.js.Publish(ctx, CheckReportSubject("cp-1"), []byte(`{}`)); err != nil {
		t.Errorf("border publishes its own check report: %v", err)
	}
	ccons, err := reg.js.CreateOrUpdateConsumer(ctx, CheckReportsStream, jetstream.ConsumerConfig{Durable: RegistryCheckReportsDurable, AckPolicy: jetstream.AckExplicitPolicy})
	if err != nil {
		t.Fatalf("registry creates its check reports consumer: %v", err)
	}
	if n := fetchAll(t, ctx, ccons); n != 1 {
		t.Errorf("registry read %d check reports, want 1", n)
	}

	publish := func(subject string) func(context.Context, jetstream.JetStream) error {
		return func(ctx context.Context, js jetstream.JetStream) error {
			_, err := js.Publish(ctx, subject, []byte(`{"forged":true}`))
			return err
		}
	}
	// Attack: a border credential publishes a restriction, or another
	// node's receipt.
	before := streamMsgs(t, reg.js, RestrictionsStream)
	bord.denied(t, "publishes a restriction", "trex.restrictions.x.y", publish("trex.restrictions.x.y"))
	if after := streamMsgs(t, reg.js, RestrictionsStream); after != before {
		t.Errorf("restrictions stream grew from %d to %d after a border publish", before, after)
	}
	bord.denied(t, "publishes another node's receipt", "trex.receipts.cp-2", publish("trex.receipts.cp-2"))
	bord.denied(t, "publishes another node's check report", CheckReportSubject("cp-2"), publish(CheckReportSubject("cp-2")))
	// Attack: a border node listens to restrictions with core NATS.
	bord.denied(t, "subscribes to restrictions", "trex.restrictions.>", func(ctx context.Context, _ jetstream.JetStream) error {
		nc := bord.nc
		sub, err := nc.SubscribeSync("trex.restrictions.>")
		if err != nil {
			return err
		}
		if err := nc.FlushWithContext(ctx); err != nil {
			return err
		}
		_, err = sub.NextMsgWithContext(ctx)
		return err
	})
	// Attack: a border node deletes the stream, drives another node's
	// consumer, or reads the receipts.
	bord.denied(t, "deletes the restrictions stream", "$JS.API.STREAM.DELETE."+RestrictionsStream, func(ctx context.Context, js jetstream.JetStream) error {
		return js.DeleteStream(ctx, RestrictionsStream)
	})
	bord.denied(t, "creates another node's consumer", "$JS.API.CONSUMER.CREATE."+RestrictionsStream+".trex-border-cp-2", func(ctx context.Context, js jetstream.JetStream) error {
		_, err := js.CreateOrUpdateConsumer(ctx, RestrictionsStream, jetstream.ConsumerConfig{Durable: BorderDurable("cp-2")})
		return err
	})
	bord.denied(t, "reads the receipts", "$JS.API.CONSUMER.CREATE."+ReceiptsStream+".trex-border-cp-1", func(ctx context.Context, js jetstream.JetStream) error {
		_, err := js.CreateOrUpdateConsumer(ctx, ReceiptsStream, jetstream.ConsumerConfig{Durable: BorderDurable(border1.Name)})
		return err
	})
	// Attack: the registry (an issuer) reads the restrictions through a
	// consumer of its own or a border node's, or forges a receipt.
	reg.denied(t, "creates a consumer on restrictions", "$JS.API.CONSUMER.CREATE."+RestrictionsStream+".snoop", func(ctx context.Context, js jetstream.JetStream) error {
		_, err := js.CreateOrUpdateConsumer(ctx, RestrictionsStream, jetstream.ConsumerConfig{Durable: "snoop"})
		return err
	})
	reg.denied(t, "pulls from a border node's consumer", "$JS.API.CONSUMER.INFO."+RestrictionsStream+".trex-border-cp-1", func(ctx context.Context, js jetstream.JetStream) error {
		_, err := js.Consumer(ctx, RestrictionsStream, BorderDurable(border1.Name))
		return err
	})
	reg.denied(t, "forges a receipt", "trex.receipts.cp-1", publish("trex.receipts.cp-1"))
	// Retention: the registry purges a restriction's history behind its
	// tombstone; a border node may not purge anything.
	bord.denied(t, "purges the restrictions stream", "$JS.API.STREAM.PURGE."+RestrictionsStream, func(ctx context.Context, js jetstream.JetStream) error {
		_, err := bord.nc.RequestWithContext(ctx, "$JS.API.STREAM.PURGE."+RestrictionsStream, []byte(`{"filter": "trex.restrictions.court.R1"}`))
		return err
	})
	if err := PublishRaw(ctx, reg.js, "court", "R1", "R1:v2", []byte(`{"tombstone":true}`)); err != nil {
		t.Fatal(err)
	}
	if err := PurgeBehindTombstone(ctx, reg.js, "court", "R1"); err != nil {
		t.Errorf("registry purges behind a tombstone: %v", err)
	}
	if n := streamMsgs(t, reg.js, RestrictionsStream); n != 1 {
		t.Errorf("restrictions stream holds %d messages after the purge, want the tombstone alone", n)
	}
}

// fetchAll pulls and acknowledges what a consumer has and counts it.
func fetchAll(t *testing.T, ctx context.Context, cons jetstream.Consumer) int {
	t.Helper()
	batch, err := cons.Fetch(10, jetstream.FetchMaxWait(time.Second))
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	n := 0
	for m := range batch.Messages() {
		n++
		if err := m.DoubleAck(ctx); err != nil {
			t.Errorf("ack: %v", err)
		}
	}
	return n
}

func TestExchangeRefusesClientsWithoutAValidCertificate(t *testing.T) {
	pdir, srv := secureExchange(t)
	files := pki.FilesFor(pdir, border1.Name)
	conf, err := pki.ClientTLS(files)
	if err != nil {
		t.Fatal(err)
	}
	// Attack: no client certificate.
	noCert := conf.Clone()
	noCert.Certificates = nil
	if nc, _, err := Connect(srv.URL(), "no-cert", nats.Secure(noCert), nats.Timeout(3*time.Second)); err == nil {
		nc.Close()
		t.Error("a client without a certificate connected")
	}
	// Attack: plain text.
	if nc, _, err := Connect(srv.URL(), "plain", nats.Timeout(3*time.Second)); err == nil {
		nc.Close()
		t.Error("a plain-text client connected")
	}
	// Attack: a valid certificate whose principal was withdrawn, both for
	// a connection open at the time and for a new one.
	open := connectAs(t, srv, pdir, border1)
	if err := pki.RemovePrincipal(pki.PrincipalsFile(pdir), border1.Name); err != nil {
		t.Fatal(err)
	}
	ps, _ := pki.LoadPrincipals(pki.PrincipalsFile(pdir))
	if err := srv.SetPrincipals(ps); err != nil {
		t.Fatal(err)
	}
	if !waitUntil(5*time.Second, func() bool { return !open.nc.IsConnected() }) {
		t.Error("a withdrawn principal's open connection stayed connected")
	}
	nc, _, err := Connect(srv.URL(), "withdrawn", append(Credentials(conf, border1), nats.Timeout(3*time.Second))...)
	if err == nil {
		nc.Close()
		t.Error("a withdrawn principal connected")
	} else if !errors.Is(err, nats.ErrAuthorization) {
		t.Logf("withdrawn principal refused with %v", err)
	}
	// The registry, still listed, connects.
	connectAs(t, srv, pdir, registryP)
}

func TestRegistryDropsReceiptsNamingAnotherNode(t *testing.T) {
	pdir, srv := secureExchange(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	reg := connectAs(t, srv, pdir, registryP)
	if err := EnsureStreams(ctx, reg.js); err != nil {
		t.Fatal(err)
	}
	bord := connectAs(t, srv, pdir, border1)
	// Attack: cp-1 publishes, on its own subject, a receipt claiming to
	// come from cp-2; then an honest receipt of its own.
	forged, _ := json.Marshal(trex.Receipt{RestrictionID: "R1", Version: 1, Node: "cp-2"})
	if _, err := bord.js.Publish(ctx, ReceiptSubject(border1.Name), forged); err != nil {
		t.Fatal(err)
	}
	if err := PublishReceipt(ctx, bord.js, trex.Receipt{RestrictionID: "R1", Version: 1, Node: border1.Name}); err != nil {
		t.Fatal(err)
	}
	got := make(chan trex.Receipt, 4)
	cctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- ConsumeReceipts(cctx, reg.js, RegistryDurable, slog.New(slog.NewTextHandler(io.Discard, nil)), func(_ context.Context, rc trex.Receipt) error {
			got <- rc
			return nil
		})
	}()
	select {
	case rc := <-got:
		if rc.Node != border1.Name {
			t.Errorf("registry recorded a receipt naming %s, sent by %s", rc.Node, border1.Name)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no receipt recorded")
	}
	select {
	case rc := <-got:
		t.Errorf("registry recorded a second receipt %+v", rc)
	case <-time.After(300 * time.Millisecond):
	}
	stop()
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// waitUntil polls cond every 10ms until it holds or d passes.
func waitUntil(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}
