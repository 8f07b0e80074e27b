package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var opsDocShBlock = regexp.MustCompile("(?ms)^```sh\n(.*?)^```")

// TestOperationsDocCommands runs every sh block of docs/operations.md, in
// order, in one shell in an empty directory with this trex first on the
// PATH: the commands the operations guide gives are the ones that work.
// Processes the blocks start in the background are killed at the end.
func TestOperationsDocCommands(t *testing.T) {
	requireFaultTools(t)
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "operations.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := opsDocShBlock.FindAllSubmatch(doc, -1)
	if len(blocks) < 5 {
		t.Fatalf("docs/operations.md has %d sh blocks; the guide lost its commands", len(blocks))
	}
	if _, err := exec.LookPath("curl"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the operations guide's commands use curl; CI must provide it")
		}
		t.Skip("the operations guide's commands use curl, which is not installed")
	}
	bin := buildTrex(t)
	var script strings.Builder
	script.WriteString("set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null; wait' EXIT\n")
	for _, b := range blocks {
		script.Write(b[1])
	}
	// The guide's fixed ports are replaced with free ones, so that two
	// runs on one machine do not meet (as host:port, and in bash's
	// /dev/tcp/host/port).
	text := script.String()
	for _, port := range []string{"18443", "18080", "18081"} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		free := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		text = strings.ReplaceAll(text, "127.0.0.1:"+port, "127.0.0.1:"+strconv.Itoa(free))
		text = strings.ReplaceAll(text, "127.0.0.1/"+port, "127.0.0.1/"+strconv.Itoa(free))
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", text)
	cmd.Dir = dir
	// The guide starts processes in the background that share the shell's
	// output: past the deadline the whole process group is killed, and
	// the output is given up on soon after, so a step that never finishes
	// fails the test with what it printed instead of hanging it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the operations guide's commands failed: %v\n%s", err, out)
	}
	for _, f := range []string{"backups/registry/registry.db", "backups/registry/audit-registry.db", "backups/checkpoint-1/border-checkpoint-1.db", "media/trex-root/root.key"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("after the guide's commands: %v", err)
		}
	}
	t.Logf("%d command blocks of docs/operations.md ran", len(blocks))
}
