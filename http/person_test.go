package http_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"trex"
	"trex/audit"
	thttp "trex/http"
)

// The fixture's person, as they name themselves without an account.
const personBody = `{"national_id": "4510 778899", "document_number": "761 112233", "birth_date": "1991-05-06"}`

func appealBody(id string) string {
	return `{"national_id": "4510 778899", "document_number": "761112233", "birth_date": "1991-05-06", "restriction_id": "` + id + `", "reason": "I was discharged from service in March"}`
}

// post sends body to path from the client address addr, straight to the
// handler, and returns the status, the raw body and the headers.
func post(h http.Handler, addr, path, token, body string) (int, string, http.Header) {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.RemoteAddr = addr + ":40000"
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

// TestPersonStatusIsNoOracle: the person who gives all three identifiers
// learns of their restriction; anyone who gets one of them wrong, or names
// a person who has none, gets the very same answer, byte for byte.
func TestPersonStatusIsNoOracle(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	h := f.api.Handler()
	code, out, _ := f.do(t, "POST", "/v1/subject/status", "", personBody)
	if code != http.StatusOK || out["restricted"] != true {
		t.Fatalf("the person: %d %v", code, out)
	}
	rs := out["restrictions"].([]any)
	if len(rs) != 1 {
		t.Fatalf("restrictions = %v", rs)
	}
	r := rs[0].(map[string]any)
	if r["id"] != id || r["applies"] != true || r["kind"] != "court_order" || r["legal_basis"] != "Case 2-5/2026" ||
		r["authority"] != "district-court" || r["valid_until"] == nil || !strings.Contains(r["appeal"].(string), id) {
		t.Errorf("restriction as the person sees it: %v", r)
	}
	// With an appeal on record, a near miss must not see it either.
	if code, out, _ := f.do(t, "POST", "/v1/appeals", "", appealBody(id)); code != http.StatusCreated {
		t.Fatalf("appeal: %d %v", code, out)
	}
	_, none, _ := post(h, "10.0.0.1", "/v1/subject/status", "", `{"national_id": "4999 000001", "document_number": "700000001", "birth_date": "1980-01-01"}`)
	for name, body := range map[string]string{
		"wrong birth date":     `{"national_id": "4510 778899", "document_number": "761112233", "birth_date": "1991-05-07"}`,
		"wrong document":       `{"national_id": "4510 778899", "document_number": "761112234", "birth_date": "1991-05-06"}`,
		"national id as doc":   `{"national_id": "4510 778899", "document_number": "4510 778899", "birth_date": "1991-05-06"}`,
		"wrong national id":    `{"national_id": "4510 778890", "document_number": "761112233", "birth_date": "1991-05-06"}`,
		"other country":        `{"national_id": "national_id:KZ:4510 778899", "document_number": "761112233", "birth_date": "1991-05-06"}`,
		"birth year only":      `{"national_id": "4510 778899", "document_number": "761112233", "birth_date": "1991"}`,
		"another unrestricted": `{"national_id": "4999 000002", "document_number": "700000002", "birth_date": "1970-12-31"}`,
	} {
		code, body, _ := post(h, "10.0.1."+string(rune('1'+len(name)%9)), "/v1/subject/status", "", body)
		if name == "birth year only" {
			if code != http.StatusBadRequest {
				t.Errorf("%s: %d %s, want 400 asking for the full date", name, code, body)
			}
			continue
		}
		if code != http.StatusOK || body != none {
			t.Errorf("%s: %d %s\nwant the answer for a person without restrictions: %s", name, code, body, none)
		}
	}
	if !strings.Contains(none, `"restrictions": []`) || !strings.Contains(none, `"restricted": false`) {
		t.Errorf("no restriction: %s", none)
	}
}

// TestPersonStatusRateLimits: one client address cannot sweep many
// identities, and many addresses cannot try details for one identity.
func TestPersonStatusRateLimits(t *testing.T) {
	f := newFixture(t)
	f.create(t)
	api := &thttp.Server{Registry: f.api.Registry, Subjects: f.api.Subjects, Tokens: f.api.Tokens, Log: f.api.Log,
		PersonClientLimit: thttp.RateLimit{PerSecond: 0.001, Burst: 3}, PersonIdentityLimit: thttp.RateLimit{PerSecond: 0.001, Burst: 2}}
	h := api.Handler()
	// One address, three different identities: the fourth is refused.
	for i, nid := range []string{"4999 000001", "4999 000002", "4999 000003", "4999 000004"} {
		code, body, hdr := post(h, "10.0.0.1", "/v1/subject/status", "", `{"national_id": "`+nid+`", "document_number": "700000001", "birth_date": "1980-01-01"}`)
		if i < 3 && code != http.StatusOK {
			t.Fatalf("request %d: %d %s", i, code, body)
		}
		if i == 3 && (code != http.StatusTooManyRequests || hdr.Get("Retry-After") == "" || !strings.Contains(body, "address")) {
			t.Errorf("fourth request from one address: %d %s %v, want 429 with Retry-After", code, body, hdr)
		}
	}
	// One identity from many addresses, guessing birth dates: the third
	// is refused, even with the right details; another identity is not.
	for i, bd := range []string{"1991-01-01", "1991-01-02", "1991-05-06"} {
		code, body, _ := post(h, "10.0.2."+string(rune('1'+i)), "/v1/subject/status", "", `{"national_id": "4510 778899", "document_number": "761112233", "birth_date": "`+bd+`"}`)
		if i < 2 && code != http.StatusOK {
			t.Fatalf("guess %d: %d %s", i, code, body)
		}
		if i == 2 && (code != http.StatusTooManyRequests || !strings.Contains(body, "identification number")) {
			t.Errorf("third guess for one identity: %d %s, want 429", code, body)
		}
	}
	// The country given does not make it another identity.
	if code, body, _ := post(h, "10.0.3.1", "/v1/subject/status", "", `{"national_id": "national_id:RU:4510-778899", "document_number": "761112233", "birth_date": "1991-05-06"}`); code != http.StatusTooManyRequests {
		t.Errorf("same number with a country: %d %s, want 429", code, body)
	}
	if code, body, _ := post(h, "10.0.3.2", "/v1/subject/status", "", `{"national_id": "4999 000009", "document_number": "700000001", "birth_date": "1980-01-01"}`); code != http.StatusOK {
		t.Errorf("another identity from another address: %d %s", code, body)
	}
}

// TestPersonRequestsAreAudited: every status request, matching or not,
// answered or refused, is an entry in the audit log naming whose status
// was asked (as a keyed hash), never the identifiers themselves.
func TestPersonRequestsAreAudited(t *testing.T) {
	f := newFixture(t)
	f.create(t)
	before := f.api.Audit.Size()
	for _, body := range []string{personBody, `{"national_id": "4999 000001", "document_number": "700000001", "birth_date": "1980-01-01"}`} {
		if code, out, _ := f.do(t, "POST", "/v1/subject/status", "", body); code != 200 {
			t.Fatalf("status: %d %v", code, out)
		}
	}
	if code, out, _ := f.do(t, "POST", "/v1/subject/access-log", "", personBody); code != 200 {
		t.Fatalf("access log: %d %v", code, out)
	}
	if code, out, _ := f.do(t, "POST", "/v1/subject/status", "", `{"national_id": "4510 778899"}`); code != http.StatusBadRequest {
		t.Fatalf("incomplete: %d %v", code, out)
	}
	raw, err := f.api.Audit.Entries(context.Background(), before, f.api.Audit.Size())
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, b := range raw {
		e, err := audit.DecodeEntry(b)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "778899") || strings.Contains(string(b), "1991") {
			t.Errorf("entry holds the person's identifiers: %s", b)
		}
		if (e.SubjectHash == "" || e.Decision != "answered") && e.Decision != "invalid" {
			t.Errorf("entry %s: no subject hash or decision", b)
		}
		types = append(types, e.Type+":"+e.Decision)
	}
	if strings.Join(types, ",") != "subject.status:answered,subject.status:answered,subject.access_log:answered,subject.status:invalid" {
		t.Errorf("audit entries %v, want two status requests, one access-log request and one refused as invalid", types)
	}
}

