package web_test

import (
	"net/http"
	"strings"
	"testing"

	"trex/web"
	"trex/web/webtest"
)

// TestRegistryConsolesSendSecurityHeadersAndKeepToTheirRoles: every page
// of the issuer's, person's and auditor's consoles (including refusals)
// carries the CSP, no-sniff, no-referrer and frame-denying headers; a
// role opens only its own console, and nobody signed out opens the
// issuer's or auditor's.
func TestRegistryConsolesSendSecurityHeadersAndKeepToTheirRoles(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	anon, issuer, auditor, officer := s.Client(t), s.Client(t), s.Client(t), s.Client(t)
	signIn(t, s, issuer, s.Tokens["issuer"])
	signIn(t, s, auditor, s.Tokens["auditor"])
	signIn(t, s, officer, s.Tokens["officer"])
	for _, p := range []struct {
		c      *http.Client
		path   string
		status int
	}{
		{issuer, "/issuer/", 200}, {issuer, "/issuer/import", 200}, {issuer, "/issuer/appeals", 200}, {issuer, "/issuer/reviews", 200},
		{issuer, "/issuer/restriction/RNOSUCH", 404}, {issuer, "/issuer/import/INOSUCH", 404}, {issuer, "/auditor/", 403},
		{auditor, "/auditor/", 200}, {auditor, "/issuer/", 403},
		{officer, "/issuer/", 403}, {officer, "/auditor/", 403},
		{anon, "/person/", 200}, {issuer, "/person/", 200},
		{anon, "/issuer/", 303}, {anon, "/auditor/", 303},
	} {
		resp, body := get(t, s, p.c, p.path)
		if resp.StatusCode != p.status {
			t.Errorf("%s: %d, want %d", p.path, resp.StatusCode, p.status)
		}
		h := resp.Header
		if h.Get("Content-Security-Policy") != web.ContentSecurityPolicy || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", p.path, h)
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, " style=") {
			t.Errorf("%s: inline script or style", p.path)
		}
	}
}
