package clustertest

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"trex"
	"trex/border"
	"trex/romanize"
	"trex/screening"
	"trex/sqlite"
	"trex/synth"
)

// TestChecksAtEveryNodeEqualTheRegistrysOwn is the rule a national copy
// lives by: for a random sample of travellers (listed persons whose
// restriction is in force or has ended, persons never listed, and their
// passport spellings: ICAO Latin names, documents alone, names and birth
// date alone), a check at each of three border nodes over the cluster
// returns the same decision and matches, scores included, as the same
// screening code run over the registry's own set of restrictions.
func TestChecksAtEveryNodeEqualTheRegistrysOwn(t *testing.T) {
	c := StartCluster(t, 3)
	reg := StartRegistry(t, c.URLs())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var nodes []*BorderNode
	var borders []Border
	for i, name := range []string{"e1", "e2", "e3"} {
		b := StartBorder(t, name, c.Nodes[i].URL(), reg.Trust)
		nodes = append(nodes, b)
		borders = append(borders, b.Border())
	}
	g := synth.New(21)
	rng := rand.New(rand.NewPCG(21, 21))
	var listed []trex.Person
	for i := range 60 {
		p := g.Person()
		if i%10 == 0 && len(listed) > 0 {
			p = listed[rng.IntN(len(listed))] // namesakes and re-listings
		}
		r, err := reg.Create(ctx, p, time.Duration(2+rng.IntN(48))*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, p)
		if rng.IntN(4) == 0 {
			if _, err := reg.Lift(ctx, r.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := reg.DB.ExpireDue(ctx, time.Now().Add(12*time.Hour)); err != nil {
		t.Fatal(err)
	}
	reg.Relay.Kick()
	for _, a := range reg.Ledger.Acked() {
		r, err := reg.DB.FindRestriction(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		reg.Ledger.Ack(r)
	}
	if err := reg.Invariant(borders...).Wait(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}

	// The registry's own set, screened by the same code.
	refDB, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer refDB.Close()
	ref := &border.Node{ID: "registry-view", Replica: refDB, Matcher: screening.New(), Log: quiet()}
	if err := ref.Open(ctx); err != nil {
		t.Fatal(err)
	}
	for _, a := range reg.Ledger.Acked() {
		r, err := reg.DB.FindRestriction(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := ref.ApplyChange(ctx, trex.Change{Restriction: *r}); err != nil {
			t.Fatal(err)
		}
	}

	var travellers []trex.Person
	for range 40 {
		travellers = append(travellers, variants(listed[rng.IntN(len(listed))])...)
	}
	for range 20 {
		travellers = append(travellers, variants(g.Person())...)
	}
	verdicts := map[trex.Verdict]int{}
	for _, p := range travellers {
		want, err := ref.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		verdicts[want.Verdict]++
		for _, b := range nodes {
			got, err := b.Border().Check(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if decisionText(got) != decisionText(want) {
				t.Errorf("%s answers %q, the registry's own set %q, for %+v", b.Name, decisionText(got), decisionText(want), p.Names)
			}
		}
	}
	if verdicts[trex.Hit] == 0 || verdicts[trex.Clear] == 0 {
		t.Errorf("the sample must hold hits and clears to compare: %v", verdicts)
	}
	t.Logf("%d travellers, registry verdicts %v", len(travellers), verdicts)
}

// variants are a person as the issuer holds them and as a passport shows
// them: ICAO Latin names with the birth date and documents, the documents
// alone, the Latin names and birth date alone.
func variants(p trex.Person) []trex.Person {
	latin := make([]trex.Name, len(p.Names))
	for i, n := range p.Names {
		latin[i] = trex.Name{Surname: romanize.ICAOName(n.Surname), Given: romanize.ICAOName(n.Given)}
	}
	out := []trex.Person{p, {Names: latin, BirthDate: p.BirthDate, Documents: p.Documents}, {Names: latin, BirthDate: p.BirthDate}}
	if len(p.Documents) > 0 {
		out = append(out, trex.Person{Documents: p.Documents})
	}
	return out
}
