package http_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"trex"
	thttp "trex/http"
)

// recordValues are the listed person's values (see person) that a check
// must not reveal to an officer: the Cyrillic name, the patronymic, the
// birth date and the ICAO rendering of the surname, in any case.
var recordValues = []string{"Кузнецова", "Мария", "Ивановна", "1991-05-06", "KUZNETSOVA"}

func assertNoRecordValues(t *testing.T, what, body string) {
	t.Helper()
	for _, v := range recordValues {
		if strings.Contains(strings.ToLower(body), strings.ToLower(v)) {
			t.Errorf("%s quotes the record's %q: %s", what, v, body)
		}
	}
}

// nameOnlyManifest is a JSON manifest of n travellers with a name only;
// the first carries the listed person's name.
func nameOnlyManifest(n int) string {
	ts := make([]string, n)
	ts[0] = `{"surname": "KUZNETSOVA", "given_names": "MARIIA"}`
	for i := 1; i < n; i++ {
		ts[i] = fmt.Sprintf(`{"surname": "PETROVA%d", "given_names": "ANNA"}`, i)
	}
	return `{"flight": "XX1", "travellers": [` + strings.Join(ts, ",") + `]}`
}

// An officer's manifest of name-only travellers is screened for nobody:
// each traveller is answered refer with the reason, nothing of the
// register comes back, and the refusals are counted.
func TestOfficerNameOnlyManifestIsRefusedPerTraveller(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	code, body, _ := f.post(t, "/v1/manifests", f.tokens["officer"], "application/json", "", nameOnlyManifest(50))
	if code != 200 {
		t.Fatalf("manifest: %d %s", code, body)
	}
	var out struct {
		Travellers []struct {
			Answer  string       `json:"answer"`
			Error   string       `json:"error"`
			Matches []trex.Match `json:"matches"`
			CheckID string       `json:"check_id"`
		} `json:"travellers"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || len(out.Travellers) != 50 {
		t.Fatalf("answer: %v %s", err, body)
	}
	for i, a := range out.Travellers {
		if a.Answer != "refer" || !strings.Contains(a.Error, "birth date") || len(a.Matches) != 0 || a.CheckID != "" {
			t.Errorf("traveller %d: %+v; want refer, not screened for want of a birth date", i, a)
		}
	}
	if strings.Contains(body, "restriction_id") {
		t.Errorf("name-only manifest reveals a restriction: %s", body)
	}
	assertNoRecordValues(t, "name-only manifest", strings.ReplaceAll(body, `"surname": "KUZNETSOVA"`, ""))
	if got := f.api.TravellerRefusals()[thttp.RefusedIncomplete]; got != 50 {
		t.Errorf("travellers counted as not screened = %d, want 50", got)
	}
}

// A booth check needs a full birth date or a read document; only a
// supervisor checks on a name alone, with a reason that the check log
// keeps.
func TestNameOnlyCheckIsASupervisorsActOnTheRecord(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	nameOnly := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991"]}}`
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], nameOnly+`}`)
	if code != 400 || !strings.Contains(out["detail"].(string), "birth date") {
		t.Errorf("officer's name-only check: %d %v, want 400 asking for a birth date", code, out)
	}
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["officer"], nameOnly+`, "reason": "I am curious"}`)
	if code != 400 {
		t.Errorf("officer's name-only check with a reason: %d %v, want 400", code, out)
	}
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["supervisor"], nameOnly+`}`)
	if code != 400 || !strings.Contains(out["detail"].(string), "reason") {
		t.Errorf("supervisor's name-only check without a reason: %d %v, want 400 asking for a reason", code, out)
	}
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["supervisor"], nameOnly+`, "reason": "passport damaged in flood; traveller known to the crew"}`)
	if code != 200 || out["decision"] != "refer" {
		t.Fatalf("supervisor's name-only check with a reason: %d %v", code, out)
	}
	_, audit, _ := f.do(t, "GET", "/v1/audit/checks", f.tokens["auditor"], "")
	checks := audit["checks"].([]any)
	if len(checks) != 1 {
		t.Fatalf("check log holds %d checks, want only the supervisor's: %v", len(checks), audit)
	}
	c := checks[0].(map[string]any)
	if c["reason"] != "passport damaged in flood; traveller known to the crew" || c["document"] != "form:name-only" {
		t.Errorf("logged check = %v; want the reason and form:name-only", c)
	}
}

// An officer learns how each field agrees, never the record's values,
// unless a document identifier confirms a hit; a supervisor sees them.
func TestOfficerResponsesNeverQuoteTheRecord(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	// A misspelt surname, no patronymic, day and month swapped: each makes
	// the matcher compare with the record's value.
	probe := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZMETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-06-05"], "gender": ["female"]}}}`
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], probe)
	raw, _ := json.Marshal(out)
	if code != 200 || out["decision"] != "refer" {
		t.Fatalf("probe: %d %s", code, raw)
	}
	m := out["matches"].([]any)[0].(map[string]any)
	if len(m["evidence"].([]any)) == 0 || len(m["reasons"].([]any)) == 0 {
		t.Errorf("officer sees no explanation: %s", raw)
	}
	assertNoRecordValues(t, "officer's check", string(raw))

	manifest := `{"travellers": [{"surname": "KUZMETSOVA", "given_names": "MARIIA", "birth_date": "1991-06-05", "sex": "F"}]}`
	code, body, _ := f.post(t, "/v1/manifests", f.tokens["officer"], "application/json", "", manifest)
	if code != 200 || !strings.Contains(body, "restriction_id") {
		t.Fatalf("officer manifest: %d %s", code, body)
	}
	assertNoRecordValues(t, "officer's manifest", body)

	// The supervisor resolving the referral sees the record's values.
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["supervisor"], probe)
	raw, _ = json.Marshal(out)
	if code != 200 || !strings.Contains(string(raw), "1991-05-06") {
		t.Errorf("supervisor's check: %d %s; want the record's birth date", code, raw)
	}
	// So does the officer once the passport number confirms a hit.
	hit := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"], "passportNumber": ["761112233"]}}}`
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["officer"], hit)
	raw, _ = json.Marshal(out)
	if code != 200 || out["decision"] != "hit" || !strings.Contains(strings.ToLower(string(raw)), "кузнецова") {
		t.Errorf("document-confirmed hit: %d %s; want the record's name", code, raw)
	}
}

