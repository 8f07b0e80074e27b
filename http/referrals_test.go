package http_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"trex/audit"
	"trex/sqlite"
)

// TestReferralQueueShowsOpenChecksOldestFirstWithAge has two referrals and a
// clear check recorded: the supervisor's queue lists the two, oldest first
// with their age, and drops one once it is resolved.
func TestReferralQueueShowsOpenChecksOldestFirstWithAge(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	refer := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`
	var ids []string
	for range 2 {
		code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], refer)
		if code != http.StatusOK || out["decision"] != "refer" {
			t.Fatalf("setup referral: %d %v", code, out)
		}
		ids = append(ids, out["check_id"].(string))
		time.Sleep(5 * time.Millisecond)
	}
	if _, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], `{"traveller": {"schema": "Person", "properties": {"lastName": ["NOBODY"], "birthDate": ["1970-01-01"]}}}`); out["decision"] != "clear" {
		t.Fatalf("setup clear check: %v", out)
	}
	st, err := f.api.CheckLog.(*sqlite.DB).ReferralStats(context.Background())
	if err != nil || st.Open != 2 || st.Oldest.IsZero() || time.Since(st.Oldest) > time.Minute {
		t.Errorf("referral stats = %+v, %v; want two open, the oldest just now", st, err)
	}
	later := time.Now().Add(90 * time.Minute)
	f.api.Now = func() time.Time { return later }
	code, out, _ := f.do(t, "GET", "/v1/referrals", f.tokens["supervisor"], "")
	if code != http.StatusOK {
		t.Fatalf("queue: %d %v", code, out)
	}
	q, _ := out["referrals"].([]any)
	if len(q) != 2 {
		t.Fatalf("queue = %v, want the two referrals", out)
	}
	for i, item := range q {
		m := item.(map[string]any)
		age, _ := m["age_seconds"].(float64)
		if m["check_id"] != ids[i] || m["decision"] != "refer" || age < 90*60 || age > 91*60 {
			t.Errorf("queue[%d] = %v, want %s aged about 5400 s", i, m, ids[i])
		}
	}
	if codes, _ := out["reason_codes"].(map[string]any); len(codes["confirmed"].([]any)) == 0 || len(codes["dismissed"].([]any)) == 0 {
		t.Errorf("queue does not list the reason codes: %v", out["reason_codes"])
	}
	if code, out, _ := f.do(t, "POST", "/v1/checks/"+ids[0]+"/resolve", f.tokens["supervisor"], `{"resolution": "dismissed", "reason_code": "birth_date_mismatch", "reason": "born a year later per the passport"}`); code != http.StatusOK || out["reason_code"] != "birth_date_mismatch" {
		t.Fatalf("resolve: %d %v", code, out)
	}
	_, out, _ = f.do(t, "GET", "/v1/referrals", f.tokens["supervisor"], "")
	if q, _ := out["referrals"].([]any); len(q) != 1 || q[0].(map[string]any)["check_id"] != ids[1] {
		t.Errorf("queue after resolving the oldest = %v, want only %s", out, ids[1])
	}
	if code, _, _ := f.do(t, "GET", "/v1/referrals?limit=0", f.tokens["supervisor"], ""); code != http.StatusBadRequest {
		t.Errorf("limit=0: %d, want 400", code)
	}
}

// TestResolutionNeedsACodeFromTheFixedList refuses a resolution without a
// code, with an unknown code, and with a code of the other resolution
// (a dismissal's code on a confirmation), and records the code given in
// the check log and the audit log.
func TestResolutionNeedsACodeFromTheFixedList(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	_, ref, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`)
	id := ref["check_id"].(string)
	for _, body := range []string{
		`{"resolution": "confirmed", "reason": "looks like her"}`,
		`{"resolution": "confirmed", "reason_code": "gut_feeling", "reason": "looks like her"}`,
		`{"resolution": "confirmed", "reason_code": "different_person", "reason": "looks like her"}`,
		`{"resolution": "dismissed", "reason_code": "identity_verified", "reason": "not her"}`,
	} {
		code, out, _ := f.do(t, "POST", "/v1/checks/"+id+"/resolve", f.tokens["supervisor"], body)
		if code != http.StatusBadRequest || out["detail"] == nil {
			t.Errorf("%s: %d %v, want a 400 problem", body, code, out)
		}
	}
	code, out, _ := f.do(t, "POST", "/v1/checks/"+id+"/resolve", f.tokens["supervisor"], `{"resolution": "confirmed", "reason_code": "document_matches", "reason": "passport number on the record"}`)
	if code != http.StatusOK || out["reason_code"] != "document_matches" {
		t.Fatalf("resolve: %d %v", code, out)
	}
	_, logged, _ := f.do(t, "GET", "/v1/audit/checks", f.tokens["auditor"], "")
	found := false
	for _, c := range logged["checks"].([]any) {
		m := c.(map[string]any)
		found = found || m["id"] == id && m["reason_code"] == "document_matches"
	}
	if !found {
		t.Errorf("check log does not keep the code: %v", logged)
	}
	entries := f.auditEntriesOf(t, audit.TypeResolve)
	if len(entries) != 1 || entries[0].ReasonCode != "document_matches" || entries[0].CheckID != id {
		t.Errorf("audit resolve entries = %+v, want one with the code", entries)
	}
}

// TestOpeningAReferralIsAudited: a supervisor opening a referral writes
// referral.opened to the node's audit log, naming the supervisor's token,
// the check and the restrictions shown, and nothing of the person; a
// referral that does not exist writes nothing.
func TestOpeningAReferralIsAudited(t *testing.T) {
	f := newFixture(t)
	rid := f.create(t)
	f.waitIndexed(t, rid)
	_, ref, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`)
	id, _ := ref["check_id"].(string)
	if code, out, _ := f.do(t, "GET", "/v1/referrals/"+id, f.tokens["supervisor"], ""); code != http.StatusOK {
		t.Fatalf("open referral: %d %v", code, out)
	}
	if code, _, _ := f.do(t, "GET", "/v1/referrals/no-such-check", f.tokens["supervisor"], ""); code != http.StatusNotFound {
		t.Errorf("unknown referral: %d, want 404", code)
	}
	entries := f.auditEntriesOf(t, audit.TypeReferralOpened)
	if len(entries) != 1 {
		t.Fatalf("referral.opened entries = %+v, want one", entries)
	}
	e := entries[0]
	if e.CheckID != id || e.Role != "supervisor" || e.Actor == "" || e.Decision != "refer" || len(e.Shown) != 1 || e.Shown[0] != rid {
		t.Errorf("entry = %+v; want the supervisor's token, check %s, decision refer, shown [%s]", e, id, rid)
	}
	raw, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for _, personal := range []string{"KUZNETSOVA", "MARIIA", "1991"} {
		if strings.Contains(strings.ToUpper(string(raw)), personal) {
			t.Errorf("the audit entry names the person (%s): %s", personal, raw)
		}
	}
}
