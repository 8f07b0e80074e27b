package http_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"trex/audit"
	thttp "trex/http"
)

// TestCheckIsProvenInTheLogFromTheAPIAlone: a check answered through the
// API carries its log index and a decision signed over the request; an
// auditor holding only the node's public key proves from the API that the
// check is in a signed checkpoint, reads the entry (which names the check
// and its matches but not the traveller), verifies the signed decision,
// and verifies the whole log remotely.
func TestCheckIsProvenInTheLogFromTheAPIAlone(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	ctx := context.Background()
	request := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"], "passportNumber": ["761112233"]}}}`
	code, body, _ := f.post(t, "/v1/checks", f.tokens["officer"], "application/json", "", request)
	if code != 200 {
		t.Fatalf("check: %d %s", code, body)
	}
	var resp struct {
		CheckID  string `json:"check_id"`
		Decision string `json:"decision"`
		LogIndex *int64 `json:"log_index"`
		Matches  []struct {
			RestrictionID string `json:"restriction_id"`
		} `json:"matches"`
	}
	json.Unmarshal([]byte(body), &resp)
	if resp.LogIndex == nil || resp.Decision == "clear" || len(resp.Matches) == 0 {
		t.Fatalf("check answer without log_index or matches: %s", body)
	}
	v, err := audit.ReadVerifier(audit.PublicKeyPath(f.auditDir, "border-test"))
	if err != nil {
		t.Fatal(err)
	}
	// The signed decision, checked offline against the request sent.
	d, err := audit.VerifyDecision([]byte(body), v, []byte(request))
	if err != nil {
		t.Fatalf("signed decision: %v", err)
	}
	if d.LogIndex != *resp.LogIndex {
		t.Fatalf("signed index %d, answered %d", d.LogIndex, *resp.LogIndex)
	}
	// The auditor, from the API alone.
	c := &audit.Client{URL: f.srv.URL, Token: f.tokens["auditor"]}
	msg, err := c.Checkpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := audit.OpenCheckpoint(msg, v)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Size <= *resp.LogIndex {
		t.Fatalf("checkpoint of %d entries does not cover index %d", cp.Size, *resp.LogIndex)
	}
	entries, err := c.Entries(ctx, *resp.LogIndex, *resp.LogIndex+1)
	if err != nil || len(entries) != 1 {
		t.Fatalf("entry: %v %v", entries, err)
	}
	proof, err := c.InclusionProof(ctx, *resp.LogIndex, cp.Size)
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckRecord(proof, cp.Size, cp.Root, *resp.LogIndex, tlog.RecordHash(entries[0])); err != nil {
		t.Fatalf("the check is not proven in the checkpoint: %v", err)
	}
	// The tree the decision was signed in is a prefix of the checkpoint.
	tp, err := c.ConsistencyProof(ctx, d.TreeSize, cp.Size)
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckTree(tp, cp.Size, cp.Root, d.TreeSize, d.Root); err != nil {
		t.Fatalf("the decision's tree is not in the checkpoint: %v", err)
	}
	e, err := audit.DecodeEntry(entries[0])
	if err != nil {
		t.Fatal(err)
	}
	if e.Type != audit.TypeCheck || e.CheckID != resp.CheckID || e.Decision != resp.Decision || e.Request != audit.RequestHash([]byte(request)) ||
		len(e.Matches) != len(resp.Matches) || e.Matches[0].RestrictionID != resp.Matches[0].RestrictionID || e.Actor == "" || e.DocumentHash == "" {
		t.Fatalf("entry %+v does not record the check %s", e, body)
	}
	for _, personal := range []string{"KUZNETSOVA", "MARIIA", "1991", "761112233"} {
		if strings.Contains(string(entries[0]), personal) {
			t.Errorf("the entry keeps %q: %s", personal, entries[0])
		}
	}
	rep, err := audit.Verify(ctx, c, v)
	if err != nil {
		t.Fatalf("remote verification: %v", err)
	}
	if rep.Problem != nil || rep.Entries < cp.Size {
		t.Fatalf("remote verification: %d entries, %v", rep.Entries, rep.Problem)
	}
}

