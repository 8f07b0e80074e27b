package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
	"trex/natsx"
)

// The fault matrix runs real trex processes (built with -tags faultinject,
// which compiles in the crash points of crashpoint_faultinject.go) against
// a NATS server private to the test, breaks one thing, and then checks the
// exchange's invariants (faultEnv.checkInvariants).

// faultsFull reports whether the long parts of the fault matrix run
// (TREX_FAULTS=full): bigger backlogs and bursts.
func faultsFull() bool { return os.Getenv("TREX_FAULTS") == "full" }

// The fault binary is shared by the tests that run at the same time and
// removed when the last of them ends.
var (
	faultBinMu    sync.Mutex
	faultBin      string
	faultBinUsers int
)

// buildFaultTrex compiles trex with its crash points (once for the tests
// running together) and returns the binary's path.
func buildFaultTrex(t testing.TB) string {
	t.Helper()
	faultBinMu.Lock()
	defer faultBinMu.Unlock()
	if faultBin == "" {
		dir, err := os.MkdirTemp("", "trex-faults-bin")
		if err != nil {
			t.Fatal(err)
		}
		bin := filepath.Join(dir, "trex")
		if out, err := exec.Command("go", "build", "-tags", "faultinject", "-o", bin, ".").CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			t.Fatalf("go build -tags faultinject: %v\n%s", err, out)
		}
		faultBin = bin
	}
	faultBinUsers++
	bin := faultBin
	t.Cleanup(func() {
		faultBinMu.Lock()
		defer faultBinMu.Unlock()
		if faultBinUsers--; faultBinUsers == 0 {
			os.RemoveAll(filepath.Dir(faultBin))
			faultBin = ""
		}
	})
	return bin
}

// faultProc is a trex process a fault test starts, kills and restarts.
type faultProc struct {
	name string
	cmd  *exec.Cmd
	url  string
	done chan struct{}
	mu   sync.Mutex
	logs []string
}

// startFaultProc runs bin with args (and extra environment) until the test
// ends, and waits for its API to announce itself.
func startFaultProc(t testing.TB, name, bin string, env []string, args ...string) *faultProc {
	t.Helper()
	p := &faultProc{name: name, cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	stderr, _ := p.cmd.StderrPipe()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() { p.kill() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.logs = append(p.logs, line)
			p.mu.Unlock()
			if m := apiLine.FindStringSubmatch(line); m != nil {
				select {
				case addr <- "http://" + m[1]:
				default:
				}
			}
			if testing.Verbose() {
				fmt.Fprintf(os.Stderr, "[%s] %s\n", name, line)
			}
		}
	}()
	select {
	case p.url = <-addr:
	case <-p.done:
		t.Fatalf("%s exited before serving:\n%s", name, p.logText())
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not announce its API within 60s:\n%s", name, p.logText())
	}
	return p
}

