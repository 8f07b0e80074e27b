package http_test

import (
	"net/http"
	"testing"
)

// TestSupervisorOpensAReferralWithItsRecords: an open referral opens with
// the record of the restriction it matched; once resolved it no longer
// opens, and an officer cannot open it at all.
func TestSupervisorOpensAReferralWithItsRecords(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	f.waitIndexed(t, id)
	check := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], check)
	if code != 200 || out["decision"] != "refer" {
		t.Fatalf("setup check: %d %v", code, out)
	}
	checkID := out["check_id"].(string)
	if code, _, _ := f.do(t, "GET", "/v1/referrals/"+checkID, f.tokens["officer"], ""); code != http.StatusForbidden {
		t.Errorf("officer opening a referral: %d, want 403", code)
	}
	code, ev, _ := f.do(t, "GET", "/v1/referrals/"+checkID, f.tokens["supervisor"], "")
	if code != 200 {
		t.Fatalf("open referral: %d %v", code, ev)
	}
	recs, _ := ev["records"].([]any)
	if len(recs) != 1 {
		t.Fatalf("records: %v", ev["records"])
	}
	rec := recs[0].(map[string]any)
	person, _ := rec["person"].(map[string]any)
	if rec["restriction_id"] != id || rec["held"] != true || person == nil || person["birth_date"] != "1991-05-06" || rec["legal_basis"] == "" {
		t.Errorf("record: %v", rec)
	}
	if ref, _ := ev["referral"].(map[string]any); ref["check_id"] != checkID {
		t.Errorf("referral: %v", ev["referral"])
	}
	if code, out, _ := f.do(t, "POST", "/v1/checks/"+checkID+"/resolve", f.tokens["supervisor"], `{"resolution": "dismissed", "reason_code": "different_person", "reason": "other birthplace"}`); code != 200 {
		t.Fatalf("resolve: %d %v", code, out)
	}
	if code, _, _ := f.do(t, "GET", "/v1/referrals/"+checkID, f.tokens["supervisor"], ""); code != http.StatusNotFound {
		t.Errorf("a resolved referral still opens: %d, want 404", code)
	}
	if code, _, _ := f.do(t, "GET", "/v1/referrals/CNOSUCH", f.tokens["supervisor"], ""); code != http.StatusNotFound {
		t.Errorf("unknown referral: %d, want 404", code)
	}
}
