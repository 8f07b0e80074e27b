package http_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"trex"
	"trex/mrz"
)

func TestChecksAreRateLimitedPerToken(t *testing.T) {
	f := newFixture(t)
	// A server with a tiny budget, sharing the fixture's stores.
	f.setRateLimit(t, 2)
	body := `{"traveller": {"schema": "Person", "properties": {"lastName": ["NOBODY"], "birthDate": ["1970-01-01"]}}}`
	var codes []int
	var retry string
	for i := 0; i < 4; i++ {
		code, _, h := f.do(t, "POST", "/v1/checks", f.tokens["officer"], body)
		codes = append(codes, code)
		if code == http.StatusTooManyRequests {
			retry = h.Get("Retry-After")
		}
	}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != http.StatusTooManyRequests {
		t.Fatalf("codes = %v, want 200, 200, then 429", codes)
	}
	if retry == "" || retry == "0" {
		t.Errorf("429 without a useful Retry-After (%q)", retry)
	}
	// Another token has its own budget.
	if code, _, _ := f.do(t, "POST", "/v1/checks", f.tokens["supervisor"], body); code != 200 {
		t.Errorf("second token: %d, want 200", code)
	}
}

func TestResolutionRules(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	_, clear, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], `{"traveller": {"schema": "Person", "properties": {"lastName": ["NOBODY"], "birthDate": ["1970-01-01"]}}}`)
	if clear["decision"] != "clear" {
		t.Fatalf("setup: %v", clear)
	}
	if code, _, _ := f.do(t, "POST", "/v1/checks/"+clear["check_id"].(string)+"/resolve", f.tokens["supervisor"], `{"resolution": "confirmed", "reason_code": "document_matches", "reason": "x"}`); code != http.StatusConflict {
		t.Errorf("resolving a clear check: %d, want 409", code)
	}
	_, ref, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`)
	id := ref["check_id"].(string)
	if code, _, _ := f.do(t, "POST", "/v1/checks/"+id+"/resolve", f.tokens["supervisor"], `{"resolution": "maybe", "reason_code": "document_matches", "reason": "x"}`); code != 400 {
		t.Errorf("unknown resolution: %d, want 400", code)
	}
	if code, _, _ := f.do(t, "POST", "/v1/checks/"+id+"/resolve", f.tokens["supervisor"], `{"resolution": "confirmed", "reason_code": "identity_verified"}`); code != 400 {
		t.Errorf("resolution without reason: %d, want 400", code)
	}
	if code, _, _ := f.do(t, "POST", "/v1/checks/"+id+"/resolve", f.tokens["supervisor"], `{"resolution": "confirmed", "reason_code": "identity_verified", "reason": "photo and fingerprints agree"}`); code != 200 {
		t.Errorf("resolve: %d", code)
	}
	if code, _, _ := f.do(t, "POST", "/v1/checks/"+id+"/resolve", f.tokens["supervisor"], `{"resolution": "dismissed", "reason_code": "different_person", "reason": "changed my mind"}`); code != http.StatusConflict {
		t.Errorf("second resolution: %d, want 409", code)
	}
	// The auditor sees both checks and the resolution, and no names.
	code, audit, _ := f.do(t, "GET", "/v1/audit/checks?limit=10", f.tokens["auditor"], "")
	raw, _ := json.Marshal(audit)
	if code != 200 || len(audit["checks"].([]any)) != 2 || !strings.Contains(string(raw), "photo and fingerprints agree") {
		t.Fatalf("audit: %d %s", code, raw)
	}
	if strings.Contains(string(raw), "KUZNETSOVA") || strings.Contains(string(raw), "Кузнецова") {
		t.Errorf("audit log carries a traveller's name: %s", raw)
	}
	if code, _, _ := f.do(t, "GET", "/v1/audit/checks?limit=100000", f.tokens["auditor"], ""); code != 400 {
		t.Errorf("oversized audit page: %d, want 400", code)
	}
}

func TestSubjectSeesOnlyTheirOwnStatus(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	code, st, _ := f.do(t, "GET", "/v1/me", f.tokens["subject"], "")
	if code != 200 || st["restricted"] != true {
		t.Fatalf("subject status: %d %v", code, st)
	}
	rs := st["restrictions"].([]any)
	r := rs[0].(map[string]any)
	if len(rs) != 1 || r["id"] != id || r["legal_basis"] == "" || !strings.Contains(r["appeal"].(string), "district-court") {
		t.Errorf("subject sees %v", rs)
	}
	// A subject token for someone else sees nothing of this person.
	other := f.token(t, trex.Token{Role: trex.RoleSubject, Subject: "9999 000000"})
	if code, st, _ := f.do(t, "GET", "/v1/me", other, ""); code != 200 || st["restricted"] != false || len(st["restrictions"].([]any)) != 0 {
		t.Errorf("other subject: %d %v", code, st)
	}
	// A subject may not check or read restrictions by ID.
	if code, _, _ := f.do(t, "GET", "/v1/restrictions/"+id, f.tokens["subject"], ""); code != http.StatusForbidden {
		t.Errorf("subject reading a restriction: %d, want 403", code)
	}
}

func TestCheckByMachineReadableZone(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	f.waitIndexed(t, id)
	zone, err := mrz.Encode(&mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "RUS", Surname: "KUZNETSOVA",
		GivenNames: []string{"MARIIA"}, DocumentNumber: "761112233", Nationality: "RUS",
		BirthDate: trex.MustPartialDate("1991-05-06"), Sex: trex.SexFemale, ExpiryDate: trex.MustPartialDate("2031-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]string{"mrz": zone})
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], string(body))
	if code != 200 || out["decision"] != "hit" {
		t.Fatalf("mrz check: %d %v", code, out)
	}
	doc := out["document"].(map[string]any)
	if doc["format"] != "TD3" || doc["document_number"] != "761112233" {
		t.Errorf("document read = %v", doc)
	}
	// A zone with a wrong check digit is refused, naming the place.
	bad := []byte(zone)
	bad[len(bad)-1] = '0' + (bad[len(bad)-1]-'0'+1)%10
	body, _ = json.Marshal(map[string]string{"mrz": string(bad)})
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["officer"], string(body))
	if code != 400 || !strings.Contains(out["detail"].(string), "line 2") {
		t.Errorf("bad zone: %d %v", code, out)
	}
	// Read tolerantly, a letter O misread for the zero in the birth date
	// (line 2, positions 14-19) is corrected and reported.
	ocr := []byte(zone)
	at := strings.Index(zone, "\n") + 1 + 13 + strings.IndexByte(zone[strings.Index(zone, "\n")+1+13:][:6], '0')
	if ocr[at] != '0' {
		t.Fatalf("no 0 in the birth date of %q", zone)
	}
	ocr[at] = 'O'
	body, _ = json.Marshal(map[string]any{"mrz": string(ocr), "ocr": true})
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["officer"], string(body))
	if code != 200 || out["decision"] != "hit" || out["document"].(map[string]any)["corrections"] == nil {
		t.Errorf("OCR check: %d %v", code, out)
	}
	body, _ = json.Marshal(map[string]any{"mrz": string(ocr)})
	if code, _, _ = f.do(t, "POST", "/v1/checks", f.tokens["officer"], string(body)); code != 400 {
		t.Errorf("strict read of a misread zone: %d, want 400", code)
	}
	// The check log says which document was read.
	_, audit, _ := f.do(t, "GET", "/v1/audit/checks", f.tokens["auditor"], "")
	if c := audit["checks"].([]any)[0].(map[string]any); c["document"] != "mrz:TD3" {
		t.Errorf("logged document = %v", c["document"])
	}
}

func TestDeepJSONIsRefused(t *testing.T) {
	f := newFixture(t)
	deep := `{"traveller": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], deep)
	if code != 400 || !strings.Contains(out["detail"].(string), "nested deeper") {
		t.Errorf("deep JSON: %d %v", code, out)
	}
}

