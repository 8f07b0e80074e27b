package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"trex"
	"trex/internal/clustertest"
	"trex/natsx"
)

// clusterSite is a registry process on a 3-node cluster, with what a test
// needs to talk to it.
type clusterSite struct {
	bin, regDir, reg, issuer string
	cluster                  *clustertest.Cluster
}

// startClusterRegistry starts a 3-node cluster and `trex serve --nats
// URL,URL,URL` on it, and checks the streams it made are R3.
func startClusterRegistry(t *testing.T) *clusterSite {
	t.Helper()
	s := &clusterSite{bin: buildTrex(t), regDir: t.TempDir(), cluster: clustertest.StartCluster(t, 3)}
	s.reg = startProcess(t, s.bin, "serve", "--addr", "127.0.0.1:0", "--data", s.regDir, "--nats", s.cluster.URLs())
	s.issuer = createToken(t, s.bin, []string{"--db", filepath.Join(s.regDir, "registry.db"), "--trust", filepath.Join(s.regDir, "trust.json")},
		"--role", "issuer", "--authority", "district-court")
	nc, js, err := natsx.Connect(s.cluster.URLs(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, name := range []string{natsx.RestrictionsStream, natsx.ReceiptsStream, natsx.CheckReportsStream} {
		st, err := js.Stream(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if r := st.CachedInfo().Config.Replicas; r != 3 {
			t.Errorf("trex serve on a 3-node cluster made %s with %d replicas, want 3", name, r)
		}
	}
	return s
}

// borderProc is a `trex border` process that a test can stop and start
// again on the same data and address.
type borderProc struct {
	id      string
	t       *testing.T
	bin     string
	args    []string
	addr    string
	officer string
	cmd     *exec.Cmd
}

// newBorderProc prepares border node id on a fixed loopback address with
// extra flags (--nats and the site's), and an officer token in its store.
func (s *clusterSite) newBorderProc(t *testing.T, id string, extra ...string) *borderProc {
	t.Helper()
	dir := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	b := &borderProc{id: id, t: t, bin: s.bin, addr: addr,
		officer: createToken(t, s.bin, []string{"--db", filepath.Join(dir, "border-"+id+".db")}, "--role", "officer"),
		args: append([]string{"border", "--addr", addr, "--data", dir, "--id", id,
			"--trust", filepath.Join(s.regDir, "trust.json"), "--root", filepath.Join(s.regDir, "root.pub"),
			"--budget", "officer=1000:10000"}, extra...)}
	b.start()
	t.Cleanup(b.stop)
	return b
}

func (b *borderProc) url() string { return "http://" + b.addr }

// start runs the process and waits until its API answers.
func (b *borderProc) start() {
	b.t.Helper()
	b.cmd = exec.Command(b.bin, b.args...)
	if err := b.cmd.Start(); err != nil {
		b.t.Fatal(err)
	}
	if !waitFor(30*time.Second, func() bool {
		c, err := net.DialTimeout("tcp", b.addr, 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err == nil
	}) {
		b.t.Fatalf("border %v: API not up within 30s", b.args)
	}
}

// stop asks the process to end (SIGTERM) and waits for it.
func (b *borderProc) stop() {
	if b.cmd == nil {
		return
	}
	b.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { b.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		b.cmd.Process.Kill()
		<-done
	}
	b.cmd = nil
}

// create makes a court order on person through the registry's API.
func (s *clusterSite) create(t *testing.T, person map[string]any) string {
	t.Helper()
	var created struct{ ID string }
	if code := call(t, s.reg, "POST", "/v1/restrictions", s.issuer, map[string]any{
		"person": person, "kind": trex.KindCourtOrder, "legal_basis": "Case 3-9/2026",
		"valid_until": time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339),
	}, &created); code != 201 {
		t.Fatalf("create: %d", code)
	}
	return created.ID
}

// waitVerdict polls a node's check until it answers want for traveller.
func waitVerdict(t *testing.T, b *borderProc, traveller map[string]any, want trex.Verdict) checkAnswer {
	t.Helper()
	var ans checkAnswer
	if !waitFor(30*time.Second, func() bool {
		ans = checkAnswer{}
		code := call(t, b.url(), "POST", "/v1/checks", b.officer, map[string]any{"traveller": traveller}, &ans)
		return code == 200 && ans.Decision == want
	}) {
		t.Fatalf("%s: decision %q, want %q", b.id, ans.Decision, want)
	}
	return ans
}

// TestProcessesOverAClusterAndLeafNodes: `trex serve` and three `trex
// border` processes over a 3-node cluster given as --nats URL,URL,URL: one
// node on the cluster itself, one at a site whose leaf node runs its own
// JetStream and mirrors the stream (--site-mirror), one at a site whose
// leaf node runs none (--js-domain). A restriction reaches all three and a
// lift clears it at all three.
func TestProcessesOverAClusterAndLeafNodes(t *testing.T) {
	s := startClusterRegistry(t)
	north := clustertest.StartLeaf(t, s.cluster, clustertest.LeafConfig{Name: "site-north", JetStream: true})
	south := clustertest.StartLeaf(t, s.cluster, clustertest.LeafConfig{Name: "site-south"})
	nodes := []*borderProc{
		s.newBorderProc(t, "central", "--nats", s.cluster.URLs(), "--equivalence-every", "200ms"),
		s.newBorderProc(t, "north", "--nats", north.URL(), "--site-mirror", clustertest.HubDomain),
		s.newBorderProc(t, "south", "--nats", south.URL(), "--js-domain", clustertest.HubDomain),
	}
	id := s.create(t, issuerView)
	for _, b := range nodes {
		if ans := waitVerdict(t, b, passportView, trex.Hit); ans.Matches[0].RestrictionID != id {
			t.Errorf("%s: hit on %s, want %s", b.id, ans.Matches[0].RestrictionID, id)
		}
	}
	if code := call(t, s.reg, "POST", "/v1/restrictions/"+id+"/lift", s.issuer, map[string]string{"reason": "acquitted"}, nil); code != 200 {
		t.Fatalf("lift: %d", code)
	}
	for _, b := range nodes {
		waitVerdict(t, b, passportView, trex.Clear)
	}
	for _, b := range nodes {
		if !waitFor(20*time.Second, func() bool { return call(t, b.url(), "GET", "/readyz", "", nil, nil) == 200 }) {
			t.Errorf("%s is not ready", b.id)
		}
	}
	// The central node's self-check has compared its replica with the
	// registry's view, and found them equivalent.
	var metrics string
	if !waitFor(10*time.Second, func() bool {
		metrics = getText(t, nodes[0].url()+"/metrics")
		return strings.Contains(metrics, `trex_replica_equivalence_compared_total{node="central"}`) &&
			!strings.Contains(metrics, `trex_replica_equivalence_compared_total{node="central"} 0`) &&
			!strings.Contains(metrics, `trex_replica_equivalence_rounds_total{node="central"} 0`)
	}) {
		t.Fatalf("no self-check rounds in the central node's metrics:\n%s", metrics)
	}
	for _, kind := range []string{"version", "in_force", "unknown", "missing", "index"} {
		if want := `trex_replica_equivalence_divergent_total{kind="` + kind + `",node="central"} 0`; !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if !strings.Contains(metrics, `trex_replica_equivalence_unreachable_total{node="central"} 0`) {
		t.Errorf("the registry did not answer every self-check round:\n%s", metrics)
	}
}

// getText fetches url's body.
func getText(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