// TestAuditRecordsStaffActionsAndSubjectRequests: a resolution, a
// subject's request, a token issued and revoked each leave an entry, and a
// manifest's answers carry log indexes for staff but not for carriers.
func TestAuditRecordsStaffActionsAndSubjectRequests(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	ctx := context.Background()
	check := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`
	_, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], check)
	id, _ := out["check_id"].(string)
	if code, out, _ := f.do(t, "POST", "/v1/checks/"+id+"/resolve", f.tokens["supervisor"], `{"resolution": "dismissed", "reason_code": "different_person", "reason": "other person, seen at the booth"}`); code != 200 {
		t.Fatalf("resolve: %d %v", code, out)
	}
	if code, out, _ := f.do(t, "GET", "/v1/me", f.tokens["subject"], ""); code != 200 {
		t.Fatalf("me: %d %v", code, out)
	}
	code, out, _ := f.do(t, "POST", "/v1/tokens", f.tokens["admin"], `{"role": "officer", "name": "booth 9"}`)
	if code != 201 {
		t.Fatalf("token: %d %v", code, out)
	}
	tokenID := out["id"].(string)
	if code, out, _ := f.do(t, "POST", "/v1/tokens/"+tokenID+"/revoke", f.tokens["admin"], ""); code != 200 {
		t.Fatalf("revoke: %d %v", code, out)
	}
	manifest := `{"flight": "XX1", "travellers": [{"role": "passenger", "surname": "KUZNETSOVA", "given_names": "MARIIA", "birth_date": "1991-05-06", "document_number": "761112233"}]}`
	for role, want := range map[string]bool{"officer": true, "carrier": false} {
		code, body, _ := f.post(t, "/v1/manifests", f.tokens[role], "application/json", "", manifest)
		if code != 200 {
			t.Fatalf("manifest as %s: %d %s", role, code, body)
		}
		if got := strings.Contains(body, `"log_index"`); got != want {
			t.Errorf("manifest answer to a %s carries log_index: %v, want %v: %s", role, got, want, body)
		}
	}
	c := &audit.Client{URL: f.srv.URL, Token: f.tokens["auditor"]}
	msg, _ := c.Checkpoint(ctx)
	cp, err := audit.ParseCheckpoint(strings.SplitN(string(msg), "\n\n", 2)[0] + "\n")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := c.Entries(ctx, 0, cp.Size)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]*audit.Entry{}
	for _, data := range entries {
		e, _ := audit.DecodeEntry(data)
		seen[e.Type] = e
		if strings.Contains(string(data), "booth") || strings.Contains(string(data), "4510") {
			t.Errorf("an entry keeps free text or an identifier: %s", data)
		}
	}
	for _, typ := range []string{audit.TypeCheck, audit.TypeResolve, audit.TypeSubjectAccess, audit.TypeTokenIssued, audit.TypeTokenRevoked} {
		if seen[typ] == nil {
			t.Errorf("no %s entry in %d entries", typ, len(entries))
		}
	}
	if r := seen[audit.TypeResolve]; r != nil && (r.CheckID != id || r.Resolution != "dismissed" || r.ReasonHash == "") {
		t.Errorf("resolution entry %+v", r)
	}
	if r := seen[audit.TypeTokenRevoked]; r != nil && r.Token != tokenID {
		t.Errorf("revocation entry %+v", r)
	}
	// An officer may not read the log; a public deployment serves its
	// checkpoint without a token, but never its entries.
	if code, _, _ := f.do(t, "GET", "/v1/audit/entries?from=0", f.tokens["officer"], ""); code != http.StatusForbidden {
		t.Errorf("officer reading entries: %d", code)
	}
	pub := &thttp.Server{Checks: f.api.Checks, CheckLog: f.api.CheckLog, Tokens: f.api.Tokens, Node: f.api.Node, Log: f.api.Log,
		Audit: f.api.Audit, AuditPublic: true}
	srv := newServer(t, pub).URL
	if _, err := (&audit.Client{URL: srv}).Checkpoint(ctx); err != nil {
		t.Errorf("public checkpoint: %v", err)
	}
	if _, err := (&audit.Client{URL: srv}).Entries(ctx, 0, 1); err == nil {
		t.Error("entries served without a token")
	}
}