func TestAdminManagesTokens(t *testing.T) {
	f := newFixture(t)
	code, out, _ := f.do(t, "POST", "/v1/tokens", f.tokens["admin"], `{"role": "officer", "name": "lane 4", "ttl": "8h"}`)
	if code != 201 || !strings.HasPrefix(out["token"].(string), "trex_") {
		t.Fatalf("create: %d %v", code, out)
	}
	secret, id := out["token"].(string), out["id"].(string)
	if code, _, _ := f.do(t, "GET", "/v1/audit/checks", secret, ""); code != http.StatusForbidden {
		t.Errorf("new officer token reading the audit log: %d, want 403", code)
	}
	code, list, _ := f.do(t, "GET", "/v1/tokens", f.tokens["admin"], "")
	raw, _ := json.Marshal(list)
	if code != 200 || strings.Contains(string(raw), secret) || !strings.Contains(string(raw), id) {
		t.Errorf("list: %d (secrets must never be listed) %s", code, raw)
	}
	if code, _, _ := f.do(t, "POST", "/v1/tokens/"+id+"/revoke", f.tokens["admin"], ""); code != 200 {
		t.Errorf("revoke: %d", code)
	}
	if code, _, _ := f.do(t, "POST", "/v1/checks", secret, `{}`); code != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", code)
	}
	if code, _, _ := f.do(t, "POST", "/v1/tokens", f.tokens["admin"], `{"role": "king"}`); code != 400 {
		t.Errorf("unknown role: %d, want 400", code)
	}
}
