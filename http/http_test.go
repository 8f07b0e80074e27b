package http_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/audit"
	"trex/border"
	thttp "trex/http"
	"trex/registry"
	"trex/screening"
	"trex/sqlite"
)

// fixture is an API over a real SQLite registry and a real border node
// (without NATS: restrictions are applied to the node directly).
type fixture struct {
	srv    *httptest.Server
	api    *thttp.Server
	db     *sqlite.DB
	node   *border.Node
	tokens map[string]string // by role, plus "issuer-other" for a second authority
	// auditDir holds the node's audit log key and public key.
	auditDir string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	replica, err := sqlite.Open(filepath.Join(t.TempDir(), "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { replica.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	auditDir := t.TempDir()
	alog, err := audit.OpenDir(auditDir, "border-test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { alog.Close() })
	node := &border.Node{ID: "test", Replica: replica, Matcher: screening.New(), Log: log}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}
	relay := registry.NewRelay(db, func(ctx context.Context, c trex.Change) error { return node.ApplyChange(ctx, c) }, log)
	f := &fixture{db: db, node: node, tokens: map[string]string{}, auditDir: auditDir}
	api := &thttp.Server{Registry: &registry.Service{RestrictionService: db, Relay: relay}, Checks: node, CheckLog: replica, Records: node,
		Subjects: db, Appeals: db, Tokens: db, Node: "test", Log: log, RateLimit: thttp.RateLimit{PerSecond: 1000, Burst: 1000}, Audit: alog,
		Access: db}
	f.api = api
	api.Lifecycle = db
	f.srv = httptest.NewServer(api.Handler())
	t.Cleanup(f.srv.Close)
	runCtx, cancel := context.WithCancel(ctx)
	relayStopped := make(chan struct{})
	go func() { relay.Run(runCtx); close(relayStopped) }()
	// The relay stops before the databases close and their directories go.
	t.Cleanup(func() { cancel(); <-relayStopped })

	mk := func(key string, role trex.Role, authority string) {
		subject := ""
		if role == trex.RoleSubject {
			subject = subjectID
		}
		s, err := db.CreateToken(ctx, &trex.Token{Role: role, Authority: authority, Subject: subject, ExpiresAt: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[key] = s
	}
	for _, r := range []trex.Role{trex.RoleOfficer, trex.RoleSupervisor, trex.RoleAuditor, trex.RoleSubject, trex.RoleAdmin, trex.RoleCarrier} {
		mk(string(r), r, "")
	}
	mk("issuer", trex.RoleIssuer, "district-court")
	mk("issuer-other", trex.RoleIssuer, "bailiff-service")
	return f
}

// setRateLimit serves the same stores with a budget of n checks per token.
func (f *fixture) setRateLimit(t *testing.T, n int) {
	t.Helper()
	api := &thttp.Server{Registry: f.api.Registry, Checks: f.api.Checks, CheckLog: f.api.CheckLog, Subjects: f.api.Subjects,
		Tokens: f.api.Tokens, Node: f.api.Node, Log: f.api.Log, RateLimit: thttp.RateLimit{PerSecond: 0.001, Burst: n}}
	f.srv.Close()
	f.srv = httptest.NewServer(api.Handler())
	t.Cleanup(f.srv.Close)
}

// token creates a token and returns its secret.
func (f *fixture) token(t *testing.T, tok trex.Token) string {
	t.Helper()
	tok.ExpiresAt = time.Now().Add(time.Hour)
	s, err := f.db.CreateToken(context.Background(), &tok)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (f *fixture) do(t testing.TB, method, path, token, body string) (int, map[string]any, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out, resp.Header
}

// subjectID is the national identifier of the person the fixture restricts
// and of the fixture's subject token.
const subjectID = "4510 778899"

const person = `{"schema": "Person", "properties": {"lastName": ["Кузнецова"], "firstName": ["Мария"], "fatherName": ["Ивановна"], "birthDate": ["1991-05-06"], "gender": ["female"], "passportNumber": ["761112233"], "idNumber": ["4510 778899"]}}`

func createBody(until time.Time) string {
	return `{"person": ` + person + `, "kind": "court_order", "legal_basis": "Case 2-5/2026", "valid_until": "` + until.UTC().Format(time.RFC3339) + `"}`
}

func (f *fixture) create(t *testing.T) string {
	t.Helper()
	code, out, _ := f.do(t, "POST", "/v1/restrictions", f.tokens["issuer"], createBody(time.Now().Add(24*time.Hour)))
	if code != http.StatusCreated {
		t.Fatalf("create: %d %v", code, out)
	}
	return out["id"].(string)
}

// TestEveryEndpointEveryRole tries each endpoint with each role and with no
// token: the allowed roles get through, every other one is refused.
func TestEveryEndpointEveryRole(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	check := `{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`
	f.waitIndexed(t, id)
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], check)
	if code != 200 || out["decision"] != "refer" {
		t.Fatalf("setup check: %d %v", code, out)
	}
	checkID := out["check_id"].(string)
	endpoints := []struct {
		method, path, body string
		allowed            []string
	}{
		{"POST", "/v1/restrictions", createBody(time.Now().Add(time.Hour)), []string{"issuer", "issuer-other"}},
		{"GET", "/v1/restrictions/" + id, "", []string{"issuer"}},
		{"POST", "/v1/restrictions/" + id + "/lift", `{"reason": "probe"}`, []string{"issuer"}},
		{"GET", "/v1/reviews", "", []string{"issuer", "issuer-other"}},
		{"GET", "/v1/restrictions/" + id + "/delivery", "", []string{"issuer"}},
		{"POST", "/v1/imports?format=jsonl", createBody(time.Now().Add(time.Hour)), []string{"issuer", "issuer-other"}},
		{"GET", "/v1/imports/INOSUCH", "", []string{"issuer", "issuer-other"}},
		{"GET", "/v1/audit/check-counts", "", []string{"auditor"}},
		{"POST", "/v1/restrictions/" + id + "/review", `{"reason": "probe"}`, []string{"issuer"}},
		{"POST", "/v1/checks", check, []string{"officer", "supervisor"}},
		{"GET", "/v1/referrals", "", []string{"supervisor"}},
		{"GET", "/v1/referrals/" + checkID, "", []string{"supervisor"}},
		{"POST", "/v1/checks/" + checkID + "/resolve", `{"resolution": "dismissed", "reason_code": "different_person", "reason": "probe"}`, []string{"supervisor"}},
		{"POST", "/v1/manifests", `{"flight": "XX1", "travellers": [{"role": "passenger", "surname": "KUZNETSOVA", "given_names": "MARIIA", "birth_date": "1991-05-06"}]}`, []string{"carrier", "officer", "supervisor"}},
		{"GET", "/v1/audit/checks", "", []string{"auditor"}},
		{"GET", "/v1/audit/access-exempt", "", []string{"auditor"}},
		{"GET", "/v1/audit/check-reports", "", []string{"auditor"}},
		{"GET", "/v1/audit/checkpoint", "", []string{"auditor"}},
		{"GET", "/v1/audit/entries?from=0", "", []string{"auditor"}},
		{"GET", "/v1/audit/proof/inclusion?index=0", "", []string{"auditor"}},
		{"GET", "/v1/audit/proof/consistency?old=1", "", []string{"auditor"}},
		{"GET", "/v1/me", "", []string{"subject"}},
		{"GET", "/v1/whoami", "", []string{"issuer", "issuer-other", "officer", "supervisor", "auditor", "subject", "admin", "carrier"}},
		{"POST", "/v1/subject/status", personBody, []string{"", "subject"}},
		{"POST", "/v1/subject/access-log", personBody, []string{"", "subject"}},
		{"POST", "/v1/appeals", appealBody(id), []string{"", "subject"}},
		{"GET", "/v1/appeals", "", []string{"issuer", "issuer-other"}},
		{"POST", "/v1/appeals/ANOSUCH/decide", `{"outcome": "uphold", "reason": "probe"}`, []string{"issuer", "issuer-other"}},
		{"GET", "/v1/tokens", "", []string{"admin"}},
		{"POST", "/v1/tokens", `{"role": "officer", "name": "probe"}`, []string{"admin"}},
		{"POST", "/v1/tokens/TNOSUCH/revoke", "", []string{"admin"}},
	}
	roles := []string{"", "issuer", "issuer-other", "officer", "supervisor", "auditor", "subject", "admin", "carrier"}
	for _, e := range endpoints {
		for _, role := range roles {
			allowed := false
			for _, a := range e.allowed {
				allowed = allowed || a == role
			}
			name := e.method + " " + e.path + " as " + role
			t.Run(name, func(t *testing.T) {
				if (strings.HasSuffix(e.path, "/lift") || strings.HasSuffix(e.path, "/resolve") || strings.HasSuffix(e.path, "/review")) && allowed {
					return // these change state: exercised once below
				}
				code, body, _ := f.do(t, e.method, e.path, f.tokens[role], e.body)
				switch {
				case allowed && e.method == "POST" && e.path == "/v1/appeals":
					// The first caller files; the second finds it pending.
					if code != http.StatusCreated && code != http.StatusConflict {
						t.Errorf("appeal: %d %v, want 201 or 409", code, body)
					}
				case allowed && strings.HasPrefix(e.path, "/v1/appeals/ANOSUCH"):
					if code != http.StatusNotFound {
						t.Errorf("issuer deciding an unknown appeal: %d %v, want 404", code, body)
					}
				case role == "" && !allowed:
					if code != http.StatusUnauthorized {
						t.Errorf("no token: %d, want 401", code)
					}
				case role == "issuer-other" && strings.HasPrefix(e.path, "/v1/restrictions/"):
					// Another authority's restriction does not exist for this caller.
					if code != http.StatusNotFound && code != http.StatusForbidden {
						t.Errorf("other authority: %d %v, want 404", code, body)
					}
				case allowed && strings.HasPrefix(e.path, "/v1/imports/INOSUCH"):
					if code != http.StatusNotFound {
						t.Errorf("issuer reading an unknown import: %d %v, want 404", code, body)
					}
				case allowed && strings.HasPrefix(e.path, "/v1/imports"):
					// One import at a time per authority: a second may find the first running.
					if code != http.StatusAccepted && code != http.StatusConflict {
						t.Errorf("import: %d %v, want 202 or 409", code, body)
					}
				case allowed && strings.HasPrefix(e.path, "/v1/tokens/TNOSUCH"):
					if code != http.StatusNotFound {
						t.Errorf("admin revoking an unknown token: %d %v, want 404", code, body)
					}
				case allowed:
					if code >= 400 {
						t.Errorf("allowed role refused: %d %v", code, body)
					}
				default:
					if code != http.StatusForbidden {
						t.Errorf("refused role got %d %v, want 403", code, body)
					}
				}
			})
		}
	}
	if code, out, _ := f.do(t, "POST", "/v1/checks/"+checkID+"/resolve", f.tokens["supervisor"], `{"resolution": "dismissed", "reason_code": "different_person", "reason": "different person: other birthplace"}`); code != http.StatusOK || out["resolution"] != "dismissed" {
		t.Errorf("supervisor resolve: %d %v", code, out)
	}
	if code, out, _ := f.do(t, "POST", "/v1/restrictions/"+id+"/lift", f.tokens["issuer"], `{"reason": "probe"}`); code != http.StatusOK || out["status"] != "lifted" {
		t.Errorf("owner lift: %d %v", code, out)
	}
}

func (f *fixture) waitIndexed(t *testing.T, id string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for f.node.Restriction(id) == nil {
		if time.Now().After(deadline) {
			t.Fatalf("restriction %s never reached the node", id)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestBadInputIsRefusedClearly(t *testing.T) {
	f := newFixture(t)
	iss := f.tokens["issuer"]
	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	cases := []struct {
		name, method, path, token, body string
		status                          int
		detail                          string
	}{
		{"malformed json", "POST", "/v1/restrictions", iss, `{"person": `, 400, "JSON"},
		{"not json", "POST", "/v1/restrictions", iss, `hello`, 400, "malformed JSON"},
		{"empty body", "POST", "/v1/restrictions", iss, ``, 400, "empty"},
		{"unknown field", "POST", "/v1/restrictions", iss, `{"person": ` + person + `, "kind": "x", "legal_basis": "y", "valid_until": "2099-01-01T00:00:00Z", "colour": "red"}`, 400, "colour"},
		{"trailing data", "POST", "/v1/restrictions", iss, createBody(time.Now().Add(time.Hour)) + `{}`, 400, "after the JSON"},
		{"missing legal basis", "POST", "/v1/restrictions", iss, `{"person": ` + person + `, "kind": "court_order", "valid_until": "2099-01-01T00:00:00Z"}`, 400, "legal_basis"},
		{"missing end date", "POST", "/v1/restrictions", iss, `{"person": ` + person + `, "kind": "court_order", "legal_basis": "x"}`, 400, "valid_until"},
		{"end date in the past", "POST", "/v1/restrictions", iss, `{"person": ` + person + `, "kind": "court_order", "legal_basis": "x", "valid_until": "` + past + `"}`, 400, "past"},
		{"bad date format", "POST", "/v1/restrictions", iss, `{"person": ` + person + `, "kind": "court_order", "legal_basis": "x", "valid_until": "next year"}`, 400, "RFC 3339"},
		{"wrong type", "POST", "/v1/restrictions", iss, `{"person": ` + person + `, "kind": 7, "legal_basis": "x", "valid_until": "2099-01-01T00:00:00Z"}`, 400, "kind"},
		{"person without name", "POST", "/v1/restrictions", iss, `{"person": {"schema": "Person", "properties": {"birthDate": ["1990-01-01"]}}, "kind": "court_order", "legal_basis": "x", "valid_until": "2099-01-01T00:00:00Z"}`, 400, "name"},
		{"impossible birth date", "POST", "/v1/restrictions", iss, `{"person": {"schema": "Person", "properties": {"lastName": ["X"], "birthDate": ["1990-02-30"]}}, "kind": "court_order", "legal_basis": "x", "valid_until": "2099-01-01T00:00:00Z"}`, 400, "birthDate"},
		{"wrong schema", "POST", "/v1/restrictions", iss, `{"person": {"schema": "Company", "properties": {"name": ["X"]}}, "kind": "court_order", "legal_basis": "x", "valid_until": "2099-01-01T00:00:00Z"}`, 400, "schema"},
		{"unknown id", "GET", "/v1/restrictions/RNOSUCH", iss, ``, 404, "not found"},
		{"lift unknown id", "POST", "/v1/restrictions/RNOSUCH/lift", iss, `{"reason": "x"}`, 404, "not found"},
		{"lift unknown id without reason", "POST", "/v1/restrictions/RNOSUCH/lift", iss, `{}`, 404, "not found"},
		{"check without traveller", "POST", "/v1/checks", f.tokens["officer"], `{}`, 400, "traveller"},
		{"bad token", "POST", "/v1/checks", "trex_forged", `{}`, 401, "unknown"},
		{"no such endpoint", "GET", "/v1/register", iss, ``, 404, "no such endpoint"},
		{"oversized body", "POST", "/v1/checks", f.tokens["officer"], `{"traveller": "` + strings.Repeat("A", thttp.MaxBodyBytes) + `"}`, 413, "limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, body, h := f.do(t, c.method, c.path, c.token, c.body)
			if code != c.status {
				t.Fatalf("status %d, want %d (%v)", code, c.status, body)
			}
			if ct := h.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q, want application/problem+json", ct)
			}
			detail, _ := body["detail"].(string)
			if !strings.Contains(detail, c.detail) || body["status"] != float64(c.status) || body["title"] == "" {
				t.Errorf("problem = %v, want detail mentioning %q", body, c.detail)
			}
		})
	}
	// None of the refused requests left a record behind.
	if pending, _ := f.db.PendingChanges(context.Background(), 100); len(pending) != 0 {
		t.Errorf("refused requests left %d changes in the outbox", len(pending))
	}
}

func TestCheckAnswersWithDecisionAndExplanation(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	f.waitIndexed(t, id)
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"],
		`{"traveller": {"schema": "Person", "properties": {"lastName": ["KUZNETSOVA"], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"], "passportNumber": ["76 1112233"]}}}`)
	if code != 200 || out["decision"] != "hit" {
		t.Fatalf("check: %d %v", code, out)
	}
	m := out["matches"].([]any)[0].(map[string]any)
	if m["restriction_id"] != id || len(m["reasons"].([]any)) == 0 {
		t.Errorf("match = %v", m)
	}
	if _, ok := out["data_as_of"]; !ok {
		t.Errorf("no data_as_of in %v", out)
	}
}

// newServer serves api on a test server closed at the end of the test.
func newServer(t testing.TB, api *thttp.Server) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(api.Handler())
	t.Cleanup(srv.Close)
	return srv
}
