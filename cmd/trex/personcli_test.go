package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/audit"
	thttp "trex/http"
	"trex/registry"
)

// tokenFile writes token to a file in dir and returns its path.
func tokenFile(t *testing.T, dir, name, token string) string {
	t.Helper()
	p := filepath.Join(dir, name+".token")
	if err := os.WriteFile(p, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReviewsCommands: a court order reviewed every 30 days is not on its
// issuer's queue until due; once due, trex reviews list shows it, another
// authority's review is refused, and trex reviews review takes it off.
func TestReviewsCommands(t *testing.T) {
	dir := t.TempDir()
	kinds := trex.DefaultKinds()
	for i := range kinds {
		if kinds[i].Name == trex.KindCourtOrder {
			kinds[i].ReviewDays, kinds[i].LapseUnreviewed = 30, true
		}
	}
	td := startTestDemoWith(t, demoConfig{DataDir: dir, Kinds: kinds, RateLimit: thttp.RateLimit{PerSecond: 1e6, Burst: 1e6}})
	ctx := context.Background()
	id := createRestriction(t, td, issuerView)
	court := tokenFile(t, dir, "court", td.Tokens.Issuer)
	list := func() string {
		t.Helper()
		var out bytes.Buffer
		if err := runReviewsTo(ctx, []string{"list", "--url", td.srv.URL, "--token-file", court}, &out); err != nil {
			t.Fatalf("reviews list: %v", err)
		}
		return out.String()
	}
	if got := list(); strings.Contains(got, id) {
		t.Fatalf("queue before the review is due: %s", got)
	}
	start := time.Now()
	td.api.Now = func() time.Time { return start.Add(31 * 24 * time.Hour) }
	var queue struct {
		Reviews []struct {
			RestrictionID  string `json:"restriction_id"`
			OverdueSeconds int64  `json:"overdue_seconds"`
			Lapses         bool   `json:"lapses"`
		}
	}
	got := list()
	if err := json.Unmarshal([]byte(got), &queue); err != nil || len(queue.Reviews) != 1 {
		t.Fatalf("queue when due: %s (%v)", got, err)
	}
	if r := queue.Reviews[0]; r.RestrictionID != id || !r.Lapses || r.OverdueSeconds < 24*3600 {
		t.Errorf("queue item = %+v", r)
	}
	mil := tokenFile(t, dir, "mil", td.Tokens.Issuers["mil-registration"])
	if err := runReviewsTo(ctx, []string{"review", "--url", td.srv.URL, "--token-file", mil, "--id", id}, io.Discard); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("another authority's review: %v, want not found", err)
	}
	var out bytes.Buffer
	if err := runReviewsTo(ctx, []string{"review", "--url", td.srv.URL, "--token-file", court, "--id", id, "--reason", "the order stands"}, &out); err != nil {
		t.Fatalf("reviews review: %v", err)
	}
	var reviewed struct {
		ID        string    `json:"id"`
		ReviewDue time.Time `json:"review_due"`
	}
	if err := json.Unmarshal(out.Bytes(), &reviewed); err != nil || reviewed.ID != id || !reviewed.ReviewDue.After(start.Add(60*24*time.Hour)) {
		t.Errorf("review answer %s (%v): want the next review 30 days on", out.String(), err)
	}
	if got := list(); strings.Contains(got, id) {
		t.Errorf("queue after the review: %s", got)
	}
	if err := runReviewsTo(ctx, []string{"review", "--url", td.srv.URL, "--token-file", court}, io.Discard); err == nil || !strings.Contains(err.Error(), "--id") {
		t.Errorf("review without --id: %v", err)
	}
	if err := runReviewsTo(ctx, []string{"list", "--url", td.srv.URL}, io.Discard); err == nil || !strings.Contains(err.Error(), "--token-file") {
		t.Errorf("list without a token: %v", err)
	}
}

// TestReferralsCommands: a check that hit waits on the supervisors' queue
// with its age; trex referrals resolve dismisses it with a reason code, a
// code the resolution does not take is refused, and the resolved check
// leaves the queue.
func TestReferralsCommands(t *testing.T) {
	dir := t.TempDir()
	td := startTestDemo(t, dir)
	ctx := context.Background()
	id := createRestriction(t, td, issuerView)
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, 3*time.Second); ans.Decision != trex.Hit {
		t.Fatalf("check: %s, want hit", ans.Decision)
	}
	sup := tokenFile(t, dir, "supervisor", td.Tokens.Supervisor)
	type queue struct {
		Referrals []struct {
			CheckID        string   `json:"check_id"`
			AgeSeconds     int64    `json:"age_seconds"`
			RestrictionIDs []string `json:"restriction_ids"`
		}
		ReasonCodes map[string][]string `json:"reason_codes"`
	}
	list := func() queue {
		t.Helper()
		var out bytes.Buffer
		if err := runReferralsTo(ctx, []string{"list", "--url", td.srv.URL, "--token-file", sup}, &out); err != nil {
			t.Fatalf("referrals list: %v", err)
		}
		var q queue
		if err := json.Unmarshal(out.Bytes(), &q); err != nil {
			t.Fatalf("referrals list printed %s: %v", out.String(), err)
		}
		return q
	}
	time.Sleep(1100 * time.Millisecond) // an age of a second or more
	q := list()
	if len(q.Referrals) != 1 || !slices.Contains(q.Referrals[0].RestrictionIDs, id) || q.Referrals[0].AgeSeconds < 1 {
		t.Fatalf("queue = %+v, want the hit on %s with its age", q.Referrals, id)
	}
	if !slices.Contains(q.ReasonCodes[trex.ResolutionDismissed], trex.CodeDifferentPerson) {
		t.Errorf("reason codes = %v", q.ReasonCodes)
	}
	check := q.Referrals[0].CheckID
	resolve := func(w io.Writer, res, code string) error {
		return runReferralsTo(ctx, []string{"resolve", "--url", td.srv.URL, "--token-file", sup, "--id", check,
			"--resolution", res, "--code", code, "--reason", "fingerprints differ"}, w)
	}
	if err := resolve(io.Discard, trex.ResolutionDismissed, trex.CodeDocumentMatches); err == nil || !strings.Contains(err.Error(), "400") {
		t.Errorf("dismissed with a confirming code: %v, want the API's refusal", err)
	}
	var out bytes.Buffer
	if err := resolve(&out, trex.ResolutionDismissed, trex.CodeDifferentPerson); err != nil {
		t.Fatalf("referrals resolve: %v", err)
	}
	var rec trex.CheckRecord
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil || rec.ID != check || rec.Resolution != trex.ResolutionDismissed || rec.ReasonCode != trex.CodeDifferentPerson {
		t.Errorf("resolve answer %s (%v)", out.String(), err)
	}
	if q := list(); len(q.Referrals) != 0 {
		t.Errorf("queue after the resolution: %+v", q.Referrals)
	}
	if err := runReferralsTo(ctx, []string{"resolve", "--url", td.srv.URL, "--token-file", sup, "--id", check}, io.Discard); err == nil || !strings.Contains(err.Error(), "--code") {
		t.Errorf("resolve without a code: %v", err)
	}
	officer := tokenFile(t, dir, "officer", td.Tokens.Officer)
	if err := runReferralsTo(ctx, []string{"list", "--url", td.srv.URL, "--token-file", officer}, io.Discard); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("an officer lists referrals: %v, want forbidden", err)
	}
}

