package main

import (
	"net/http"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"trex"
)

// setFileSizeLimit sets the largest file offset process p may write at
// (RLIMIT_FSIZE): at one byte every write to a file fails with EFBIG, as
// on a full disk, while reads, pipes and sockets go on; unlimited undoes
// it. This fills the disk of one process without root or a mount.
func setFileSizeLimit(t *testing.T, p *faultProc, limit uint64) {
	t.Helper()
	if err := unix.Prlimit(p.cmd.Process.Pid, unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: limit, Max: unix.RLIM_INFINITY}, nil); err != nil {
		t.Fatalf("prlimit %s: %v", p.name, err)
	}
}

// TestFaultRegistryDiskFull: the registry's disk fills (every file write
// fails) while issuers write. Each write is refused with a problem (never
// acknowledged and then lost), the process stays up, and once space is
// back the refused writes can be made again and everything converges.
func TestFaultRegistryDiskFull(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	e := newFaultEnv(t)
	e.startRegistry()
	e.addBorder(e.natsURL)
	e.burst(20, 2, false)
	e.checkInvariants(30 * time.Second)

	setFileSizeLimit(t, e.reg, 1)
	before := len(e.acked)
	statuses := map[int]int{}
	for range 10 {
		code, err := faultCall(e.reg.url, "POST", "/v1/restrictions", e.issuer, map[string]any{
			"person": issuerView, "kind": trex.KindCourtOrder, "legal_basis": "Case D-1/2026",
			"valid_until": time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339),
		}, nil)
		if err != nil {
			t.Fatalf("registry stopped answering with a full disk: %v", err)
		}
		statuses[code]++
	}
	if statuses[http.StatusCreated] > 0 || len(e.acked) != before {
		t.Fatalf("writes acknowledged on a full disk: %v", statuses)
	}
	// A full disk is a dependency down for now, not a fault of the
	// request or a bug: 503, to be tried again.
	if statuses[http.StatusServiceUnavailable] != 10 {
		t.Errorf("creates on a full disk answered %v, want 503 each", statuses)
	}
	if e.reg.exited() {
		t.Fatalf("registry died on a full disk:\n%s", e.reg.logText())
	}
	setFileSizeLimit(t, e.reg, unix.RLIM_INFINITY)
	if failed := e.burst(20, 2, false); failed > 0 {
		t.Fatalf("%d writes failed after space came back", failed)
	}
	rep := e.checkInvariants(60 * time.Second)
	t.Logf("fault: registry's disk full: 10 creates answered %v (none acknowledged), process stayed up; space back: %s", statuses, rep)
}

// TestFaultReplicaDiskFull: a border node's disk fills while changes
// arrive. It cannot apply them, keeps them owed (not acknowledged), says
// it is stale; once space is back it applies them and converges.
func TestFaultReplicaDiskFull(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	e := newFaultEnv(t)
	e.startRegistry()
	b := e.addBorder(e.natsURL)
	e.burst(10, 2, false)
	e.checkInvariants(30 * time.Second)

	setFileSizeLimit(t, b.faultProc, 1)
	full := time.Now()
	e.burst(40, 2, false)
	if !waitFor(15*time.Second, func() bool { return readyCode(b.faultProc) == 503 }) {
		t.Fatalf("node with a full disk still says it is ready")
	}
	h, err := borderHealthz(b)
	if err != nil {
		t.Fatal(err)
	}
	if h.DataAsOf.After(full) {
		t.Fatalf("node with a full disk claims data as of %v, after the disk filled at %v", h.DataAsOf, full)
	}
	_, passport := faultPerson(e.persons - 1)
	checkCode, _ := faultCall(b.url, "POST", "/v1/checks", b.officer, map[string]any{"traveller": passport}, nil)
	if b.exited() {
		t.Fatalf("border node died on a full disk:\n%s", b.logText())
	}
	setFileSizeLimit(t, b.faultProc, unix.RLIM_INFINITY)
	rep := e.checkInvariants(60 * time.Second)
	t.Logf("fault: border replica's disk full while 40 creates arrived: node stayed up, /readyz 503, data_as_of %v old, a check answered %d; space back: %s",
		time.Since(h.DataAsOf).Round(time.Millisecond), checkCode, rep)
}
