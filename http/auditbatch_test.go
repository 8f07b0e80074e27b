package http_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"trex/audit"
	thttp "trex/http"
	"trex/romanize"
)

// countingSigner counts signatures and takes its time over each, as a
// signer does on a busy node.
type countingSigner struct {
	note.Signer
	n atomic.Int64
}

func (s *countingSigner) Sign(msg []byte) ([]byte, error) {
	s.n.Add(1)
	time.Sleep(20 * time.Millisecond)
	return s.Signer.Sign(msg)
}

// TestConcurrentChecksShareOneSignaturePerBatch: the decisions of checks
// answered together are proven in the checkpoint their batch was committed
// in, one signature for the batch, rather than signed one by one; each
// still verifies on its own against its request.
func TestConcurrentChecksShareOneSignaturePerBatch(t *testing.T) {
	ix, people := synthRegister(3, 50)
	dir := t.TempDir()
	keys, err := audit.LoadOrCreateKeys(dir, "border-s")
	if err != nil {
		t.Fatal(err)
	}
	signer := &countingSigner{Signer: keys.Signer}
	keys.Signer = signer
	l, err := audit.Open(audit.DBPath(dir, "border-s"), audit.Origin("border-s"), keys)
	if err != nil {
		t.Fatal(err)
	}
	l.Start()
	defer l.Close()
	v, err := audit.ReadVerifier(audit.PublicKeyPath(dir, "border-s"))
	if err != nil {
		t.Fatal(err)
	}
	api := &thttp.Server{Checks: matcherChecks{ix}, Tokens: oneToken{}, Node: "s", Audit: l,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), RateLimit: thttp.RateLimit{PerSecond: 1e9, Burst: 1e9}}
	url := newServer(t, api).URL
	before := signer.n.Load()
	const checks = 64
	var wg sync.WaitGroup
	for i := range checks {
		p := people[i%len(people)]
		body := fmt.Sprintf(`{"traveller": {"schema": "Person", "properties": {"lastName": [%q], "firstName": [%q], "birthDate": [%q]}}}`,
			romanize.ICAOName(p.Names[0].Surname), romanize.ICAOName(p.Names[0].Given), p.BirthDate)
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", url+"/v1/checks", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer secret")
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			answer, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("check: %d %s", resp.StatusCode, answer)
				return
			}
			if _, err := audit.VerifyDecision(answer, v, []byte(body)); err != nil {
				t.Errorf("decision: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := signer.n.Load() - before; n > checks/4 {
		t.Errorf("%d concurrent checks took %d signatures; want one per batch", checks, n)
	}
}
