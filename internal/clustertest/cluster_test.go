package clustertest

import (
	"context"
	"testing"
	"time"

	"trex"
	"trex/natsx"
	"trex/synth"
)

// TestClusterCarriesChangesToEveryBorderNode: a registry and three border
// nodes over a 3-node cluster with R3 streams. Restrictions created and
// lifted reach every node, checks find the active ones and not the lifted
// ones, and the invariant holds; with the restrictions stream's leader
// killed, writes still land and the invariant still holds.
func TestClusterCarriesChangesToEveryBorderNode(t *testing.T) {
	c := StartCluster(t, 3)
	reg := StartRegistry(t, c.URLs())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	info, err := reg.JS.Stream(ctx, natsx.RestrictionsStream)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.CachedInfo().Config.Replicas; got != 3 {
		t.Fatalf("restrictions stream has %d replicas on a 3-node cluster, want 3", got)
	}
	var borders []Border
	for i, name := range []string{"b1", "b2", "b3"} {
		// Each node is given one cluster node first, as a site would list
		// its nearest; the client learns the others from the cluster.
		b := StartBorder(t, name, c.Nodes[i].URL()+","+c.URLs(), reg.Trust)
		borders = append(borders, b.Border())
	}
	iv := reg.Invariant(borders...)
	g := synth.New(7)
	var ids []string
	for range 20 {
		r, err := reg.Create(ctx, g.Person(), 30*24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	for _, id := range ids[:5] {
		if _, err := reg.Lift(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := iv.Wait(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	assertChecks(ctx, t, reg, borders)

	leader, err := c.WaitStreamLeader(natsx.RestrictionsStream, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	leader.Kill()
	for range 10 {
		if _, err := reg.Create(ctx, g.Person(), 30*24*time.Hour); err != nil {
			t.Fatalf("create with the stream leader %s down: %v", leader.Name, err)
		}
	}
	if _, err := reg.Lift(ctx, ids[5]); err != nil {
		t.Fatal(err)
	}
	if err := iv.Wait(ctx, 30*time.Second); err != nil {
		t.Fatalf("with leader %s killed: %v", leader.Name, err)
	}
	if next, err := c.WaitStreamLeader(natsx.RestrictionsStream, 10*time.Second); err != nil || next == leader {
		t.Fatalf("after killing %s the leader is %v (%v)", leader.Name, next, err)
	}
	if err := leader.Start(); err != nil {
		t.Fatal(err)
	}
	if err := iv.Wait(ctx, 30*time.Second); err != nil {
		t.Fatalf("with %s back: %v", leader.Name, err)
	}
}

// assertChecks checks the person of every acknowledged restriction at
// every node: an active one is matched (hit or refer, naming it), an
// ended one is not named.
func assertChecks(ctx context.Context, t *testing.T, reg *Registry, borders []Border) {
	t.Helper()
	now := time.Now()
	for _, a := range reg.Ledger.Acked() {
		cur, err := reg.DB.FindRestriction(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range borders {
			d, err := b.Check(ctx, a.Person)
			if err != nil {
				t.Fatal(err)
			}
			named := false
			for _, m := range d.Matches {
				named = named || m.RestrictionID == a.ID
			}
			if cur.InForce(now) && (!named || d.Verdict == trex.Clear) {
				t.Errorf("%s: the person of active %s: %s, matches %+v", b.Name(), a.ID, d.Verdict, d.Matches)
			}
			if !cur.InForce(now) && named {
				t.Errorf("%s: the person of %s %s still matches it", b.Name(), cur.Status, a.ID)
			}
		}
	}
}
