package main

import (
	"testing"
	"time"
)

// TestFaultBorderStartsWhileCut: a border node restarted while its link to
// the exchange is down (a site whose power comes back before its line)
// starts all the same: it answers checks from its replica, a listed person
// still stopped, says how stale it is (data_as_of before the cut, /readyz
// failing), and once the link is back it catches up with what was written
// meanwhile and the invariants hold.
func TestFaultBorderStartsWhileCut(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	e := newFaultEnv(t)
	px := newLinkProxy(t, e.natsURL)
	e.startRegistry()
	far := e.addBorder(px.URL())
	listed, err := e.create()
	if err != nil {
		t.Fatal(err)
	}
	e.burst(20, 2, false)
	e.checkInvariants(30 * time.Second)

	far.kill()
	px.Cut()
	cutAt := time.Now()
	e.burst(30, 2, false)
	e.restartBorder(far, px.URL())
	ans := e.checkAt(far, e.acked[listed])
	if !matchesID(ans, listed) {
		t.Fatalf("node started while cut off does not stop the listed person: %+v", ans)
	}
	if ans.DataAsOf.IsZero() || ans.DataAsOf.After(cutAt) {
		t.Fatalf("check at the node started while cut off dated %v; want a time before the cut at %v", ans.DataAsOf, cutAt)
	}
	if !waitFor(15*time.Second, func() bool { return readyCode(far.faultProc) == 503 }) {
		t.Fatalf("node started while cut off still says it is ready")
	}
	px.Restore()
	restored := time.Now()
	rep := e.checkInvariants(60 * time.Second)
	if !waitFor(15*time.Second, func() bool { return readyCode(far.faultProc) == 200 }) {
		t.Fatalf("node %s not ready after the link came back", far.id)
	}
	t.Logf("fault: %s restarted while cut off; it answered from its replica dated %v, /readyz 503; the link restored, it caught up in %v: %s",
		far.id, ans.DataAsOf.Format(time.RFC3339), time.Since(restored).Round(time.Millisecond), rep)
}

// TestFaultRegistryStartsWhileCut: the registry started while the exchange
// cannot be reached starts all the same and acknowledges writes (each
// committed with its outbox row), says it is not ready while they wait,
// and once the exchange is back it sets up the streams and publishes them:
// a border node then holds every acknowledged write and stops the person.
func TestFaultRegistryStartsWhileCut(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	e := newFaultEnv(t)
	direct := e.natsURL
	px := newLinkProxy(t, direct)
	px.Cut()
	e.natsURL = px.URL()
	e.startRegistry()
	listed, err := e.create()
	if err != nil {
		t.Fatalf("the registry started while cut off refuses a write: %v", err)
	}
	e.burst(10, 2, false)
	if !waitFor(15*time.Second, func() bool { return readyCode(e.reg) == 503 }) {
		t.Fatalf("the registry says it is ready while its writes cannot be published")
	}
	px.Restore()
	restored := time.Now()
	b := e.addBorder(direct)
	rep := e.checkInvariants(60 * time.Second)
	if ans := e.checkAt(b, e.acked[listed]); !matchesID(ans, listed) {
		t.Fatalf("the write acknowledged while cut off does not stop the person at the border: %+v", ans)
	}
	if !waitFor(15*time.Second, func() bool { return readyCode(e.reg) == 200 }) {
		t.Fatalf("the registry is not ready after the exchange came back")
	}
	t.Logf("fault: registry started while the exchange was cut off and acknowledged 11 writes; the exchange restored, a border node held them all within %v: %s",
		time.Since(restored).Round(time.Millisecond), rep)
}
