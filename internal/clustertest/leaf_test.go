package clustertest

import (
	"context"
	"testing"
	"time"

	"trex/natsx"
	"trex/synth"
)

// TestBorderSitesAsLeafNodes: two border sites, each a leaf node of the
// cluster. One runs JetStream in its own domain with a mirror of the
// restrictions stream (the layout for a poor link); the other uses the
// cluster's JetStream across its link. Changes reach both, checks work,
// the invariant holds. Cut off, the mirrored site keeps answering from
// what it has and says how stale it is, and the other site's node stops
// calling itself current too; restored, both catch up with every change
// made meanwhile, lifts included.
func TestBorderSitesAsLeafNodes(t *testing.T) {
	c := StartCluster(t, 3)
	reg := StartRegistry(t, c.URLs())
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	mirrored := StartLeaf(t, c, LeafConfig{Name: "site-north", JetStream: true})
	plain := StartLeaf(t, c, LeafConfig{Name: "site-south"})
	bn := StartSiteBorder(t, "north-1", mirrored, reg.Trust)
	bs := StartLeafBorder(t, "south-1", plain, reg.Trust)
	central := StartBorder(t, "central-1", c.URLs(), reg.Trust)
	borders := []Border{bn.Border(), bs.Border(), central.Border()}
	iv := reg.Invariant(borders...)

	g := synth.New(11)
	var ids []string
	for range 15 {
		r, err := reg.Create(ctx, g.Person(), 30*24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if _, err := reg.Lift(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := iv.Wait(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	assertChecks(ctx, t, reg, borders)

	mirrored.Cut()
	plain.Cut()
	cutAt := time.Now()
	for _, lf := range []*Leaf{mirrored, plain} {
		if err := lf.WaitUnlinked(10 * time.Second); err != nil {
			t.Fatal(err)
		}
	}
	for range 5 {
		if _, err := reg.Create(ctx, g.Person(), 30*24*time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	lifted, err := reg.Lift(ctx, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	// The node in the middle of the exchange converges; the cut sites
	// cannot.
	if err := reg.Invariant(central.Border()).Wait(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	cutFor := 2*natsx.MirrorSilence + time.Second
	time.Sleep(time.Until(cutAt.Add(cutFor)))
	for _, b := range []*BorderNode{bn, bs} {
		if err := iv.CheckStale(ctx, b.Border(), cutFor, natsx.MirrorSilence+time.Second, lifted.Person); err != nil {
			t.Error(err)
		}
	}
	// The mirrored site still answers from what reached it: the lift made
	// while it was cut off has not.
	d, err := bn.Border().Check(ctx, lifted.Person)
	if err != nil {
		t.Fatalf("the cut-off mirrored site must still answer checks: %v", err)
	}
	if d.Verdict == "clear" {
		t.Errorf("the cut-off site cleared the person of %s, whose lift cannot have reached it", lifted.ID)
	}

	mirrored.Restore()
	plain.Restore()
	if err := iv.Wait(ctx, 60*time.Second); err != nil {
		t.Fatalf("after the link came back: %v", err)
	}
	assertChecks(ctx, t, reg, borders)
	for _, b := range []*BorderNode{bn, bs} {
		deadline := time.Now().Add(40 * time.Second)
		for {
			age, err := iv.Staleness(ctx, b.Border())
			if err == nil && age <= natsx.MirrorSilence {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("%s after the link came back: still %s stale (%v)", b.Name, age, err)
				break
			}
			time.Sleep(time.Second)
		}
	}
}
