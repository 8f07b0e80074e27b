package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"trex/web"
)

// TestDemoServesTheConsolesBesideTheAPI: the demo answers / with the
// sign-in page (under its CSP) and the API's routes as before; the demo's
// officer token signs in and lands on the checkpoint, the supervisor's on
// the referral queue.
func TestDemoServesTheConsolesBesideTheAPI(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	client := func() *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	resp, err := client().Get(td.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != web.ContentSecurityPolicy || !strings.Contains(string(body), `name="token"`) {
		t.Fatalf("GET /: %d %v", resp.StatusCode, resp.Header)
	}
	var who map[string]any
	if code := call(t, td.srv.URL, "GET", "/v1/whoami", td.Tokens.Officer, nil, &who); code != 200 || who["role"] != "officer" {
		t.Errorf("GET /v1/whoami: %d %v", code, who)
	}
	for token, want := range map[string]string{td.Tokens.Officer: "/checkpoint/", td.Tokens.Supervisor: "/supervisor/"} {
		c := client()
		resp, err := c.Get(td.srv.URL + "/signin")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(string(body))
		if csrf == nil {
			t.Fatal("no CSRF field on the sign-in page")
		}
		req, _ := http.NewRequest("POST", td.srv.URL+"/signin", strings.NewReader(url.Values{"csrf": {csrf[1]}, "token": {token}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err = c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("sign-in lands on %d %q, want %s", resp.StatusCode, resp.Header.Get("Location"), want)
		}
		page, err := c.Get(td.srv.URL + want)
		if err != nil {
			t.Fatal(err)
		}
		page.Body.Close()
		if page.StatusCode != 200 {
			t.Errorf("%s: %d", want, page.StatusCode)
		}
	}
}