// logText is what the process wrote to stderr so far.
func (p *faultProc) logText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.logs, "\n")
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *faultProc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// exited reports whether the process has ended.
func (p *faultProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitExit waits up to d for the process to end by itself.
func (p *faultProc) waitExit(d time.Duration) bool {
	select {
	case <-p.done:
		return true
	case <-time.After(d):
		return false
	}
}

// faultBorder is one border node process and what a test needs to reach it.
type faultBorder struct {
	id, dir, officer string
	*faultProc
}

// faultEnv is a registry, its border nodes and a private exchange, with
// the record of what the registry's API acknowledged.
type faultEnv struct {
	t       testing.TB
	bin     string
	natsURL string
	regDir  string
	pgURL   string // empty: the registry is on SQLite in regDir
	reg     *faultProc
	issuer  string
	borders []*faultBorder

	mu      sync.Mutex
	acked   map[string]int // restriction ID → person number, acknowledged 201
	lifted  map[string]bool
	persons int
}

// newFaultEnv starts a private NATS server with JetStream for the test.
func newFaultEnv(t testing.TB) *faultEnv {
	t.Helper()
	srv, err := natsx.RunEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	return newFaultEnvOn(t, srv.URL())
}

// newFaultEnvOn is a fault environment on the exchange at natsURL (a
// comma-separated list for a cluster).
func newFaultEnvOn(t testing.TB, natsURL string) *faultEnv {
	return &faultEnv{t: t, bin: buildFaultTrex(t), natsURL: natsURL, regDir: t.TempDir(),
		acked: map[string]int{}, lifted: map[string]bool{}}
}

// startRegistry starts (or restarts, on the same data) the registry
// process with env added to its environment.
func (e *faultEnv) startRegistry(env ...string) {
	e.t.Helper()
	args := []string{"serve", "--addr", "127.0.0.1:0", "--data", e.regDir, "--nats", e.natsURL, "--ready-max-outbox-age", "2s"}
	if e.pgURL != "" {
		args = append(args, "--postgres", e.pgURL)
	}
	e.reg = startFaultProc(e.t, "registry", e.bin, env, args...)
	if e.issuer == "" {
		e.issuer = faultToken(e.t, e.bin, append(e.regStore(), "--trust", filepath.Join(e.regDir, "trust.json")),
			"--role", "issuer", "--authority", "district-court")
	}
}

// regStore names the registry's store for trex token create (and, with
// PostgreSQL, the directory of the registry's audit log, where the token
// is recorded).
func (e *faultEnv) regStore() []string {
	if e.pgURL != "" {
		return []string{"--postgres", e.pgURL, "--data", e.regDir}
	}
	return []string{"--db", filepath.Join(e.regDir, "registry.db")}
}

// addBorder starts a new border node process (after the registry, which
// writes the trust list).
func (e *faultEnv) addBorder(natsURL string, env ...string) *faultBorder {
	e.t.Helper()
	b := &faultBorder{id: fmt.Sprintf("fault-%d", len(e.borders)+1), dir: e.t.TempDir()}
	b.officer = faultToken(e.t, e.bin, []string{"--db", filepath.Join(b.dir, "border-"+b.id+".db")}, "--role", "officer")
	e.restartBorder(b, natsURL, env...)
	e.borders = append(e.borders, b)
	return b
}

// restartBorder starts b's process (again) on its data directory.
func (e *faultEnv) restartBorder(b *faultBorder, natsURL string, env ...string) {
	e.t.Helper()
	b.faultProc = startFaultProc(e.t, b.id, e.bin, env, "border", "--addr", "127.0.0.1:0", "--data", b.dir, "--id", b.id,
		"--nats", natsURL, "--trust", filepath.Join(e.regDir, "trust.json"), "--root", filepath.Join(e.regDir, "root.pub"),
		"--ready-max-staleness", "2s", "--budget", "officer=100000:100000", "--role-budget", "officer=100000:100000")
}

// person is the n-th synthetic person as the issuer records them and as
// their passport reads: a unique passport number and birth date.
func faultPerson(n int) (issuer, passport map[string]any) {
	last := [][2]string{{"Смирнов", "SMIRNOV"}, {"Кузнецов", "KUZNETSOV"}, {"Попов", "POPOV"}, {"Соколов", "SOKOLOV"}, {"Лебедев", "LEBEDEV"}, {"Морозов", "MOROZOV"}}
	first := [][2]string{{"Алексей", "ALEKSEI"}, {"Дмитрий", "DMITRII"}, {"Сергей", "SERGEI"}, {"Андрей", "ANDREI"}, {"Михаил", "MIKHAIL"}}
	l, f := last[n%len(last)], first[(n/len(last))%len(first)]
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n*7).Format("2006-01-02")
	doc := fmt.Sprintf("7%08d", n)
	issuer = entity(map[string][]string{"lastName": {l[0]}, "firstName": {f[0]}, "birthDate": {birth}, "gender": {"male"}, "passportNumber": {doc}})
	passport = entity(map[string][]string{"lastName": {l[1]}, "firstName": {f[1]}, "birthDate": {birth}, "passportNumber": {doc}})
	return issuer, passport
}

