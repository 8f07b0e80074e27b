package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"trex/audit"
)

// TestAcknowledgedCheckSurvivesKill9: a border node process answering
// checks from many booths is killed with SIGKILL; every check it answered
// is in its audit log at the log_index it gave, and trex audit verify
// passes the log.
func TestAcknowledgedCheckSurvivesKill9(t *testing.T) {
	requireExternalNATS(t)
	bin := buildTrex(t)
	regDir, borderDir := t.TempDir(), t.TempDir()
	if out, err := exec.Command(bin, "keys", "init", "--data", regDir).CombinedOutput(); err != nil {
		t.Fatalf("keys init: %v\n%s", err, out)
	}
	nodeID := fmt.Sprintf("kill-%d", time.Now().UnixNano())
	t.Cleanup(func() { deleteConsumer("trex-border-" + nodeID) })
	officer := createToken(t, bin, []string{"--db", filepath.Join(borderDir, "border-"+nodeID+".db")}, "--role", "officer")
	cmd := exec.Command(bin, "border", "--addr", "127.0.0.1:0", "--data", borderDir, "--id", nodeID, "--key-grace", "0s",
		"--nats", externalNATS, "--trust", filepath.Join(regDir, "trust.json"), "--root", filepath.Join(regDir, "root.pub"))
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := apiLine.FindStringSubmatch(sc.Text()); m != nil {
				addr <- "http://" + m[1]
			}
		}
	}()
	var base string
	select {
	case base = <-addr:
	case <-time.After(30 * time.Second):
		t.Fatal("border node did not start")
	}
	body, _ := json.Marshal(map[string]any{"traveller": passportView})
	type ack struct {
		CheckID  string `json:"check_id"`
		LogIndex *int64 `json:"log_index"`
	}
	var (
		mu    sync.Mutex
		acked []ack
		wg    sync.WaitGroup
		stop  = make(chan struct{})
	)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				req, _ := http.NewRequest("POST", base+"/v1/checks", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+officer)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the node is gone
				}
				data, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				var a ack
				if err != nil || resp.StatusCode != 200 || json.Unmarshal(data, &a) != nil || a.LogIndex == nil {
					continue // not acknowledged
				}
				mu.Lock()
				acked = append(acked, a)
				mu.Unlock()
			}
		}()
	}
	started := time.Now()
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 300 && time.Since(started) > 2*audit.DefaultInterval {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(stop)
	wg.Wait()

	src, err := audit.OpenFile(audit.DBPath(borderDir, "border-"+nodeID))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	entries, err := src.Entries(context.Background(), 0, 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range acked {
		if *a.LogIndex >= int64(len(entries)) {
			t.Fatalf("acknowledged check %s at %d is missing: the log has %d entries", a.CheckID, *a.LogIndex, len(entries))
		}
		e, err := audit.DecodeEntry(entries[*a.LogIndex])
		if err != nil || e.CheckID != a.CheckID {
			t.Fatalf("entry %d is %+v (%v), want check %s", *a.LogIndex, e, err, a.CheckID)
		}
	}
	if code, out := runBin(t, bin, "audit", "verify", "--data", borderDir, "--role", "border-"+nodeID); code != 0 {
		t.Fatalf("audit verify after kill -9: exit %d: %s", code, out)
	}
	t.Logf("%d checks acknowledged, %d entries after kill -9", len(acked), len(entries))
}
