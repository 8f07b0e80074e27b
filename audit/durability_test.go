package audit_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"trex/audit"
)

// childEnv, when set, makes the test binary append to the log in that
// directory until killed, printing each acknowledged entry.
const childEnv = "TREX_AUDIT_APPEND_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		appendUntilKilled(dir)
		return
	}
	os.Exit(m.Run())
}

func appendUntilKilled(dir string) {
	l, err := audit.OpenDir(dir, "border-k")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var mu sync.Mutex
	out := bufio.NewWriter(os.Stdout)
	for w := range 8 {
		go func() {
			for i := 0; ; i++ {
				id := fmt.Sprintf("w%d-%d", w, i)
				e := checkEntry(i)
				e.CheckID = id
				r, err := l.Append(context.Background(), e)
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				mu.Lock()
				fmt.Fprintf(out, "ack %d %s\n", r.Index, id)
				out.Flush()
				mu.Unlock()
			}
		}()
	}
	select {}
}

// TestAcknowledgedAppendSurvivesKill9: a process appending from many
// goroutines is killed with SIGKILL; every entry it had acknowledged is in
// the reopened log at the position it was given, and the log verifies.
func TestAcknowledgedAppendSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]string{}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && len(acked) < 3000 {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[0] != "ack" {
			continue
		}
		i, _ := strconv.ParseInt(f[1], 10, 64)
		acked[i] = f[2]
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() { // acknowledgements already in the pipe count too
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "ack" {
			i, _ := strconv.ParseInt(f[1], 10, 64)
			acked[i] = f[2]
		}
	}
	cmd.Wait()
	if len(acked) < 3000 {
		t.Fatalf("the child acknowledged only %d appends", len(acked))
	}
	l := mustOpen(t, dir, "border-k")
	ctx := context.Background()
	entries, err := l.Entries(ctx, 0, l.Size())
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range acked {
		if i >= int64(len(entries)) {
			t.Fatalf("acknowledged entry %d (%s) is missing: the log has %d", i, id, len(entries))
		}
		e, err := audit.DecodeEntry(entries[i])
		if err != nil || e.CheckID != id {
			t.Fatalf("entry %d: %v %v, want check %s", i, e, err, id)
		}
	}
	if _, err := l.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := audit.Verify(ctx, l, verifier(t, dir, "border-k"))
	if err != nil || rep.Problem != nil {
		t.Fatalf("reopened log does not verify: %v %v", err, rep.Problem)
	}
	t.Logf("%d acknowledged, %d in the log after kill -9", len(acked), len(entries))
}
