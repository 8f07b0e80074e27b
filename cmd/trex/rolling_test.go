package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trex"
)

// retryingChecker is a booth's client that knows several border nodes and,
// when one does not answer (refused, reset, 5xx, timeout), asks the next.
type retryingChecker struct {
	nodes  []*borderProc
	client *http.Client
	next   atomic.Uint64
}

// check screens traveller and returns the answer of the first node that
// gave one, how many nodes it tried, and the last failure if none did.
func (c *retryingChecker) check(traveller map[string]any) (checkAnswer, int, error) {
	body, _ := json.Marshal(map[string]any{"traveller": traveller})
	start := int(c.next.Add(1))
	var last error
	for i := range c.nodes {
		b := c.nodes[(start+i)%len(c.nodes)]
		req, _ := http.NewRequest("POST", b.url()+"/v1/checks", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+b.officer)
		req.Header.Set("Content-Type", "application/json")
		resp, err := c.client.Do(req)
		if err != nil {
			last = err
			continue
		}
		var ans checkAnswer
		err = json.NewDecoder(resp.Body).Decode(&ans)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil {
			last = &httpStatusError{node: b.id, code: resp.StatusCode}
			continue
		}
		return ans, i + 1, nil
	}
	return checkAnswer{}, len(c.nodes), last
}

type httpStatusError struct {
	node string
	code int
}

func (e *httpStatusError) Error() string { return e.node + ": HTTP " + http.StatusText(e.code) }

// TestRollingUpgradeLosesNoCheck: three border processes on a 3-node
// cluster serve a steady load of checks from a client that retries
// another node when one does not answer. Each node in turn is stopped
// (SIGTERM), left down while a new restriction is made, and started again
// on the same data, as an upgrade would. No check fails, every answer is
// the right one (a hit on the listed traveller), the client did have to
// go around stopped nodes, and each restarted node catches up with the
// change it missed.
func TestRollingUpgradeLosesNoCheck(t *testing.T) {
	s := startClusterRegistry(t)
	var nodes []*borderProc
	for _, id := range []string{"gate-1", "gate-2", "gate-3"} {
		nodes = append(nodes, s.newBorderProc(t, id, "--nats", s.cluster.URLs()))
	}
	id := s.create(t, issuerView)
	for _, b := range nodes {
		waitVerdict(t, b, passportView, trex.Hit)
	}

	c := &retryingChecker{nodes: nodes, client: &http.Client{Timeout: 2 * time.Second}}
	ctx, stop := context.WithCancel(context.Background())
	var (
		wg                      sync.WaitGroup
		checks, detours, failed atomic.Int64
		mu                      sync.Mutex
		failures                []string
	)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				ans, tried, err := c.check(passportView)
				checks.Add(1)
				if tried > 1 {
					detours.Add(1)
				}
				bad := err != nil || ans.Decision != trex.Hit || len(ans.Matches) == 0 || ans.Matches[0].RestrictionID != id
				if bad {
					failed.Add(1)
					mu.Lock()
					failures = append(failures, string(ans.Decision)+" "+errString(err))
					mu.Unlock()
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	var missed []string
	for i, b := range nodes {
		b.stop()
		// While the node is down the registry moves on.
		missed = append(missed, s.create(t, entity(map[string][]string{
			"lastName": {"Кузнецова"}, "firstName": {"Марина"}, "birthDate": {"1990-03-0" + string(rune('1'+i))},
			"passportNumber": {"75500000" + string(rune('1'+i))},
		})))
		time.Sleep(500 * time.Millisecond)
		b.start()
		if !waitFor(30*time.Second, func() bool { return call(t, b.url(), "GET", "/readyz", "", nil, nil) == 200 }) {
			t.Fatalf("%s not ready after its restart", b.id)
		}
	}
	time.Sleep(500 * time.Millisecond)
	stop()
	wg.Wait()
	if failed.Load() != 0 {
		t.Errorf("%d of %d checks failed during the rolling restart: %v", failed.Load(), checks.Load(), failures)
	}
	if detours.Load() == 0 {
		t.Errorf("no check had to go around a stopped node in %d checks: the restarts were not under load", checks.Load())
	}
	t.Logf("%d checks, %d went around a stopped node, %d failed", checks.Load(), detours.Load(), failed.Load())
	for i, mid := range missed {
		traveller := entity(map[string][]string{
			"lastName": {"KUZNETSOVA"}, "firstName": {"MARINA"}, "birthDate": {"1990-03-0" + string(rune('1'+i))},
			"passportNumber": {"75500000" + string(rune('1'+i))},
		})
		for _, b := range nodes {
			if ans := waitVerdict(t, b, traveller, trex.Hit); ans.Matches[0].RestrictionID != mid {
				t.Errorf("%s: hit on %s, want %s", b.id, ans.Matches[0].RestrictionID, mid)
			}
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