// create asks the registry for a restriction on a new person; it returns
// the ID when the API acknowledged it (201), and records it as acked.
func (e *faultEnv) create() (string, error) {
	e.mu.Lock()
	n := e.persons
	e.persons++
	url := e.reg.url
	e.mu.Unlock()
	p, _ := faultPerson(n)
	var created struct{ ID string }
	code, err := faultCall(url, "POST", "/v1/restrictions", e.issuer, map[string]any{
		"person": p, "kind": trex.KindCourtOrder, "legal_basis": fmt.Sprintf("Case F-%d/2026", n),
		"valid_until": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339),
	}, &created)
	if err != nil {
		return "", err
	}
	if code != http.StatusCreated || created.ID == "" {
		return "", fmt.Errorf("create: status %d", code)
	}
	e.mu.Lock()
	e.acked[created.ID] = n
	e.mu.Unlock()
	return created.ID, nil
}

// lift asks the registry to lift id and records an acknowledged lift.
func (e *faultEnv) lift(id string) error {
	code, err := faultCall(e.reg.url, "POST", "/v1/restrictions/"+id+"/lift", e.issuer, map[string]string{"reason": "fault matrix"}, nil)
	if err != nil {
		return err
	}
	if code != http.StatusOK {
		return fmt.Errorf("lift %s: status %d", id, code)
	}
	e.mu.Lock()
	e.lifted[id] = true
	e.mu.Unlock()
	return nil
}

