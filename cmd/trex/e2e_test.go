package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"trex"
	thttp "trex/http"
	"trex/natsx"
	"trex/sqlite"
)

// testDemo runs every component in-process on a fresh data directory with
// an embedded NATS server, and an httptest server for the API.
type testDemo struct {
	*demo
	dir string
	srv *httptest.Server
}

func startTestDemo(tb testing.TB, dir string) *testDemo {
	tb.Helper()
	// Tests poll checks quickly; the rate limit is tested in package http.
	return startTestDemoWith(tb, demoConfig{DataDir: dir, RateLimit: thttp.RateLimit{PerSecond: 1e6, Burst: 1e6}})
}

// startTestDemoWith starts the demo with cfg (no seeded persons, logs discarded).
func startTestDemoWith(tb testing.TB, cfg demoConfig) *testDemo {
	tb.Helper()
	dir := cfg.DataDir
	cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	d, err := startDemo(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("start demo: %v", err)
	}
	td := &testDemo{demo: d, dir: dir, srv: httptest.NewServer(d.Handler())}
	tb.Cleanup(td.Stop)
	return td
}

func (td *testDemo) Stop() {
	if td.srv != nil {
		td.srv.Close()
		td.srv = nil
		td.demo.Close()
	}
}

// call sends a JSON request with a bearer token and decodes the answer.
func call(tb testing.TB, base, method, path, token string, body any, out any) int {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, base+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			tb.Fatalf("%s %s: decode %q: %v", method, path, data, err)
		}
	}
	return resp.StatusCode
}

type checkAnswer struct {
	Decision trex.Verdict `json:"decision"`
	Matches  []trex.Match `json:"matches"`
	DataAsOf time.Time    `json:"data_as_of"`
}

func entity(props map[string][]string) map[string]any {
	return map[string]any{"schema": "Person", "properties": props}
}

// a person as the issuer knows them, and as their passport shows them.
var (
	issuerView = entity(map[string][]string{
		"lastName": {"Смирнов"}, "firstName": {"Алексей"}, "fatherName": {"Викторович"},
		"birthDate": {"1988-07-21"}, "gender": {"male"}, "idNumber": {"4509 123456"}, "passportNumber": {"751234567"},
	})
	passportView = entity(map[string][]string{
		"lastName": {"SMIRNOV"}, "firstName": {"ALEKSEI"}, "birthDate": {"1988-07-21"}, "passportNumber": {"751234567"},
	})
)

func createRestriction(tb testing.TB, td *testDemo, person map[string]any) string {
	tb.Helper()
	var created struct {
		ID      string      `json:"id"`
		Version int64       `json:"version"`
		Status  trex.Status `json:"status"`
	}
	code := call(tb, td.srv.URL, "POST", "/v1/restrictions", td.Tokens.Issuer, map[string]any{
		"person": person, "kind": trex.KindCourtOrder, "legal_basis": "Case 1-77/2026, ruling of 2026-11-20",
		"valid_until": time.Now().Add(90 * 24 * time.Hour).UTC().Format(time.RFC3339),
	}, &created)
	if code != http.StatusCreated || created.ID == "" || created.Version != 1 || created.Status != trex.StatusActive {
		tb.Fatalf("create: status %d, %+v", code, created)
	}
	return created.ID
}

