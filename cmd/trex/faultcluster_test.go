package main

import (
	"testing"
	"time"

	"trex/internal/clustertest"
	"trex/natsx"
)

// TestFaultNATSNodeAndLeaderLost: on a 3-node JetStream cluster (R3
// streams), one server that does not lead the restrictions stream is
// killed while issuers write, brought back, and then the stream's leader
// is killed likewise. The registry and the border nodes (all given the
// cluster as --nats URL,URL,URL) ride through each loss; after each the
// invariants hold.
func TestFaultNATSNodeAndLeaderLost(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	c := clustertest.StartCluster(t, 3)
	e := newFaultEnvOn(t, c.URLs())
	e.startRegistry()
	e.addBorder(c.URLs())
	e.addBorder(c.URLs())
	e.burst(20, 2, false)
	e.checkInvariants(30 * time.Second)

	lose := func(which string, pick func(leader *clustertest.Node) *clustertest.Node) {
		leader, err := c.WaitStreamLeader(natsx.RestrictionsStream, 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		victim := pick(leader)
		done := make(chan int)
		before := len(e.acked)
		go func() { done <- e.burst(120, 4, false) }()
		waitFor(20*time.Second, func() bool {
			e.mu.Lock()
			defer e.mu.Unlock()
			return len(e.acked) >= before+20
		})
		killed := time.Now()
		victim.Kill()
		newLeader, err := c.WaitStreamLeader(natsx.RestrictionsStream, 30*time.Second)
		if err != nil {
			t.Fatalf("no stream leader after losing %s: %v", victim.Name, err)
		}
		elected := time.Since(killed)
		failed := <-done
		rep := e.checkInvariants(3 * time.Minute)
		t.Logf("fault: %s %s (leader was %s) killed under 4 writers; leader now %s after %v; %d requests failed; with the node down: %s",
			which, victim.Name, leader.Name, newLeader.Name, elected.Round(time.Millisecond), failed, rep)
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		if err := c.WaitReady(30 * time.Second); err != nil {
			t.Fatal(err)
		}
		e.burst(10, 2, false)
		rep = e.checkInvariants(3 * time.Minute)
		t.Logf("fault: %s back: %s", victim.Name, rep)
	}
	lose("follower", func(leader *clustertest.Node) *clustertest.Node {
		for _, n := range c.Nodes {
			if n != leader {
				return n
			}
		}
		return nil
	})
	lose("leader", func(leader *clustertest.Node) *clustertest.Node { return leader })
}