// burst creates n restrictions from workers concurrent clients and lifts
// every fifth acknowledged one; it stops early at the first error of a
// worker when stopOnError (the registry went away) and returns how many
// requests failed.
func (e *faultEnv) burst(n, workers int, stopOnError bool) (failed int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range n {
			next <- i
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				id, err := e.create()
				if err == nil && i%5 == 4 {
					err = e.lift(id)
				}
				if err != nil {
					mu.Lock()
					failed++
					mu.Unlock()
					if stopOnError {
						for range next {
						}
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	return failed
}

// tryCall is call that returns transport errors instead of failing.
func faultCall(base, method, path, token string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = strings.NewReader(string(b))
	}
	req, _ := http.NewRequest(method, base+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	c := http.Client{Timeout: 20 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: decode %q: %w", method, path, data, err)
		}
	}
	return resp.StatusCode, nil
}

// heldVersion is what a store holds of one restriction.
type heldVersion struct {
	Version int64
	Status  trex.Status
}

// registryState reads every restriction the registry holds, and how many
// changes wait in its outbox.
func (e *faultEnv) registryState(ctx context.Context) (map[string]heldVersion, int, error) {
	out := map[string]heldVersion{}
	var pending int
	if e.pgURL != "" {
		conn, err := pgx.Connect(ctx, e.pgURL)
		if err != nil {
			return nil, 0, err
		}
		defer conn.Close(ctx)
		rows, err := conn.Query(ctx, `SELECT id, version, status FROM restrictions`)
		if err != nil {
			return nil, 0, err
		}
		for rows.Next() {
			var id string
			var h heldVersion
			if err := rows.Scan(&id, &h.Version, &h.Status); err != nil {
				return nil, 0, err
			}
			out[id] = h
		}
		if err := rows.Err(); err != nil {
			return nil, 0, err
		}
		err = conn.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE published_at IS NULL`).Scan(&pending)
		return out, pending, err
	}
	db, err := readOnlySQLite(filepath.Join(e.regDir, "registry.db"))
	if err != nil {
		return nil, 0, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT id, version, status FROM restrictions`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var h heldVersion
		if err := rows.Scan(&id, &h.Version, &h.Status); err != nil {
			return nil, 0, err
		}
		out[id] = h
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE published_at IS NULL`).Scan(&pending)
	return out, pending, err
}

// replicaState reads a border node's replica (tombstones left out).
func replicaState(ctx context.Context, b *faultBorder) (map[string]heldVersion, error) {
	db, err := readOnlySQLite(filepath.Join(b.dir, "border-"+b.id+".db"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT id, version, json_extract(body, '$.status') FROM replica`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]heldVersion{}
	for rows.Next() {
		var id string
		var h heldVersion
		if err := rows.Scan(&id, &h.Version, &h.Status); err != nil {
			return nil, err
		}
		if h.Status != trex.StatusPurged {
			out[id] = h
		}
	}
	return out, rows.Err()
}

// readOnlySQLite opens another process's SQLite database for reading.
func readOnlySQLite(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// diffStates describes how a node's state differs from the registry's.
func diffStates(reg, node map[string]heldVersion) []string {
	var out []string
	for id, h := range reg {
		if h.Status == trex.StatusPurged {
			continue
		}
		if n, ok := node[id]; !ok {
			out = append(out, fmt.Sprintf("%s v%d %s: missing", id, h.Version, h.Status))
		} else if n != h {
			out = append(out, fmt.Sprintf("%s: registry v%d %s, node v%d %s", id, h.Version, h.Status, n.Version, n.Status))
		}
	}
	for id, n := range node {
		if _, ok := reg[id]; !ok {
			out = append(out, fmt.Sprintf("%s v%d %s: not in the registry", id, n.Version, n.Status))
		}
	}
	sort.Strings(out)
	return out
}

// invariantReport is what checkInvariants found.
type invariantReport struct {
	Restrictions, Active, Lifted, Acked, Nodes, ChecksHit, ChecksClear int
}

func (r invariantReport) String() string {
	return fmt.Sprintf("%d restrictions (%d active, %d lifted) equal at %d nodes; %d acknowledged writes all present; %d sampled checks hit their active restriction, %d lifted persons matched nothing lifted",
		r.Restrictions, r.Active, r.Lifted, r.Nodes, r.Acked, r.ChecksHit, r.ChecksClear)
}

// checkInvariants waits (up to d) for the exchange to converge and then
// fails the test unless: nothing waits in the registry's outbox; every
// border node holds exactly the registry's restrictions at the registry's
// versions (so its active set is the registry's); every write the API
// acknowledged is in the registry with its acknowledged outcome; and a
// check at every node hits each sampled active restriction and matches no
// lifted one.
func (e *faultEnv) checkInvariants(d time.Duration) invariantReport {
	e.t.Helper()
	ctx := context.Background()
	var reg map[string]heldVersion
	var problems []string
	deadline := time.Now().Add(d)
	for {
		problems = nil
		var pending int
		var err error
		reg, pending, err = e.registryState(ctx)
		if err != nil {
			problems = append(problems, "read registry: "+err.Error())
		} else if pending > 0 {
			problems = append(problems, fmt.Sprintf("%d changes wait in the outbox", pending))
		}
		for _, b := range e.borders {
			if reg == nil {
				break
			}
			node, err := replicaState(ctx, b)
			if err != nil {
				problems = append(problems, b.id+": "+err.Error())
				continue
			}
			for _, p := range diffStates(reg, node) {
				problems = append(problems, b.id+": "+p)
			}
		}
		if len(problems) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(problems) > 0 {
		if len(problems) > 20 {
			problems = append(problems[:20], fmt.Sprintf("... and %d more", len(problems)-20))
		}
		e.t.Fatalf("not converged within %v:\n%s", d, strings.Join(problems, "\n"))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	rep := invariantReport{Restrictions: len(reg), Acked: len(e.acked), Nodes: len(e.borders)}
	for _, h := range reg {
		switch h.Status {
		case trex.StatusActive:
			rep.Active++
		case trex.StatusLifted:
			rep.Lifted++
		}
	}
	var active, lifted []string
	for id := range e.acked {
		h, ok := reg[id]
		if !ok {
			e.t.Fatalf("acknowledged restriction %s is not in the registry", id)
		}
		if e.lifted[id] {
			if h.Status != trex.StatusLifted {
				e.t.Fatalf("acknowledged lift of %s: registry holds %s", id, h.Status)
			}
			lifted = append(lifted, id)
		} else if h.Status == trex.StatusActive {
			active = append(active, id)
		}
	}
	sort.Strings(active)
	sort.Strings(lifted)
	for _, b := range e.borders {
		for i, id := range active {
			if i >= 8 {
				break
			}
			// The replica is committed before the node's index takes the
			// change in, so a check may trail the replica by moments.
			var ans checkAnswer
			waitFor(10*time.Second, func() bool {
				ans = e.checkAt(b, e.acked[id])
				return matchesID(ans, id) && ans.Decision == trex.Hit
			})
			if !matchesID(ans, id) || ans.Decision != trex.Hit {
				e.t.Fatalf("%s: check of the person of active %s: %s %+v, want a hit on it", b.id, id, ans.Decision, ans.Matches)
			}
			rep.ChecksHit++
		}
		for i, id := range lifted {
			if i >= 8 {
				break
			}
			var ans checkAnswer
			waitFor(10*time.Second, func() bool {
				ans = e.checkAt(b, e.acked[id])
				return !matchesID(ans, id)
			})
			if matchesID(ans, id) {
				e.t.Fatalf("%s: lifted %s still matches: %s %+v", b.id, id, ans.Decision, ans.Matches)
			}
			rep.ChecksClear++
		}
	}
	return rep
}

// checkAt checks the n-th person's passport at border node b.
func (e *faultEnv) checkAt(b *faultBorder, n int) checkAnswer {
	e.t.Helper()
	_, passport := faultPerson(n)
	var ans checkAnswer
	if code, err := faultCall(b.url, "POST", "/v1/checks", b.officer, map[string]any{"traveller": passport}, &ans); err != nil || code != http.StatusOK {
		e.t.Fatalf("%s: check: %d %v", b.id, code, err)
	}
	return ans
}

func matchesID(ans checkAnswer, id string) bool {
	for _, m := range ans.Matches {
		if m.RestrictionID == id {
			return true
		}
	}
	return false
}

// borderHealthz reads a border node's /healthz stats.
func borderHealthz(b *faultBorder) (struct {
	DataAsOf  time.Time        `json:"data_as_of"`
	Refused   int64            `json:"refused"`
	RefusedBy map[string]int64 `json:"refused_by"`
}, error) {
	var h struct {
		Border struct {
			DataAsOf  time.Time        `json:"data_as_of"`
			Refused   int64            `json:"refused"`
			RefusedBy map[string]int64 `json:"refused_by"`
		} `json:"border"`
	}
	_, err := faultCall(b.url, "GET", "/healthz", "", nil, &h)
	return h.Border, err
}

// readyCode reports a process's /readyz status code.
func readyCode(p *faultProc) int {
	code, _ := faultCall(p.url, "GET", "/readyz", "", nil, nil)
	return code
}

// faultToken runs trex token create against a store ({"--db", path} or
// {"--postgres", url}) and returns the secret.
func faultToken(tb testing.TB, bin string, store []string, args ...string) string {
	tb.Helper()
	out, err := exec.Command(bin, append(append([]string{"token", "create"}, store...), args...)...).Output()
	if err != nil {
		tb.Fatalf("token create: %v", err)
	}
	var tok struct{ Token string }
	if err := json.Unmarshal(out, &tok); err != nil || !strings.HasPrefix(tok.Token, "trex_") {
		tb.Fatalf("token create printed %q", out)
	}
	return tok.Token
}
