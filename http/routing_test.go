package http_test

import (
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// TestWrongMethodIs405WithAllow: a path the API serves, asked with a
// method it does not take, is answered 405 with the methods it does take,
// as problem+json, whether or not the caller is authenticated.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	f := newFixture(t)
	cases := []struct{ method, path, allow string }{
		{"GET", "/v1/checks", "POST"},
		{"DELETE", "/v1/restrictions/r1", "GET, HEAD"},
		{"PUT", "/v1/restrictions/r1/lift", "POST"},
		{"GET", "/v1/manifests", "POST"},
		{"POST", "/v1/me", "GET, HEAD"},
		{"DELETE", "/v1/tokens", "GET, HEAD, POST"},
		{"POST", "/healthz", "GET, HEAD"},
		{"POST", "/openapi.yaml", "GET, HEAD"},
	}
	for _, c := range cases {
		for _, tok := range []string{"", f.tokens["officer"]} {
			code, body, h := f.do(t, c.method, c.path, tok, "")
			if code != http.StatusMethodNotAllowed || h.Get("Allow") != c.allow {
				t.Errorf("%s %s: %d Allow %q, want 405 Allow %q", c.method, c.path, code, h.Get("Allow"), c.allow)
			}
			if h.Get("Content-Type") != "application/problem+json" || body["code"] != "method_not_allowed" {
				t.Errorf("%s %s: %q %v, want a method_not_allowed problem", c.method, c.path, h.Get("Content-Type"), body)
			}
		}
	}
	// A path no route serves stays 404.
	if code, body, _ := f.do(t, "GET", "/v1/register", f.tokens["officer"], ""); code != http.StatusNotFound || body["code"] != "not_found" {
		t.Errorf("GET /v1/register: %d %v, want 404", code, body)
	}
}

// TestUnacceptableAcceptIs406: every JSON endpoint refuses an Accept header
// that admits no JSON with 406 problem+json, before it does anything;
// manifests also answer application/edifact (CUSRES).
func TestUnacceptableAcceptIs406(t *testing.T) {
	f := newFixture(t)
	endpoints := []struct{ method, path, token, contentType, body string }{
		{"GET", "/healthz", "", "", ""},
		{"POST", "/v1/restrictions", f.tokens["issuer"], "application/json", `{}`},
		{"GET", "/v1/restrictions/r1", f.tokens["issuer"], "", ""},
		{"POST", "/v1/restrictions/r1/lift", f.tokens["issuer"], "application/json", `{"reason": "x"}`},
		{"POST", "/v1/checks", f.tokens["officer"], "application/json", `{}`},
		{"POST", "/v1/checks/c1/resolve", f.tokens["supervisor"], "application/json", `{}`},
		{"POST", "/v1/manifests", f.tokens["carrier"], "application/edifact", manifest},
		{"GET", "/v1/audit/checks", f.tokens["auditor"], "", ""},
		{"GET", "/v1/me", f.tokens["subject"], "", ""},
		{"GET", "/v1/tokens", f.tokens["admin"], "", ""},
		{"POST", "/v1/tokens", f.tokens["admin"], "application/json", `{"role": "officer"}`},
		{"POST", "/v1/tokens/t1/revoke", f.tokens["admin"], "", ""},
	}
	send := func(method, path, token, contentType, accept, body string) (int, string, http.Header) {
		t.Helper()
		req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		req.Header.Set("Accept", accept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data), resp.Header
	}
	before, err := f.db.ListTokens(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range endpoints {
		for _, accept := range []string{"text/html", "application/xml", "application/json;q=0", "image/*"} {
			code, body, h := send(e.method, e.path, e.token, e.contentType, accept, e.body)
			if code != http.StatusNotAcceptable || h.Get("Content-Type") != "application/problem+json" || !strings.Contains(body, `"not_acceptable"`) {
				t.Errorf("%s %s Accept %s: %d %s, want 406 problem+json", e.method, e.path, accept, code, body)
			}
		}
		for _, accept := range []string{"application/json", "*/*", "application/*", "text/html, application/json;q=0.5"} {
			if code, body, _ := send(e.method, e.path, e.token, e.contentType, accept, e.body); code == http.StatusNotAcceptable {
				t.Errorf("%s %s Accept %s: 406 %s", e.method, e.path, accept, body)
			}
		}
	}
	// Nothing was done for the refused requests: the token list is as the
	// accepted POST /v1/tokens calls (one per accepted Accept) left it.
	after, err := f.db.ListTokens(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(after)-len(before), 4; got != want {
		t.Errorf("%d tokens created, want %d (refused requests must create none)", got, want)
	}

	// Manifests answer CUSRES to whoever prefers EDIFACT, JSON otherwise.
	f.waitIndexed(t, f.create(t))
	for accept, want := range map[string]string{
		"application/edifact":                         "application/edifact",
		"application/json, application/edifact;q=0.5": "application/json",
		"application/json;q=0.5, application/edifact": "application/edifact",
		"*/*": "application/json",
		"":    "application/json",
	} {
		code, body, h := send("POST", "/v1/manifests", f.tokens["carrier"], "application/edifact", accept, manifest)
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), want) {
			t.Errorf("manifest Accept %q: %d %q, want 200 %s\n%s", accept, code, h.Get("Content-Type"), want, body)
		}
	}
}

// TestPatternsListEveryRoute: Patterns sees routes registered outside the
// authenticated ones too, and the authenticated ones as Routes lists them.
func TestPatternsListEveryRoute(t *testing.T) {
	f := newFixture(t)
	all := f.api.Patterns()
	sort.Strings(all)
	for _, want := range append([]string{"GET /healthz", "GET /openapi.yaml"}, f.api.Routes()...) {
		if i := sort.SearchStrings(all, want); i == len(all) || all[i] != want {
			t.Errorf("Patterns lacks %s: %v", want, all)
		}
	}
}
