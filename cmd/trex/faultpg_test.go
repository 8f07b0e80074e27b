package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// privatePostgres is a PostgreSQL cluster of the test's own, on a random
// loopback port in a temporary directory, that the test may restart and
// crash (the machine's shared server is never touched).
type privatePostgres struct {
	t        testing.TB
	bin, dir string
	port     int
	asUser   string // run the server as this user (initdb refuses root)
}

// startPrivatePostgres initialises and starts a private cluster, or skips
// (fails under CI=true) when PostgreSQL's binaries are not installed.
func startPrivatePostgres(t testing.TB) *privatePostgres {
	t.Helper()
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL's initdb is not under /usr/lib/postgresql/*/bin; CI must provide it")
		}
		t.Skip("PostgreSQL's initdb is not under /usr/lib/postgresql/*/bin; install PostgreSQL to run this test")
	}
	pg := &privatePostgres{t: t, bin: filepath.Dir(matches[len(matches)-1])}
	dir, err := os.MkdirTemp("", "trex-pg-")
	if err != nil {
		t.Fatal(err)
	}
	pg.dir = dir
	t.Cleanup(func() {
		pg.ctl("stop", "-m", "immediate")
		os.RemoveAll(dir)
	})
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("running as root and there is no postgres user to run a private PostgreSQL as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		pg.asUser = "postgres"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	pg.port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if out, err := pg.run("initdb", "-D", filepath.Join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	pg.ctl("start")
	return pg
}

// run prepares one of PostgreSQL's programs, as the server's user.
func (pg *privatePostgres) run(prog string, args ...string) *exec.Cmd {
	path := filepath.Join(pg.bin, prog)
	if pg.asUser != "" {
		return exec.Command("runuser", append([]string{"-u", pg.asUser, "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

// ctl runs pg_ctl with action (start, stop, restart) and extra arguments,
// waiting for it to finish.
func (pg *privatePostgres) ctl(action string, args ...string) {
	pg.t.Helper()
	all := append([]string{action, "-D", filepath.Join(pg.dir, "data"), "-w", "-l", filepath.Join(pg.dir, "log"),
		"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", pg.port, pg.dir)}, args...)
	if out, err := pg.run("pg_ctl", all...).CombinedOutput(); err != nil && action != "stop" {
		pg.t.Fatalf("pg_ctl %s: %v\n%s", action, err, out)
	}
}

// URL is the cluster's connection URL.
func (pg *privatePostgres) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", pg.port)
}

// TestFaultPostgresRestartedUnderLoad: the registry's PostgreSQL crashes
// (pg_ctl restart -m immediate) while eight clients write. Writes in
// flight fail with a problem rather than being acknowledged and lost; the
// registry reconnects by itself and every acknowledged write reaches every
// node.
func TestFaultPostgresRestartedUnderLoad(t *testing.T) {
	requireFaultTools(t)
	t.Parallel()
	pg := startPrivatePostgres(t)
	e := newFaultEnv(t)
	e.pgURL = pg.URL()
	e.startRegistry()
	e.addBorder(e.natsURL)
	e.burst(20, 2, false)
	e.checkInvariants(30 * time.Second)

	done := make(chan int)
	go func() { done <- e.burst(400, 8, false) }()
	waitFor(30*time.Second, func() bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		return len(e.acked) >= 120
	})
	restart := time.Now()
	pg.ctl("restart", "-m", "immediate")
	down := time.Since(restart)
	failed := <-done
	if e.reg.exited() {
		t.Fatalf("registry died when PostgreSQL restarted:\n%s", e.reg.logText())
	}
	if n := e.burst(20, 2, false); n > 0 {
		t.Fatalf("%d writes failed after PostgreSQL was back", n)
	}
	rep := e.checkInvariants(60 * time.Second)
	t.Logf("fault: PostgreSQL crashed and restarted (%v) under 8 writers: %d requests failed, none acknowledged and lost; registry reconnected by itself: %s",
		down.Round(time.Millisecond), failed, rep)
}
