package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"trex/natsx"
)

// TestFaultRegistryKilledBetweenCommitAndPublish: the registry process
// dies (SIGKILL, at a crash point) after a change is committed with its
// outbox row and before the exchange has it, and, in the second case,
// after the exchange has it and before the outbox knows. Restarted, it
// publishes what was left and the invariants hold: nothing acknowledged is
// lost, nothing is applied twice, every node equals the registry.
func TestFaultRegistryKilledBetweenCommitAndPublish(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	for _, point := range []string{"registry.before-publish", "registry.after-publish"} {
		t.Run(point, func(t *testing.T) {
			e := newFaultEnv(t)
			e.startRegistry("TREX_CRASH_AT=" + point + ":25")
			b := e.addBorder(e.natsURL)
			failed := e.burst(80, 4, true)
			if !e.reg.waitExit(20 * time.Second) {
				t.Fatalf("registry did not reach crash point %s", point)
			}
			_, waiting, err := e.registryState(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			e.startRegistry()
			e.burst(10, 2, false)
			rep := e.checkInvariants(30 * time.Second)
			h, _ := borderHealthz(b)
			t.Logf("fault: registry SIGKILLed at %s (25th publish); %d requests failed while it died; %d changes were in the outbox unpublished at the crash; restarted: %s; node refused %d envelopes as replays",
				point, failed, waiting, rep, h.RefusedBy["replayed"])
		})
	}
}

// TestFaultRegistryKilledMidBatch: SIGKILL lands on the registry while
// eight clients write at once (some requests in flight, some changes
// committed and not published); after a restart every acknowledged write
// reaches every node.
func TestFaultRegistryKilledMidBatch(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	e := newFaultEnv(t)
	e.startRegistry()
	e.addBorder(e.natsURL)
	e.addBorder(e.natsURL)
	done := make(chan int)
	go func() { done <- e.burst(400, 8, true) }()
	waitFor(30*time.Second, func() bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		return len(e.acked) >= 60
	})
	e.reg.kill()
	failed := <-done
	_, waiting, err := e.registryState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	e.startRegistry()
	e.burst(10, 2, false)
	rep := e.checkInvariants(30 * time.Second)
	t.Logf("fault: registry SIGKILLed under 8 concurrent writers; %d requests failed; %d changes were unpublished at the kill; restarted: %s", failed, waiting, rep)
}

// TestFaultBorderKilledMidApply: a border node dies (SIGKILL at a crash
// point) after writing a change to its replica and before indexing and
// acknowledging it. Restarted, it loads the replica, is redelivered the
// unacknowledged changes, and ends equal to the registry; the registry
// holds a receipt from it for the version of each restriction it holds.
func TestFaultBorderKilledMidApply(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	e := newFaultEnv(t)
	e.startRegistry()
	b := e.addBorder(e.natsURL, "TREX_CRASH_AT=border.after-replica:40")
	e.burst(100, 4, false)
	if !b.waitExit(30 * time.Second) {
		t.Fatal("border node did not reach its crash point")
	}
	restarted := time.Now()
	e.restartBorder(b, e.natsURL)
	rep := e.checkInvariants(45 * time.Second)
	// Caught up again (data_as_of after the restart) once nothing is
	// owed: the changes the dead process held unacknowledged come back
	// after the consumer's ack wait.
	if !waitFor(60*time.Second, func() bool {
		h, err := borderHealthz(b)
		return err == nil && h.DataAsOf.After(restarted)
	}) {
		t.Fatalf("restarted node %s not caught up within a minute", b.id)
	}
	readyAfter := time.Since(restarted)
	missing := e.missingReceipts(b, 45*time.Second) // redelivery after the consumer's ack wait
	if len(missing) > 0 {
		t.Fatalf("the registry has no receipt from %s for %d applied versions, e.g. %s", b.id, len(missing), missing[0])
	}
	t.Logf("fault: border node SIGKILLed between replica write and ack (40th change); restarted, caught up again after %v: %s; the registry holds its receipt for every version it holds",
		readyAfter.Round(time.Millisecond), rep)
}