// A carrier's travellers are screened only with a birth date and a travel
// document: a name and a birth date alone tell the carrier nothing.
func TestCarrierAnswersNeedBirthDateAndDocument(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	manifest := `{"travellers": [
		{"surname": "KUZNETSOVA", "given_names": "MARIIA", "birth_date": "1991-05-06"},
		{"surname": "KUZNETSOVA", "given_names": "MARIIA", "birth_date": "1991-05-06", "document_number": "761112233", "document_type": "P"}]}`
	code, body, _ := f.post(t, "/v1/manifests", f.tokens["carrier"], "application/json", "", manifest)
	var out struct {
		Travellers []struct{ Answer, Error string } `json:"travellers"`
	}
	json.Unmarshal([]byte(body), &out)
	if code != 200 || len(out.Travellers) != 2 {
		t.Fatalf("carrier manifest: %d %s", code, body)
	}
	if a := out.Travellers[0]; a.Answer != "refer" || !strings.Contains(a.Error, "document") {
		t.Errorf("traveller without a document: %+v; want refer, not screened for want of a document", a)
	}
	if a := out.Travellers[1]; a.Answer != "do_not_board" || a.Error != "" {
		t.Errorf("traveller with a document: %+v; want do_not_board", a)
	}
}

// Budgets count travellers, not requests: a token that may screen ten
// travellers cannot send two manifests of eight, nor one of eleven, and
// the tokens of one role share the role's budget.
func TestBudgetsCountTravellersPerTokenAndRole(t *testing.T) {
	f := newFixture(t)
	api := &thttp.Server{Checks: f.api.Checks, CheckLog: f.api.CheckLog, Tokens: f.api.Tokens, Node: "test", Log: f.api.Log,
		TokenBudgets: map[trex.Role]thttp.RateLimit{trex.RoleOfficer: {PerSecond: 0.001, Burst: 10}},
		RoleBudgets:  map[trex.Role]thttp.RateLimit{trex.RoleOfficer: {PerSecond: 0.001, Burst: 15}}}
	f.srv.Close()
	f.srv = newServer(t, api)
	manifest := func(n int) string {
		ts := make([]string, n)
		for i := range ts {
			ts[i] = fmt.Sprintf(`{"surname": "NOBODY%d", "given_names": "X", "birth_date": "1970-01-01"}`, i)
		}
		return `{"travellers": [` + strings.Join(ts, ",") + `]}`
	}
	if code, body, _ := f.post(t, "/v1/manifests", f.tokens["officer"], "application/json", "", manifest(8)); code != 200 {
		t.Fatalf("first manifest of 8: %d %s", code, body)
	}
	code, body, h := f.post(t, "/v1/manifests", f.tokens["officer"], "application/json", "", manifest(8))
	if code != http.StatusTooManyRequests || h.Get("Retry-After") == "" || !strings.Contains(body, "travellers") {
		t.Errorf("second manifest of 8 on a budget of 10: %d %s, want 429 with Retry-After", code, body)
	}
	check := `{"traveller": {"schema": "Person", "properties": {"lastName": ["NOBODY"], "birthDate": ["1970-01-01"]}}}`
	for i := 0; i < 2; i++ {
		if code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], check); code != 200 {
			t.Errorf("check %d within the budget: %d %v", i, code, out)
		}
	}
	if code, _, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], check); code != http.StatusTooManyRequests {
		t.Errorf("eleventh traveller: %d, want 429", code)
	}
	other := f.token(t, trex.Token{Role: trex.RoleOfficer})
	if code, body, _ := f.post(t, "/v1/manifests", other, "application/json", "", manifest(11)); code != http.StatusTooManyRequests || !strings.Contains(body, "at most 10") {
		t.Errorf("manifest larger than the token's burst: %d %s, want 429 naming the limit", code, body)
	}
	if code, body, _ := f.post(t, "/v1/manifests", other, "application/json", "", manifest(6)); code != http.StatusTooManyRequests || !strings.Contains(body, "role") {
		t.Errorf("second officer token past the role's budget (10 + 6 > 15): %d %s, want 429 naming the role", code, body)
	}
	if code, body, _ := f.post(t, "/v1/manifests", other, "application/json", "", manifest(5)); code != 200 {
		t.Errorf("second officer token within the role's budget: %d %s", code, body)
	}
}

func TestParseRoleBudget(t *testing.T) {
	role, l, err := thttp.ParseRoleBudget("carrier=2.5:1000")
	if err != nil || role != trex.RoleCarrier || l != (thttp.RateLimit{PerSecond: 2.5, Burst: 1000}) {
		t.Errorf("carrier=2.5:1000 = %v %v %v", role, l, err)
	}
	for _, bad := range []string{"carrier", "carrier=5", "pilot=5:10", "carrier=-1:10", "carrier=5:0", "carrier=NaN:5", "carrier=0:5"} {
		if _, _, err := thttp.ParseRoleBudget(bad); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("%q: err = %v, want invalid", bad, err)
		}
	}
}