// fakeAccess is an AccessLog in memory.
type fakeAccess struct {
	mu     sync.Mutex
	events []trex.AccessEvent
}

func (a *fakeAccess) RecordAccess(_ context.Context, e trex.AccessEvent) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.events = append(a.events, e)
	return nil
}

func (a *fakeAccess) AccessEvents(_ context.Context, ids []string) ([]trex.AccessEvent, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []trex.AccessEvent
	for i := len(a.events) - 1; i >= 0; i-- {
		for _, id := range ids {
			if a.events[i].RestrictionID == id && !a.events[i].Exempt {
				out = append(out, a.events[i])
			}
		}
	}
	return out, nil
}

func (a *fakeAccess) ExemptCounts(context.Context) (map[string]int64, error) { return nil, nil }

// TestPersonAccessLog: the person sees who looked at their record; a
// status request is recorded there; details that match nobody see nothing.
func TestPersonAccessLog(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	acc := &fakeAccess{}
	acc.RecordAccess(context.Background(), trex.AccessEvent{At: time.Now(), Who: "checkpoint-1", WhoKind: "border_node", Kind: trex.AccessCheck, RestrictionID: id})
	acc.RecordAccess(context.Background(), trex.AccessEvent{At: time.Now(), Who: "police", WhoKind: "authority", Kind: trex.AccessRead, RestrictionID: id, Exempt: true})
	acc.RecordAccess(context.Background(), trex.AccessEvent{At: time.Now(), Who: "checkpoint-2", WhoKind: "border_node", Kind: trex.AccessCheck, RestrictionID: "RSOMEONEELSE"})
	// Another person with the same national number in another country
	// (found by the lookup, which ignores the country when none is given)
	// but another document and birth date: their looks are not shown.
	other := &trex.Restriction{Person: trex.Person{Names: []trex.Name{{Surname: "Ким", Given: "Ли"}}, BirthDate: trex.MustPartialDate("1970-01-01"),
		Identifiers: []trex.Identifier{{Kind: "national_id", Country: "KZ", Value: "4510 778899"}}, Documents: []trex.Document{{Number: "990000001"}}},
		Kind: trex.KindCourtOrder, LegalBasis: "Case 9", Authority: "district-court", ValidUntil: time.Now().Add(time.Hour)}
	if err := f.db.CreateRestriction(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	acc.RecordAccess(context.Background(), trex.AccessEvent{At: time.Now(), Who: "checkpoint-3", WhoKind: "border_node", Kind: trex.AccessCheck, RestrictionID: other.ID})
	f.api.Access = acc
	if code, out, _ := f.do(t, "POST", "/v1/subject/status", "", personBody); code != 200 || out["restricted"] != true {
		t.Fatalf("status: %d %v", code, out)
	}
	code, out, _ := f.do(t, "POST", "/v1/subject/access-log", "", personBody)
	if code != 200 {
		t.Fatalf("access log: %d %v", code, out)
	}
	got := out["access"].([]any)
	if len(got) != 2 || got[0].(map[string]any)["kind"] != "status_request" || got[1].(map[string]any)["who"] != "checkpoint-1" {
		t.Errorf("access log = %v, want the status request and the check at checkpoint-1, nothing exempt or another's", got)
	}
	code, out, _ = f.do(t, "POST", "/v1/subject/access-log", f.tokens["subject"], "")
	if code != 200 || len(out["access"].([]any)) != 2 {
		t.Errorf("with a subject token: %d %v", code, out)
	}
	code, out, _ = f.do(t, "POST", "/v1/subject/access-log", "", `{"national_id": "4510 778899", "document_number": "761112233", "birth_date": "1991-06-05"}`)
	if code != 200 || len(out["access"].([]any)) != 0 {
		t.Errorf("details that match nobody: %d %v, want an empty log", code, out)
	}
}

// TestAppealLiftPropagates: a person appeals without an account, the
// authority sees it in its queue (overdue first, with age), lifts, and the
// lift reaches the border node like any lift; the person sees the
// decision in their status.
func TestAppealLiftPropagates(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	other := f.create(t)
	f.waitIndexed(t, id)
	code, out, _ := f.do(t, "POST", "/v1/appeals", "", appealBody(id))
	if code != http.StatusCreated || out["status"] != "pending" || out["id"] == nil {
		t.Fatalf("file: %d %v", code, out)
	}
	appealID := out["id"].(string)
	if code, out, _ := f.do(t, "POST", "/v1/appeals", "", appealBody(id)); code != http.StatusConflict {
		t.Errorf("second appeal while one is pending: %d %v, want 409", code, out)
	}
	wrong := strings.Replace(appealBody(id), "1991-05-06", "1991-05-05", 1)
	if code, out, _ := f.do(t, "POST", "/v1/appeals", "", wrong); code != http.StatusNotFound {
		t.Errorf("appeal with details that do not match: %d %v, want 404", code, out)
	}
	// The other restriction's appeal is filed with a subject token and
	// filed earlier in the clock's eyes, so it is due first.
	f.api.Now = func() time.Time { return time.Now().Add(-24 * time.Hour) }
	code, out, _ = f.do(t, "POST", "/v1/appeals", f.tokens["subject"], `{"restriction_id": "`+other+`", "reason": "wrong person"}`)
	if code != http.StatusCreated {
		t.Fatalf("file with token: %d %v", code, out)
	}
	otherAppeal := out["id"].(string)
	// 40 days later both are past the 30-day deadline of court orders.
	f.api.Now = func() time.Time { return time.Now().Add(40 * 24 * time.Hour) }
	code, out, _ = f.do(t, "GET", "/v1/appeals", f.tokens["issuer"], "")
	if code != 200 {
		t.Fatalf("queue: %d %v", code, out)
	}
	q := out["appeals"].([]any)
	if len(q) != 2 || q[0].(map[string]any)["id"] != otherAppeal || q[1].(map[string]any)["id"] != appealID ||
		q[0].(map[string]any)["overdue"] != true || out["overdue"] != float64(2) || q[1].(map[string]any)["age_seconds"].(float64) < 39*86400 {
		t.Errorf("queue = %v, want both overdue, the earlier deadline first, with ages", out)
	}
	if code, out, _ := f.do(t, "GET", "/v1/appeals", f.tokens["issuer-other"], ""); code != 200 || len(out["appeals"].([]any)) != 0 {
		t.Errorf("another authority's queue: %d %v, want empty", code, out)
	}
	if code, out, _ := f.do(t, "POST", "/v1/appeals/"+appealID+"/decide", f.tokens["issuer-other"], `{"outcome": "lift", "reason": "x"}`); code != http.StatusNotFound {
		t.Errorf("another authority deciding: %d %v, want 404", code, out)
	}
	if code, out, _ := f.do(t, "POST", "/v1/appeals/"+appealID+"/decide", f.tokens["issuer"], `{"outcome": "quash", "reason": "x"}`); code != http.StatusBadRequest {
		t.Errorf("unknown outcome: %d %v, want 400", code, out)
	}
	code, out, _ = f.do(t, "POST", "/v1/appeals/"+appealID+"/decide", f.tokens["issuer"], `{"outcome": "lift", "reason": "discharge confirmed"}`)
	if code != 200 || out["status"] != "lifted" {
		t.Fatalf("decide: %d %v", code, out)
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		if r := f.node.Restriction(id); r != nil && r.Status == trex.StatusLifted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the lift never reached the border node: %+v", f.node.Restriction(id))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if code, out, _ := f.do(t, "POST", "/v1/appeals/"+appealID+"/decide", f.tokens["issuer"], `{"outcome": "uphold", "reason": "again"}`); code != http.StatusConflict {
		t.Errorf("second decision: %d %v, want 409", code, out)
	}
	if code, out, _ := f.do(t, "POST", "/v1/appeals/"+otherAppeal+"/decide", f.tokens["issuer"], `{"outcome": "uphold", "reason": "identity confirmed"}`); code != 200 || out["status"] != "upheld" {
		t.Errorf("uphold: %d %v", code, out)
	}
	code, out, _ = f.do(t, "POST", "/v1/subject/status", "", personBody)
	if code != 200 {
		t.Fatalf("status: %d %v", code, out)
	}
	seen := map[string]string{}
	for _, a := range out["appeals"].([]any) {
		m := a.(map[string]any)
		seen[m["id"].(string)] = m["status"].(string) + ":" + m["decision_reason"].(string)
	}
	if seen[appealID] != "lifted:discharge confirmed" || seen[otherAppeal] != "upheld:identity confirmed" {
		t.Errorf("appeals in the person's status: %v", out["appeals"])
	}
	if code, out, _ := f.do(t, "POST", "/v1/appeals", "", appealBody(id)); code != http.StatusConflict {
		t.Errorf("appeal against a lifted restriction: %d %v, want 409", code, out)
	}
}

// TestPersonEndpointsRefuseBadInput: missing or malformed identifiers get
// a problem saying what to send, not an empty answer.
func TestPersonEndpointsRefuseBadInput(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ path, body, want string }{
		{"/v1/subject/status", `{}`, "national_id"},
		{"/v1/subject/status", `{"national_id": "4510 778899", "birth_date": "1991-05-06"}`, "document_number"},
		{"/v1/subject/status", `{"national_id": "4510 778899", "document_number": "1", "birth_date": "06.05.1991"}`, "birth_date"},
		{"/v1/subject/status", `{"national_id": "4510 778899", "document_number": "1", "birth_date": "1991-05-06", "name": "x"}`, "name"},
		{"/v1/subject/status", ``, "request body"},
		{"/v1/appeals", `{"national_id": "4510 778899", "document_number": "1", "birth_date": "1991-05-06", "reason": "x"}`, "restriction_id"},
		{"/v1/appeals", `{"national_id": "4510 778899", "document_number": "1", "birth_date": "1991-05-06", "restriction_id": "R1", "reason": " "}`, "reason"},
	} {
		req, _ := http.NewRequest("POST", f.srv.URL+c.path, strings.NewReader(c.body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(b), c.want) {
			t.Errorf("%s %s: %d %s, want a 400 problem naming %s", c.path, c.body, resp.StatusCode, b, c.want)
		}
	}
}