// TestFaultBorderLinkCut: a border node's link to the exchange is cut
// while the registry goes on writing (the backlog stands for minutes of
// writes: 300 changes, 3000 with TREX_FAULTS=full); the cut-off node goes
// on answering checks from what it has, says how stale it is (data_as_of
// stays at the cut, /readyz fails), and once the link is back it catches
// up and the invariants hold.
func TestFaultBorderLinkCut(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	e := newFaultEnv(t)
	px := newLinkProxy(t, e.natsURL)
	e.startRegistry()
	near := e.addBorder(e.natsURL)
	far := e.addBorder(px.URL())
	e.burst(20, 2, false)
	e.checkInvariants(30 * time.Second)

	px.Cut()
	cutAt := time.Now()
	backlog := 300
	if faultsFull() {
		backlog = 3000
	}
	start := time.Now()
	e.burst(backlog, 4, false)
	wrote := time.Since(start)
	// The cut-off node says it is stale; the connected one is not.
	if !waitFor(15*time.Second, func() bool { return readyCode(far.faultProc) == 503 }) {
		t.Fatalf("cut-off node %s still says it is ready", far.id)
	}
	h, err := borderHealthz(far)
	if err != nil {
		t.Fatal(err)
	}
	if h.DataAsOf.After(cutAt) {
		t.Fatalf("cut-off node claims data as of %v, after the cut at %v", h.DataAsOf, cutAt)
	}
	ans := e.checkAt(far, 0) // still answers, dated
	if ans.DataAsOf.After(cutAt) {
		t.Fatalf("check at the cut-off node dated %v, after the cut", ans.DataAsOf)
	}
	staleFor := time.Since(h.DataAsOf)
	if code := readyCode(near.faultProc); code != 200 {
		t.Fatalf("connected node %s /readyz %d", near.id, code)
	}
	px.Restore()
	restored := time.Now()
	rep := e.checkInvariants(60 * time.Second)
	caughtUp := time.Since(restored)
	if !waitFor(15*time.Second, func() bool { return readyCode(far.faultProc) == 200 }) {
		t.Fatalf("node %s not ready after catching up", far.id)
	}
	t.Logf("fault: link of %s cut while %d creates (+lifts) were written in %v; it reported data_as_of %v old and /readyz 503, answered checks dated before the cut; restored, it caught up in %v: %s",
		far.id, backlog, wrote.Round(time.Millisecond), staleFor.Round(time.Millisecond), caughtUp.Round(time.Millisecond), rep)
}

// TestFaultDuplicatedAndReorderedDeliveries: every envelope in the stream
// is published again, newest first, under fresh message IDs (so the
// stream's deduplication does not catch them): each node refuses them as
// replays, no lifted restriction comes back, and a node that joins
// afterwards and reads the whole stream, old envelopes after new ones,
// ends in the same state.
func TestFaultDuplicatedAndReorderedDeliveries(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	e := newFaultEnv(t)
	e.startRegistry()
	b := e.addBorder(e.natsURL)
	e.burst(40, 2, false)
	e.checkInvariants(30 * time.Second)

	nc, js, err := natsx.Connect(e.natsURL, "fault-replayer")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	msgs := streamMessages(ctx, t, js)
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		msg := jetstreamMsg(m.Subject, m.Data, fmt.Sprintf("replay-%d", i))
		if _, err := js.PublishMsg(ctx, msg); err != nil {
			t.Fatal(err)
		}
	}
	if !waitFor(20*time.Second, func() bool {
		h, err := borderHealthz(b)
		return err == nil && h.RefusedBy["replayed"] >= int64(len(msgs))
	}) {
		h, _ := borderHealthz(b)
		t.Fatalf("node refused %v of %d replayed envelopes", h.RefusedBy, len(msgs))
	}
	late := e.addBorder(e.natsURL)
	rep := e.checkInvariants(30 * time.Second)
	h, _ := borderHealthz(late)
	t.Logf("fault: %d envelopes republished newest first; the node refused all as replays; a node joining afterwards read them after the originals and refused %d; %s",
		len(msgs), h.RefusedBy["replayed"], rep)
}

// streamMessages reads every message in the restrictions stream in order.
func streamMessages(ctx context.Context, t *testing.T, js jetstream.JetStream) []*jetstream.RawStreamMsg {
	t.Helper()
	s, err := js.Stream(ctx, natsx.RestrictionsStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []*jetstream.RawStreamMsg
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			continue // deleted (superseded beyond the per-subject limit)
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		t.Fatal("the stream holds no envelopes")
	}
	return out
}
