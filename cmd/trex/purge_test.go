package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"trex"
	"trex/audit"
	"trex/border"
	thttp "trex/http"
	"trex/natsx"
	"trex/registry"
	"trex/screening"
	"trex/sqlite"
)

// A person made up for the purge test, as the issuer knows them and as
// their passport shows them; what of them must vanish.
var (
	purgeeIssuerView = entity(map[string][]string{
		"lastName": {"Ворошилова"}, "firstName": {"Ульяна"}, "fatherName": {"Тимуровна"},
		"birthDate": {"1979-02-14"}, "gender": {"female"}, "idNumber": {"4612 905517"}, "passportNumber": {"753908114"},
	})
	purgeePassportView = entity(map[string][]string{
		"lastName": {"VOROSHILOVA"}, "firstName": {"ULIANA"}, "birthDate": {"1979-02-14"}, "passportNumber": {"753908114"},
	})
	purgeeTraces = []string{"Ворошилова", "Ульяна", "Тимуровна", "753908114", "905517", "VOROSHILOVA", "1979-02-14", "Case 1-77/2026"}
)

// TestPurgedPersonIsGoneFromEveryStore: a restriction is created, checked,
// lifted, and once its kind's retention has run the registry purges it.
// Afterwards the person appears nowhere a node stores data: not in the
// registry's restriction, outbox, receipts or subject keys, not in the
// border node's replica, map or index, not in the stream (which holds the
// tombstone alone), not in any byte of the SQLite files on disk; and a
// border node that joins late and reads the stream from the start never
// learns of the person either.
func TestPurgedPersonIsGoneFromEveryStore(t *testing.T) {
	ctx := context.Background()
	srv, err := natsx.RunEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	dir := t.TempDir()
	td := startTestDemoWith(t, demoConfig{DataDir: dir, NatsURL: srv.URL(), RateLimit: thttp.RateLimit{PerSecond: 1e6, Burst: 1e6}})
	id := createRestriction(t, td, purgeeIssuerView)
	if ans, _ := checkUntil(t, td, purgeePassportView, trex.Hit, 3*time.Second); ans.Decision != trex.Hit {
		t.Fatalf("setup: %s", ans.Decision)
	}
	if code := call(t, td.srv.URL, "POST", "/v1/restrictions/"+id+"/lift", td.Tokens.Issuer, map[string]string{"reason": "order set aside"}, nil); code != http.StatusOK {
		t.Fatalf("lift: %d", code)
	}
	node := td.Border.Node
	waitUntil(t, "the lift reaches the node", func() bool { r := node.Restriction(id); return r != nil && r.Status == trex.StatusLifted })

	// The court order's retention (trex.DefaultRetainDays) has run.
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	lc := &registry.Lifecycle{Store: td.Registry.DB, Log: discard, Purged: recordPurge(td.Registry.Audit, "registry"),
		OnChange: td.Registry.Relay.Kick, Now: func() time.Time { return time.Now().Add((trex.DefaultRetainDays + 1) * 24 * time.Hour) }}
	if _, purged, err := lc.Sweep(ctx); err != nil || purged != 1 {
		t.Fatalf("sweep: purged %d, %v", purged, err)
	}
	waitUntil(t, "the tombstone reaches the node", func() bool { return node.Restriction(id) == nil && node.Stats().Applied >= 3 })
	waitUntil(t, "the tombstone leaves the outbox", func() bool {
		u, err := td.Registry.DB.UndeliveredChanges(ctx, id)
		return err == nil && len(u) == 0
	})

	// Every purge is on the record: the registry's, and the node's applying it.
	if !logged(t, td.Registry.Audit, audit.TypePurged, id) {
		t.Errorf("the registry's audit log has no %s entry for %s", audit.TypePurged, id)
	}
	if !logged(t, td.Border.Audit, audit.TypeChangeApplied, id, trex.StatusPurged) {
		t.Errorf("the node's audit log has no tombstone applied for %s", id)
	}

	// Registry: a tombstone, no subject keys, receipts only for the tombstone.
	r, err := td.Registry.DB.FindRestriction(ctx, id)
	if err != nil || r.Status != trex.StatusPurged || len(r.Person.Names) != 0 || r.LegalBasis != "" {
		t.Errorf("registry holds %+v, %v", r, err)
	}
	if mine, _ := td.Registry.DB.RestrictionsOf(ctx, "4612 905517"); len(mine) != 0 {
		t.Errorf("subject keys still find %d restrictions", len(mine))
	}
	rcs, _ := td.Registry.DB.Receipts(ctx, id)
	for _, rc := range rcs {
		if rc.Status != trex.StatusPurged {
			t.Errorf("receipt kept for v%d (%s)", rc.Version, rc.Status)
		}
	}

	// Border node: not in the map, the index or a check.
	node.Each(func(r *trex.Restriction) bool {
		if r.ID == id {
			t.Errorf("the node's map holds %s", r.ID)
		}
		return true
	})
	var traveller trex.Person
	traveller.Names = []trex.Name{{Surname: "VOROSHILOVA", Given: "ULIANA"}}
	traveller.BirthDate = trex.MustPartialDate("1979-02-14")
	traveller.Documents = []trex.Document{{Number: "753908114"}}
	if _, ms, err := node.Matcher.Match(ctx, traveller, func(string) bool { return true }); err != nil || len(ms) != 0 {
		t.Errorf("the index still matches: %+v, %v", ms, err)
	}
	if ans, _ := checkUntil(t, td, purgeePassportView, trex.Clear, 0); ans.Decision != trex.Clear || len(ans.Matches) != 0 {
		t.Errorf("check after the purge: %s %+v", ans.Decision, ans.Matches)
	}

	// Stream: the tombstone alone.
	_, js, err := natsx.Connect(srv.URL(), "purge-test")
	if err != nil {
		t.Fatal(err)
	}
	subject := natsx.RestrictionSubject(r.Authority, id)
	stream, err := js.Stream(ctx, natsx.RestrictionsStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := stream.Info(ctx, jetstream.WithSubjectFilter(subject))
	if err != nil || info.State.Subjects[subject] != 1 {
		t.Fatalf("stream holds %v messages on %s, %v; want the tombstone alone", info.State.Subjects, subject, err)
	}
	last, err := stream.GetLastMsgForSubject(ctx, subject)
	if err != nil {
		t.Fatal(err)
	}
	c, err := td.Border.Trust.OpenStored(last.Data, last.Time)
	if err != nil || c.Restriction.Status != trex.StatusPurged || len(c.Restriction.Person.Names) != 0 {
		t.Errorf("the stream's last message is %+v, %v", c.Restriction, err)
	}

	// A node that joins late and reads the stream from the start.
	late, err := sqlite.Open(filepath.Join(dir, "border-late.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer late.Close()
	ln := &border.Node{ID: "late", Replica: late, Matcher: screening.New(), Log: discard}
	if err := ln.Open(ctx); err != nil {
		t.Fatal(err)
	}
	fctx, stop := context.WithCancel(ctx)
	defer stop()
	go (&natsx.Follower{JS: js, Durable: "late", Trust: td.Border.Trust, Apply: ln, Log: discard}).Run(fctx)
	waitUntil(t, "the late node catches up", func() bool { return !ln.DataAsOf().IsZero() })
	if ln.Restriction(id) != nil || ln.Stats().Indexed != 0 {
		t.Errorf("the late node holds %+v", ln.Restriction(id))
	}
	stop()

	// Not a byte of the person in any database file of either node.
	td.Stop()
	files, _ := filepath.Glob(filepath.Join(dir, "*.db*"))
	if len(files) < 3 {
		t.Fatalf("database files: %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, trace := range purgeeTraces {
			if bytes.Contains(data, []byte(trace)) {
				t.Errorf("%s still holds %q", filepath.Base(f), trace)
			}
		}
	}
}

// logged reports whether l holds an entry of type typ for restriction id
// (with status, when given).
func logged(tb testing.TB, l *audit.Log, typ, id string, status ...trex.Status) bool {
	tb.Helper()
	all, err := l.Entries(context.Background(), 0, l.Size())
	if err != nil {
		tb.Fatal(err)
	}
	for _, data := range all {
		e, err := audit.DecodeEntry(data)
		if err != nil {
			tb.Fatal(err)
		}
		if e.Type == typ && e.RestrictionID == id && (len(status) == 0 || e.Status == string(status[0])) {
			return true
		}
	}
	return false
}

// waitUntil polls cond for up to five seconds.
func waitUntil(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	if !waitFor(5*time.Second, cond) {
		tb.Fatalf("timed out waiting until %s", what)
	}
}
