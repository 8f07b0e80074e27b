package http_test

import (
	"context"
	"testing"
	"time"

	"trex"
)

// TestCheckCountsByNodeAndDecision: an auditor learns how many checks each
// node decided, by decision, and how supervisors resolved referrals,
// counted from the check log across pages (many checks at one instant
// included), and nothing about who was checked.
func TestCheckCountsByNodeAndDecision(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := f.create(t)
	f.waitIndexed(t, id)
	officer := f.tokens["officer"]
	refer := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`
	clear := `{"traveller": {"schema": "Person", "properties": {"lastName": ["PETROV"], "firstName": ["IVAN"], "birthDate": ["1960-01-01"]}}}`
	var checkID string
	for i, body := range []string{refer, refer, clear} {
		code, out, _ := f.do(t, "POST", "/v1/checks", officer, body)
		if code != 200 {
			t.Fatalf("check %d: %d %v", i, code, out)
		}
		checkID = out["check_id"].(string)
		if i == 0 {
			if code, out, _ := f.do(t, "POST", "/v1/checks/"+checkID+"/resolve", f.tokens["supervisor"],
				`{"resolution": "dismissed", "reason_code": "different_person", "reason": "other birthplace"}`); code != 200 {
				t.Fatalf("resolve: %d %v", code, out)
			}
		}
	}
	// Another node's checks, 2500 of them at one instant, so the count
	// pages through ties.
	at := time.Now().UTC()
	recs := make([]*trex.CheckRecord, 2500)
	for i := range recs {
		recs[i] = &trex.CheckRecord{At: at, Node: "east-2", Officer: "T1", Verdict: trex.Clear, Document: "manifest"}
	}
	if err := f.node.Replica.(trex.CheckLog).RecordChecks(ctx, recs); err != nil {
		t.Fatal(err)
	}
	code, out, _ := f.do(t, "GET", "/v1/audit/check-counts", f.tokens["auditor"], "")
	if code != 200 {
		t.Fatalf("counts: %d %v", code, out)
	}
	counts := out["counts"].(map[string]any)
	test, _ := counts["test"].(map[string]any)
	east, _ := counts["east-2"].(map[string]any)
	if test["refer"] != float64(2) || test["clear"] != float64(1) || east["clear"] != float64(2500) || out["total"] != float64(2503) || out["truncated"] != false {
		t.Errorf("counts = %v", out)
	}
	resolved := out["resolved"].(map[string]any)["test"].(map[string]any)
	if resolved["dismissed"] != float64(1) || out["open"].(map[string]any)["test"] != float64(1) {
		t.Errorf("resolved %v open %v", resolved, out["open"])
	}
	later := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	if code, out, _ := f.do(t, "GET", "/v1/audit/check-counts?since="+later, f.tokens["auditor"], ""); code != 200 || out["total"] != float64(0) {
		t.Errorf("counts since later: %d %v", code, out)
	}
	if code, _, _ := f.do(t, "GET", "/v1/audit/check-counts?since=yesterday", f.tokens["auditor"], ""); code != 400 {
		t.Errorf("bad since: %d, want 400", code)
	}
}