// TestAuditAccessExemptCommand: a read an authority lawfully keeps from
// the person is counted for auditors, and trex audit access-exempt shows
// the count.
func TestAuditAccessExemptCommand(t *testing.T) {
	dir := t.TempDir()
	td := startTestDemo(t, dir)
	ctx := context.Background()
	td.api.ExemptAuthorities = []string{"district-court"}
	id := createRestriction(t, td, issuerView)
	for range 2 {
		req, _ := http.NewRequest("GET", td.srv.URL+"/v1/restrictions/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+td.Tokens.Issuer)
		req.Header.Set(thttp.HeaderAccessExempt, "Code of Criminal Procedure art. 161: investigation secrecy")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("exempt read: %v %v", resp, err)
		}
		resp.Body.Close()
	}
	auditor := tokenFile(t, dir, "auditor", td.Tokens.Auditor)
	var out bytes.Buffer
	if err := runAuditAccessExempt(ctx, []string{"--url", td.srv.URL, "--token-file", auditor}, &out); err != nil {
		t.Fatalf("audit access-exempt: %v", err)
	}
	var rep struct{ Exempt map[string]int64 }
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.Exempt["district-court"] != 2 {
		t.Errorf("exempt counts %s (%v), want district-court: 2", out.String(), err)
	}
	officer := tokenFile(t, dir, "officer", td.Tokens.Officer)
	if err := runAuditAccessExempt(ctx, []string{"--url", td.srv.URL, "--token-file", officer}, io.Discard); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("an officer asks for the exempt counts: %v, want forbidden", err)
	}
	if err := runAuditAccessExempt(ctx, []string{"--url", td.srv.URL}, io.Discard); err == nil || !strings.Contains(err.Error(), "--token-file") {
		t.Errorf("without a token: %v", err)
	}
}

// TestAuditPurgesCommand: once a lifted restriction's retention has run
// and the registry purged it, trex audit purges lists that purge (and
// nothing else of the log); before, it lists nothing.
func TestAuditPurgesCommand(t *testing.T) {
	dir := t.TempDir()
	td := startTestDemo(t, dir)
	ctx := context.Background()
	id := createRestriction(t, td, issuerView)
	if code := call(t, td.srv.URL, "POST", "/v1/restrictions/"+id+"/lift", td.Tokens.Issuer, map[string]string{"reason": "order set aside"}, nil); code != http.StatusOK {
		t.Fatalf("lift: %d", code)
	}
	purges := func() []audit.Entry {
		t.Helper()
		var out bytes.Buffer
		if err := runAuditPurges(ctx, []string{"--data", dir, "--role", "registry"}, &out); err != nil {
			t.Fatalf("audit purges: %v", err)
		}
		var es []audit.Entry
		dec := json.NewDecoder(&out)
		for {
			var line struct{ Entry audit.Entry }
			if err := dec.Decode(&line); err == io.EOF {
				return es
			} else if err != nil {
				t.Fatalf("audit purges printed %q: %v", out.String(), err)
			}
			es = append(es, line.Entry)
		}
	}
	if es := purges(); len(es) != 0 {
		t.Fatalf("purges before any: %+v", es)
	}
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	lc := &registry.Lifecycle{Store: td.Registry.DB, Log: discard, Purged: recordPurge(td.Registry.Audit, "registry"),
		Now: func() time.Time { return time.Now().Add((trex.DefaultRetainDays + 1) * 24 * time.Hour) }}
	if _, n, err := lc.Sweep(ctx); err != nil || n != 1 {
		t.Fatalf("sweep: purged %d, %v", n, err)
	}
	es := purges()
	if len(es) != 1 || es[0].Type != audit.TypePurged || es[0].RestrictionID != id || es[0].Kind != trex.KindCourtOrder || es[0].Node != "registry" {
		t.Errorf("purges = %+v, want the one of %s", es, id)
	}
	if err := runAuditPurges(ctx, nil, io.Discard); err == nil || !strings.Contains(err.Error(), "--data") {
		t.Errorf("without a source: %v", err)
	}
}