// checkUntil polls the check endpoint until the decision is want or d passes.
func checkUntil(tb testing.TB, td *testDemo, traveller map[string]any, want trex.Verdict, d time.Duration) (checkAnswer, time.Duration) {
	tb.Helper()
	start := time.Now()
	var ans checkAnswer
	for {
		ans = checkAnswer{}
		if code := call(tb, td.srv.URL, "POST", "/v1/checks", td.Tokens.Officer, map[string]any{"traveller": traveller}, &ans); code != http.StatusOK {
			tb.Fatalf("check: status %d", code)
		}
		if ans.Decision == want || time.Since(start) > d {
			return ans, time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestEndToEndCreateCheckLift(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	id := createRestriction(t, td, issuerView)

	ans, took := checkUntil(t, td, passportView, trex.Hit, time.Second)
	if ans.Decision != trex.Hit {
		t.Fatalf("after create: decision %q after %v, want hit within 1s (%+v)", ans.Decision, took, ans)
	}
	if len(ans.Matches) == 0 || ans.Matches[0].RestrictionID != id || len(ans.Matches[0].Reasons) == 0 {
		t.Fatalf("hit should name restriction %s with reasons, got %+v", id, ans.Matches)
	}
	if !waitFor(2*time.Second, func() bool {
		ans, _ = checkUntil(t, td, passportView, trex.Hit, 0)
		return !ans.DataAsOf.IsZero() && time.Since(ans.DataAsOf) < 5*time.Second
	}) {
		t.Errorf("data_as_of = %v, want a recent time", ans.DataAsOf)
	}

	// The registry reports when it came into force at the border.
	var got struct {
		Status   trex.Status    `json:"status"`
		Receipts []trex.Receipt `json:"receipts"`
	}
	if !waitFor(time.Second, func() bool {
		call(t, td.srv.URL, "GET", "/v1/restrictions/"+id, td.Tokens.Issuer, nil, &got)
		return len(got.Receipts) > 0
	}) {
		t.Fatalf("no delivery receipt for %s within 1s", id)
	}
	if rc := got.Receipts[0]; rc.Node != "checkpoint-demo" || rc.Version != 1 || rc.Status != trex.StatusActive {
		t.Errorf("receipt = %+v", rc)
	}

	// The same person without the document: a name and birth-date match is a referral.
	nameOnly := entity(map[string][]string{"lastName": {"SMIRNOV"}, "firstName": {"ALEKSEI"}, "birthDate": {"1988-07-21"}})
	if ans, _ := checkUntil(t, td, nameOnly, trex.Refer, 0); ans.Decision != trex.Refer {
		t.Errorf("name+dob only: decision %q, want refer", ans.Decision)
	}
	// Someone else entirely is clear.
	stranger := entity(map[string][]string{"lastName": {"KOVALENKO"}, "firstName": {"OKSANA"}, "birthDate": {"1975-02-03"}})
	if ans, _ := checkUntil(t, td, stranger, trex.Clear, 0); ans.Decision != trex.Clear {
		t.Errorf("stranger: decision %q, want clear", ans.Decision)
	}

	var lifted struct {
		Version int64       `json:"version"`
		Status  trex.Status `json:"status"`
	}
	if code := call(t, td.srv.URL, "POST", "/v1/restrictions/"+id+"/lift", td.Tokens.Issuer, map[string]string{"reason": "ruling overturned on appeal"}, &lifted); code != 200 || lifted.Status != trex.StatusLifted || lifted.Version != 2 {
		t.Fatalf("lift: %d %+v", code, lifted)
	}
	if ans, took := checkUntil(t, td, passportView, trex.Clear, time.Second); ans.Decision != trex.Clear {
		t.Fatalf("after lift: decision %q after %v, want clear within 1s", ans.Decision, took)
	}
	// Lifting twice is a conflict, not a new version.
	if code := call(t, td.srv.URL, "POST", "/v1/restrictions/"+id+"/lift", td.Tokens.Issuer, map[string]string{"reason": "again"}, nil); code != http.StatusConflict {
		t.Errorf("second lift: status %d, want 409", code)
	}
}

// sentinel creates a restriction and waits until the border has it, which
// proves that everything published before it has been processed (one
// consumer handles the stream in order).
func sentinel(tb testing.TB, td *testDemo, n int) {
	tb.Helper()
	p := entity(map[string][]string{"lastName": {fmt.Sprintf("Сентинелов%d", n)}, "firstName": {"Пётр"}, "birthDate": {"1950-01-01"}})
	id := createRestriction(tb, td, p)
	if !waitFor(3*time.Second, func() bool { return td.Border.Node.Restriction(id) != nil }) {
		tb.Fatalf("sentinel %s never reached the border", id)
	}
}

func TestBorderRefusesTamperedAndOldEnvelopes(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	id := createRestriction(t, td, issuerView)
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, time.Second); ans.Decision != trex.Hit {
		t.Fatalf("setup: decision %q, want hit", ans.Decision)
	}
	r, err := td.Registry.DB.FindRestriction(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	signer := currentSigner(t, td, r.Authority)

	// Tampered: a validly signed lift whose payload is edited after signing
	// to point at a later version.
	lift := *r
	lift.Status, lift.Version = trex.StatusLifted, r.Version+5
	sealed, err := signer.Seal(trex.Change{Seq: 999, Restriction: lift, At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	var env natsx.Envelope
	json.Unmarshal(sealed, &env)
	if !bytes.Contains(env.Payload, []byte(`"version":6`)) {
		t.Fatalf("payload does not carry the version to tamper with: %s", env.Payload)
	}
	env.Payload = bytes.Replace(env.Payload, []byte(`"version":6`), []byte(`"version":7`), 1)
	tampered, _ := json.Marshal(env)
	// Unsigned, and signed by a key nobody trusts.
	env.Signature = nil
	unsigned, _ := json.Marshal(env)
	rogue, _ := natsx.NewSigner(r.Authority).Seal(trex.Change{Seq: 1000, Restriction: lift, At: time.Now()})

	before := td.Border.Node.Refused()
	for i, data := range [][]byte{tampered, unsigned, rogue, []byte("not json at all")} {
		if err := natsx.PublishRaw(ctx, td.Registry.js, r.Authority, r.ID, fmt.Sprintf("attack-%d", i), data); err != nil {
			t.Fatal(err)
		}
	}
	sentinel(t, td, 1)
	if got := td.Border.Node.Refused() - before; got != 4 {
		t.Errorf("refused %d envelopes, want 4", got)
	}
	for _, code := range []string{"bad_signature", "unsigned", "unknown_key", "malformed"} {
		if got := td.Border.Node.RefusedFor(code); got != 1 {
			t.Errorf("refused for %s: %d, want 1", code, got)
		}
	}
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, 0); ans.Decision != trex.Hit {
		t.Errorf("after refused envelopes: decision %q, want still hit", ans.Decision)
	}

	// Lift for real, then redeliver the old, validly signed version 1: it
	// must not resurrect the restriction, and is refused as a replay.
	if _, err := td.Registry.Service.LiftRestriction(ctx, id, "lifted by the court"); err != nil {
		t.Fatal(err)
	}
	if ans, _ := checkUntil(t, td, passportView, trex.Clear, time.Second); ans.Decision != trex.Clear {
		t.Fatalf("after lift: decision %q, want clear", ans.Decision)
	}
	old, _ := signer.Seal(trex.Change{Seq: 1, Restriction: *r, At: r.CreatedAt})
	if err := natsx.PublishRaw(ctx, td.Registry.js, r.Authority, r.ID, "redelivery-v1", old); err != nil {
		t.Fatal(err)
	}
	sentinel(t, td, 2)
	if ans, _ := checkUntil(t, td, passportView, trex.Clear, 0); ans.Decision != trex.Clear {
		t.Errorf("old version redelivered: decision %q, want clear", ans.Decision)
	}
	if got := td.Border.Node.RefusedFor("replayed"); got != 1 {
		t.Errorf("old version redelivered: refused as replayed %d times, want 1", got)
	}
	if got := td.Border.Node.Restriction(id); got == nil || got.Version != 2 || got.Status != trex.StatusLifted {
		t.Errorf("border copy = %+v, want version 2 lifted", got)
	}
}

// currentSigner is the key the registry signs authority's changes with now.
func currentSigner(tb testing.TB, td *testDemo, authority string) *natsx.Signer {
	tb.Helper()
	s, err := td.Registry.Keys.Current(authority, td.Registry.Trust, time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestRestartKeepsStateAndDeliversUnpublished(t *testing.T) {
	dir := t.TempDir()
	td := startTestDemo(t, dir)
	id := createRestriction(t, td, issuerView)
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, time.Second); ans.Decision != trex.Hit {
		t.Fatalf("setup: decision %q, want hit", ans.Decision)
	}
	td.Stop()

	// A crash between commit and publish: the change is committed with its
	// outbox row while no relay runs.
	db, err := sqlite.Open(filepath.Join(dir, "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.LiftRestriction(context.Background(), id, "debt paid"); err != nil {
		t.Fatal(err)
	}
	pending, _ := db.PendingChanges(context.Background(), 10)
	db.Close()
	if len(pending) != 1 {
		t.Fatalf("pending changes = %d, want 1", len(pending))
	}

	td2 := startTestDemo(t, dir)
	// The border kept its state: it still holds version 1 from its own
	// replica, before anything new arrives.
	if r := td2.Border.Node.Restriction(id); r == nil {
		t.Fatalf("border lost restriction %s across restart", id)
	}
	if ans, took := checkUntil(t, td2, passportView, trex.Clear, 2*time.Second); ans.Decision != trex.Clear {
		t.Fatalf("unpublished lift not delivered after restart: decision %q after %v", ans.Decision, took)
	}
	if st := td2.Border.Node.Stats(); st.Applied != 1 {
		t.Errorf("after restart the node applied %d changes, want exactly 1 (the lift): it must resume, not replay", st.Applied)
	}
}

func TestMetricsEndpointReportsBorderAndRoutes(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	createRestriction(t, td, issuerView)
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, time.Second); ans.Decision != trex.Hit {
		t.Fatalf("setup: %s", ans.Decision)
	}
	resp, err := http.Get(td.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`trex_border_indexed{node="checkpoint-demo"} 1`,
		`trex_http_requests_total{code="201",route="POST /v1/restrictions"} 1`,
		`route="POST /v1/checks"`,
		"trex_outbox_depth 0",
		"trex_outbox_parked 0",
		"trex_outbox_oldest_unpublished_age_seconds 0",
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if bytes.Contains(body, []byte("SMIRNOV")) || bytes.Contains(body, []byte("Смирнов")) {
		t.Errorf("/metrics carries a name")
	}
}

func TestBorderKeepsCheckingWhenItsLinkIsCut(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	createRestriction(t, td, issuerView)
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, time.Second); ans.Decision != trex.Hit {
		t.Fatalf("setup: %s", ans.Decision)
	}
	time.Sleep(1500 * time.Millisecond) // let a heartbeat confirm the node is caught up
	before, _ := checkUntil(t, td, passportView, trex.Hit, 0)
	td.stopNats() // the exchange goes away
	td.stopNats = nil
	time.Sleep(2500 * time.Millisecond)
	after, _ := checkUntil(t, td, passportView, trex.Hit, 0)
	if after.Decision != trex.Hit {
		t.Fatalf("cut off: decision %q, want the node to keep answering from its replica", after.Decision)
	}
	if after.DataAsOf.After(before.DataAsOf.Add(time.Second)) || time.Since(after.DataAsOf) < 2*time.Second {
		t.Errorf("cut off: data_as_of %v advanced past %v; it must show the data is getting stale", after.DataAsOf, before.DataAsOf)
	}
}
