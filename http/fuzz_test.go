package http_test

import (
	"encoding/json"
	"testing"
)

// FuzzHandlers sends arbitrary bodies to every endpoint that reads one.
// Whatever arrives, the answer is a 2xx, or a 4xx problem that says what is
// wrong; never a 5xx, never a panic.
func FuzzHandlers(f *testing.F) {
	fx := newFixture(f)
	seeds := []string{
		``, `{}`, `null`, `[]`, `"x"`, `{"person": {}}`,
		`{"person": {"schema": "Person", "properties": {"lastName": ["Иванов"]}}, "kind": "court_order", "legal_basis": "x", "valid_until": "2099-01-01T00:00:00Z"}`,
		`{"traveller": {"schema": "Person", "properties": {"lastName": ["IVANOV"], "birthDate": ["1980"]}}}`,
		`{"traveller": {"properties": {"birthDate": ["1980-13-40"]}}}`,
		`{"mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"}`,
		`{"mrz": "\u0000\u0000"}`, `{"reason": 5}`, `{"resolution": "confirmed", "reason": "x"}`,
		`{"role": "admin", "ttl": "-1h"}`,
		`{"national_id": "4509 123456", "document_number": "761234567", "birth_date": "1980-03-04"}`,
		`{"national_id": "x", "document_number": "", "birth_date": "1980", "restriction_id": "R1", "reason": "` + "\u0000" + `"}`,
		`{"outcome": "lift", "reason": "quashed"}`, `{"flight": "XX1", "travellers": [{}]}`, `{"traveller": {"schema": "Person", "properties": {"name": ["` + "\xff\xfe" + `"]}}}`,
	}
	for i, s := range seeds {
		f.Add(i%len(endpoints), s)
	}
	f.Fuzz(func(t *testing.T, which int, body string) {
		if which < 0 {
			which = -which
		}
		e := endpoints[which%len(endpoints)]
		code, out, h := fx.do(t, e.method, e.path, fx.tokens[e.role], body)
		if code >= 500 {
			t.Fatalf("%s %s with %q: status %d %v", e.method, e.path, body, code, out)
		}
		if code >= 400 {
			if h.Get("Content-Type") != "application/problem+json" || out["detail"] == "" {
				raw, _ := json.Marshal(out)
				t.Fatalf("%s %s with %q: %d without a problem body: %s", e.method, e.path, body, code, raw)
			}
		}
	})
}

// endpoints that take a body, with a role allowed to call them.
var endpoints = []struct{ method, path, role string }{
	{"POST", "/v1/restrictions", "issuer"},
	{"POST", "/v1/checks", "officer"},
	{"POST", "/v1/restrictions/RNOSUCH/lift", "issuer"},
	{"POST", "/v1/checks/CNOSUCH/resolve", "supervisor"},
	{"POST", "/v1/tokens", "admin"},
	{"POST", "/v1/manifests", "officer"},
	{"POST", "/v1/subject/status", ""},
	{"POST", "/v1/subject/access-log", ""},
	{"POST", "/v1/appeals", ""},
	{"POST", "/v1/appeals/ANOSUCH/decide", "issuer"},
	{"POST", "/v1/restrictions/RNOSUCH/review", "issuer"},
}
