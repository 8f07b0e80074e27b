package clustertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"trex"
	"trex/border"
	"trex/natsx"
	"trex/prom"
	"trex/registry"
	"trex/screening"
	"trex/sqlite"
	"trex/synth"
)

// TestSelfCheckFindsDivergence runs a border node's self-check against a
// registry answering over NATS. A replica that agrees gives no divergence;
// a change still on its way is not one; then each kind of divergence is
// made on purpose and found: a version the registry never issued (a
// forged or corrupted replica), a restriction in force that the node's
// own index no longer finds, and one in force at the registry that the
// node lacks although it says it caught up since. Each is logged without
// the person, counted, and exposed as trex_replica_equivalence_*; the
// query itself carries no person either.
func TestSelfCheckFindsDivergence(t *testing.T) {
	srv, err := natsx.RunEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reg := StartRegistry(t, srv.URL())
	eq := &registry.Equivalence{Store: reg.DB, Sampler: reg.DB}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	go natsx.ServeEquivalence(sctx, reg.nc, quiet(), eq.Answer)

	nc, _, err := natsx.Connect(srv.URL(), "self-check")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	rep, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	node := &border.Node{ID: "self", Replica: rep, Matcher: screening.New(), Log: quiet()}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	var sent []trex.EquivalenceRequest
	sc := &border.SelfCheck{Node: node, Sample: 64, Slack: time.Millisecond, Log: slog.New(slog.NewTextHandler(&logs, nil)),
		Ask: func(ctx context.Context, req trex.EquivalenceRequest) (trex.EquivalenceAnswer, error) {
			sent = append(sent, req)
			return natsx.AskEquivalence(ctx, nc, req)
		}}

	// The node holds what the registry has, as delivered.
	g := synth.New(5)
	var ids []string
	var people []trex.Person
	for range 12 {
		r, err := reg.Create(ctx, g.Person(), 48*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		ids, people = append(ids, r.ID), append(people, r.Person)
	}
	if _, err := reg.Lift(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		r, err := reg.DB.FindRestriction(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := node.ApplyChange(ctx, trex.Change{Restriction: *r}); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(5 * time.Millisecond)
	node.CaughtUp(ctx, time.Now())
	round := func() []border.Divergence {
		t.Helper()
		divs, err := sc.Round(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return divs
	}
	if divs := round(); len(divs) != 0 {
		t.Fatalf("a replica that agrees: %v", divs)
	}
	if sc.Stats().LastAgreed.IsZero() {
		t.Error("an agreeing round did not record the agreement")
	}

	// In flight: made at the registry after the node last caught up.
	late, err := reg.Create(ctx, g.Person(), 48*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if divs := round(); len(divs) != 0 {
		t.Fatalf("a change still on its way counted as divergence: %v", divs)
	}
	// The node says it caught up since, and still lacks it.
	time.Sleep(5 * time.Millisecond)
	node.CaughtUp(ctx, time.Now())
	wantDivergence(t, round(), late.ID, border.DivergentMissing)

	// A version the registry never issued.
	forged, _ := reg.DB.FindRestriction(ctx, ids[1])
	forged.Version, forged.Status = forged.Version+1, trex.StatusLifted
	if err := node.ApplyChange(ctx, trex.Change{Restriction: *forged}); err != nil {
		t.Fatal(err)
	}
	// The index loses a restriction the replica holds in force.
	node.Matcher.Remove(ids[2])
	divs := round()
	wantDivergence(t, divs, ids[1], border.DivergentVersion)
	wantDivergence(t, divs, ids[2], border.DivergentIndex)

	st := sc.Stats()
	if st.Divergent[border.DivergentVersion] == 0 || st.Divergent[border.DivergentIndex] == 0 || st.Divergent[border.DivergentMissing] == 0 || st.Rounds != 4 {
		t.Errorf("stats %+v", st)
	}
	if !strings.Contains(logs.String(), "replica diverges from the registry") || !strings.Contains(logs.String(), ids[2]) {
		t.Errorf("no divergence logged: %s", logs.String())
	}
	query, _ := json.Marshal(sent)
	for _, p := range people {
		for _, n := range p.Names {
			if strings.Contains(logs.String(), n.Surname) || strings.Contains(string(query), n.Surname) {
				t.Errorf("the self-check let a person's name out: %s", n.Surname)
			}
		}
	}

	m := prom.New()
	m.RegisterEquivalence("self", func() prom.EquivalenceStats {
		s := sc.Stats()
		return prom.EquivalenceStats{Rounds: s.Rounds, Unreachable: s.Unreachable, Compared: s.Compared, Divergent: s.Divergent, LastAgreed: s.LastAgreed}
	})
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{`trex_replica_equivalence_divergent_total{kind="index",node="self"} 1`,
		`trex_replica_equivalence_divergent_total{kind="unknown",node="self"} 0`, `trex_replica_equivalence_rounds_total{node="self"} 4`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s:\n%s", want, body)
		}
	}
}

func wantDivergence(t *testing.T, divs []border.Divergence, id, kind string) {
	t.Helper()
	for _, d := range divs {
		if d.ID == id && d.Kind == kind {
			return
		}
	}
	t.Errorf("no %s divergence on %s in %v", kind, id, divs)
}

// TestSelfCheckWithoutARegistryDoesNotBlock: a node whose exchange has no
// registry answering (a cut link, a registry down) counts the round as
// unreachable within its timeout and goes on answering checks meanwhile.
func TestSelfCheckWithoutARegistryDoesNotBlock(t *testing.T) {
	srv, err := natsx.RunEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	nc, _, err := natsx.Connect(srv.URL(), "self-check")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx := context.Background()
	rep, _ := sqlite.Open(":memory:")
	defer rep.Close()
	node := &border.Node{ID: "alone", Replica: rep, Matcher: screening.New(), Log: quiet()}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}
	sc := &border.SelfCheck{Node: node, Timeout: 2 * time.Second, Log: quiet(),
		Ask: func(ctx context.Context, req trex.EquivalenceRequest) (trex.EquivalenceAnswer, error) {
			return natsx.AskEquivalence(ctx, nc, req)
		}}
	done := make(chan error, 1)
	start := time.Now()
	go func() { _, err := sc.Round(ctx); done <- err }()
	if _, err := node.Check(ctx, synth.New(1).Person()); err != nil {
		t.Fatalf("a check during a round: %v", err)
	}
	if err := <-done; err == nil {
		t.Fatal("a round with no registry answering reported no error")
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the round took %s with a 2s timeout", took)
	}
	if st := sc.Stats(); st.Unreachable != 1 || !st.LastAgreed.IsZero() {
		t.Errorf("stats %+v", st)
	}
}

// TestEquivalenceQueryAbuse: the registry refuses a query over the
// limits, and answers garbage and oversized queries with an error rather
// than silence or a crash.
func TestEquivalenceQueryAbuse(t *testing.T) {
	srv, err := natsx.RunEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reg := StartRegistry(t, srv.URL())
	eq := &registry.Equivalence{Store: reg.DB, Sampler: reg.DB}
	go natsx.ServeEquivalence(ctx, reg.nc, quiet(), eq.Answer)
	nc, _, err := natsx.Connect(srv.URL(), "abuser")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	// The registry answers once its subscription has reached the server.
	for {
		_, err := natsx.AskEquivalence(ctx, nc, trex.EquivalenceRequest{Node: "x", Want: 1})
		if err == nil {
			break
		}
		if !errors.Is(err, nats.ErrNoResponders) || ctx.Err() != nil {
			t.Fatalf("a fair first query: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	big := trex.EquivalenceRequest{Node: "x", Want: 1 << 20}
	if _, err := natsx.AskEquivalence(ctx, nc, big); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("a query wanting %d: %v", big.Want, err)
	}
	many := trex.EquivalenceRequest{Node: "x", Sample: make([]trex.VersionRef, trex.MaxEquivalenceSample+1)}
	if _, err := natsx.AskEquivalence(ctx, nc, many); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("a query of %d: %v", len(many.Sample), err)
	}
	for _, payload := range [][]byte{[]byte("{not json"), bytes.Repeat([]byte("a"), 100<<10)} {
		m, err := nc.RequestWithContext(ctx, natsx.EquivalenceSubject, payload)
		if err != nil {
			t.Errorf("garbage query of %d bytes: no answer: %v", len(payload), err)
		} else if !strings.Contains(string(m.Data), `"error"`) {
			t.Errorf("garbage query of %d bytes answered %s", len(payload), m.Data)
		}
	}
	// Still serving after all that.
	if _, err := natsx.AskEquivalence(ctx, nc, trex.EquivalenceRequest{Node: "x", Want: 3}); err != nil {
		t.Errorf("a fair query after the abuse: %v", err)
	}
}
