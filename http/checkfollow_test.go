package http_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trex"
	"trex/audit"
	thttp "trex/http"
	"trex/romanize"
	"trex/sqlite"
)

// countingCheckLog counts the writes of a check log, and refuses the
// records of one officer's token, as a check log refuses a bad record.
type countingCheckLog struct {
	trex.CheckLog
	writes atomic.Int64
	refuse string
}

func (c *countingCheckLog) RecordChecks(ctx context.Context, recs []*trex.CheckRecord) error {
	c.writes.Add(1)
	for _, r := range recs {
		if r.Officer == c.refuse {
			return errors.New("record refused")
		}
	}
	return c.CheckLog.RecordChecks(ctx, recs)
}

// twoTokens knows two officers' tokens.
type twoTokens struct{ oneToken }

func (twoTokens) Authenticate(_ context.Context, s string) (*trex.Principal, error) {
	switch s {
	case "secret":
		return &trex.Principal{TokenID: "T1", Role: trex.RoleOfficer}, nil
	case "other":
		return &trex.Principal{TokenID: "T2", Role: trex.RoleOfficer}, nil
	}
	return nil, trex.Errorf(trex.EUNAUTHORIZED, "unknown token")
}

// TestChecksOfOneAuditBatchShareACheckLogWrite: checks whose audit
// entries are committed together are written to the check log together,
// once per batch of the audit log, under the IDs their answers give; a
// record the check log refuses fails its own check only, and its caller
// hears it was not recorded.
func TestChecksOfOneAuditBatchShareACheckLogWrite(t *testing.T) {
	ix, people := synthRegister(5, 20)
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "border-f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkLog := &countingCheckLog{CheckLog: db, refuse: "T2"}
	keys, err := audit.LoadOrCreateKeys(dir, "border-f")
	if err != nil {
		t.Fatal(err)
	}
	l, err := audit.Open(audit.DBPath(dir, "border-f"), audit.Origin("border-f"), keys)
	if err != nil {
		t.Fatal(err)
	}
	// A long linger gathers the concurrent checks into few batches.
	l.Linger = 200 * time.Millisecond
	l.Start()
	defer l.Close()
	api := &thttp.Server{Checks: matcherChecks{ix}, CheckLog: checkLog, Tokens: twoTokens{}, Node: "f", Audit: l,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), RateLimit: thttp.RateLimit{PerSecond: 1e9, Burst: 1e9}}
	url := newServer(t, api).URL
	v, err := audit.ReadVerifier(audit.PublicKeyPath(dir, "border-f"))
	if err != nil {
		t.Fatal(err)
	}
	// check has the tokens' checks made at once, and says how each was
	// answered, its check ID, and the size of the tree it was committed in
	// (which names its batch).
	check := func(tokens []string) (status []int, ids []string, trees []int64) {
		var wg sync.WaitGroup
		status, ids, trees = make([]int, len(tokens)), make([]string, len(tokens)), make([]int64, len(tokens))
		for i, token := range tokens {
			p := people[i%len(people)]
			body := fmt.Sprintf(`{"traveller": {"schema": "Person", "properties": {"lastName": [%q], "firstName": [%q], "birthDate": [%q]}}}`,
				romanize.ICAOName(p.Names[0].Surname), romanize.ICAOName(p.Names[0].Given), p.BirthDate)
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest("POST", url+"/v1/checks", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				answer, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				status[i] = resp.StatusCode
				if resp.StatusCode != 200 {
					return
				}
				d, err := audit.VerifyDecision(answer, v, []byte(body))
				if err != nil {
					t.Errorf("check %d: %v", i, err)
					return
				}
				ids[i], trees[i] = d.CheckID, d.TreeSize
			}()
		}
		wg.Wait()
		return status, ids, trees
	}
	logged := func() map[string]bool {
		recs, err := db.ChecksSince(context.Background(), time.Time{}, 1000)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, r := range recs {
			out[r.ID] = true
		}
		return out
	}

	const checks = 32
	tokens := make([]string, checks)
	for i := range tokens {
		tokens[i] = "secret"
	}
	status, ids, trees := check(tokens)
	in := logged()
	batches := map[int64]bool{}
	for i := range tokens {
		if status[i] != 200 || !in[ids[i]] {
			t.Errorf("check %d: status %d, in the check log: %v", i, status[i], in[ids[i]])
		}
		batches[trees[i]] = true
	}
	if w := checkLog.writes.Load(); w != int64(len(batches)) {
		t.Errorf("%d concurrent checks, committed in %d batches of the audit log, took %d check-log writes; want one per batch", checks, len(batches), w)
	}

	tokens = tokens[:8]
	tokens[3] = "other"
	status, ids, _ = check(tokens)
	in = logged()
	for i := range tokens {
		if ok := status[i] == 200 && in[ids[i]]; ok != (i != 3) {
			t.Errorf("check %d by %s: status %d, in the check log: %v", i, tokens[i], status[i], in[ids[i]])
		}
	}
	if len(in) != checks+len(tokens)-1 {
		t.Errorf("%d checks in the check log, want %d", len(in), checks+len(tokens)-1)
	}
}
