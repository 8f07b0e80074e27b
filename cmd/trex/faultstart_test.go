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
