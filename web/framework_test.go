package web_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"trex/web"
	"trex/web/webtest"
)

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// get fetches path with c and returns the answer and its body.
func get(t *testing.T, s *webtest.Stack, c *http.Client, path string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(s.URL(path))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// post submits form to path with c, with the headers a same-origin
// browser form sends.
func post(t *testing.T, s *webtest.Stack, c *http.Client, path string, form url.Values, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL(path), strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// csrfOf reads the CSRF token of the first form in body.
func csrfOf(t *testing.T, body string) string {
	t.Helper()
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF field in page:\n%s", body)
	}
	return m[1]
}

// signIn signs c in with token and returns the session cookie set.
func signIn(t *testing.T, s *webtest.Stack, c *http.Client, token string) *http.Cookie {
	t.Helper()
	_, body := get(t, s, c, "/signin")
	resp, body := post(t, s, c, "/signin", url.Values{"csrf": {csrfOf(t, body)}, "token": {token}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d\n%s", resp.StatusCode, body)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == web.SessionCookie {
			return ck
		}
	}
	t.Fatal("sign-in set no session cookie")
	return nil
}

// TestSignInKeepsTheTokenServerSide: a valid token starts a session whose
// cookie is HttpOnly, SameSite=Strict, Path=/ and holds a random id, not
// the token; the user lands on their role's console; sign-out ends it.
func TestSignInKeepsTheTokenServerSide(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	ck := signIn(t, s, c, s.Tokens["officer"])
	if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" || ck.Secure {
		t.Errorf("session cookie flags: HttpOnly=%v SameSite=%v Path=%q Secure=%v (want HttpOnly, Strict, /, not Secure over plain HTTP)",
			ck.HttpOnly, ck.SameSite, ck.Path, ck.Secure)
	}
	if strings.Contains(ck.Value, s.Tokens["officer"]) || len(ck.Value) < 40 {
		t.Errorf("session cookie %q is not a random id apart from the token", ck.Value)
	}
	resp, _ := get(t, s, c, "/")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/checkpoint/" {
		t.Errorf("an officer at / goes to %d %q, want 303 /checkpoint/", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := get(t, s, c, "/checkpoint/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("checkpoint: %d %s", resp.StatusCode, body)
	}
	if strings.Contains(body, s.Tokens["officer"]) {
		t.Error("the page shows the token")
	}
	resp, _ = post(t, s, c, "/signout", url.Values{"csrf": {csrfOf(t, body)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", resp.StatusCode)
	}
	var deleted bool
	for _, k := range resp.Cookies() {
		deleted = deleted || (k.Name == web.SessionCookie && k.MaxAge < 0)
	}
	if !deleted {
		t.Error("sign-out did not delete the session cookie")
	}
	// The old id is dead even if a browser kept it.
	c2 := s.Client(t)
	u, _ := url.Parse(s.URL("/"))
	c2.Jar.SetCookies(u, []*http.Cookie{{Name: web.SessionCookie, Value: ck.Value}})
	if resp, _ := get(t, s, c2, "/checkpoint/"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Errorf("a signed-out session id still opens the checkpoint: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestSignInRefusesABadToken: an unknown token is refused next to the
// field and starts no session.
func TestSignInRefusesABadToken(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	_, body := get(t, s, c, "/signin")
	resp, body := post(t, s, c, "/signin", url.Values{"csrf": {csrfOf(t, body)}, "token": {"trex_nosuchtoken"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `id="token-error"`) {
		t.Errorf("bad token: %d, field error shown %v", resp.StatusCode, strings.Contains(body, `id="token-error"`))
	}
	for _, k := range resp.Cookies() {
		if k.Name == web.SessionCookie {
			t.Error("a bad token got a session cookie")
		}
	}
}

// TestSessionFixationIsRefused: a session id planted in the browser before
// sign-in is not the one signed in.
func TestSessionFixationIsRefused(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	attacker := s.Client(t)
	planted := signIn(t, s, attacker, s.Tokens["auditor"])
	victim := s.Client(t)
	u, _ := url.Parse(s.URL("/"))
	victim.Jar.SetCookies(u, []*http.Cookie{{Name: web.SessionCookie, Value: planted.Value}})
	got := signIn(t, s, victim, s.Tokens["officer"])
	if got.Value == planted.Value {
		t.Fatal("sign-in kept the planted session id")
	}
	// The attacker's id no longer exists: signing in ended it.
	if resp, _ := get(t, s, attacker, "/checkpoint/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the planted id still works after the victim signed in: %d", resp.StatusCode)
	}
}

// TestCSRFIsRefused: a form without the token, with a wrong one, or sent
// cross-site is refused, and nothing is done.
func TestCSRFIsRefused(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	signIn(t, s, c, s.Tokens["officer"])
	_, body := get(t, s, c, "/checkpoint/")
	good := csrfOf(t, body)
	for name, tc := range map[string]struct {
		form url.Values
		hdr  []string
	}{
		"missing":                             {url.Values{}, nil},
		"wrong":                               {url.Values{"csrf": {strings.Repeat("A", len(good))}}, nil},
		"cross-site":                          {url.Values{"csrf": {good}}, []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}},
		"other origin without fetch metadata": {url.Values{"csrf": {good}}, []string{"Sec-Fetch-Site", "", "Origin", "https://evil.example"}},
	} {
		resp, body := post(t, s, c, "/signout", tc.form, tc.hdr...)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: sign-out answered %d, want 403", name, resp.StatusCode)
		}
		if resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: refusal without CSP: %s", name, body)
		}
	}
	// Still signed in: none of the forged sign-outs took effect.
	if resp, _ := get(t, s, c, "/checkpoint/"); resp.StatusCode != http.StatusOK {
		t.Errorf("a refused forged sign-out signed the user out: %d", resp.StatusCode)
	}
	// And the sign-in form itself needs its token.
	anon := s.Client(t)
	if resp, _ := post(t, s, anon, "/signin", url.Values{"token": {s.Tokens["officer"]}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in without a CSRF token: %d, want 403", resp.StatusCode)
	}
}

// TestEveryPageSendsSecurityHeaders: CSP, no sniffing, no referrer and no
// framing on every console answer, errors and assets included.
func TestEveryPageSendsSecurityHeaders(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	anon := s.Client(t)
	officer := s.Client(t)
	signIn(t, s, officer, s.Tokens["officer"])
	supervisor := s.Client(t)
	signIn(t, s, supervisor, s.Tokens["supervisor"])
	for _, p := range []struct {
		c    *http.Client
		path string
	}{
		{anon, "/"}, {anon, "/signin"}, {anon, "/checkpoint/"}, {anon, "/assets/trex.css"}, {anon, "/assets/trex.js"},
		{officer, "/checkpoint/"}, {officer, "/supervisor/"}, {supervisor, "/supervisor/"}, {supervisor, "/checkpoint/"},
		{officer, "/checkpoint/nosuch"}, {supervisor, "/supervisor/referral/CNOSUCH"}, {anon, "/signin?next=//evil.example"},
	} {
		resp, _ := get(t, s, p.c, p.path)
		h := resp.Header
		if h.Get("Content-Security-Policy") != web.ContentSecurityPolicy {
			t.Errorf("%s: CSP %q", p.path, h.Get("Content-Security-Policy"))
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", p.path, h)
		}
	}
}

// TestSignInIsRateLimited: a client guessing tokens is slowed down, and
// is told when to try again.
func TestSignInIsRateLimited(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	_, body := get(t, s, c, "/signin")
	tok := csrfOf(t, body)
	var limited *http.Response
	for i := 0; i < web.DefaultSignInLimit.Burst+2; i++ {
		resp, _ := post(t, s, c, "/signin", url.Values{"csrf": {tok}, "token": {"trex_guess"}})
		if resp.StatusCode == http.StatusTooManyRequests {
			limited = resp
			break
		}
	}
	if limited == nil {
		t.Fatalf("%d wrong guesses were never limited", web.DefaultSignInLimit.Burst+2)
	}
	if limited.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// Even the right token waits now: the limit is per address, not per guess.
	if resp, _ := post(t, s, c, "/signin", url.Values{"csrf": {tok}, "token": {s.Tokens["officer"]}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("sign-in during the wait: %d, want 429", resp.StatusCode)
	}
}

// TestConsoleRoutesLeaveTheAPIAlone: the API's routes answer as the API
// (JSON), the console's as HTML, in the same process.
func TestConsoleRoutesLeaveTheAPIAlone(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	for _, p := range s.API.Patterns() {
		method, path, _ := strings.Cut(p, " ")
		path = strings.NewReplacer("{id}", "X", "{$}", "").Replace(path)
		r, _ := http.NewRequest(method, s.URL(path), nil)
		if s.Console.Serves(r) {
			t.Errorf("the console shadows API route %s", p)
		}
	}
	resp, _ := get(t, s, c, "/v1/whoami")
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(ct, "problem+json") {
		t.Errorf("GET /v1/whoami without a token: %d %s, want the API's 401 problem", resp.StatusCode, ct)
	}
	resp, _ = get(t, s, c, "/signin")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("GET /signin: %s", ct)
	}
}

func stringsContains(s, sub string) bool { return strings.Contains(s, sub) }

// TestLanguageFollowsTheBrowserAndTheSwitch: Accept-Language picks
// Russian; ?lang=en switches to English and a cookie keeps the choice.
func TestLanguageFollowsTheBrowserAndTheSwitch(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	req, _ := http.NewRequest(http.MethodGet, s.URL("/signin"), nil)
	req.Header.Set("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `<html lang="ru">`) || !strings.Contains(string(b), "Токен доступа") {
		t.Error("Accept-Language: ru did not give the Russian page")
	}
	if _, body := get(t, s, c, "/signin?lang=en"); !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Access token") {
		t.Error("?lang=en did not switch to English")
	}
	req, _ = http.NewRequest(http.MethodGet, s.URL("/signin"), nil)
	req.Header.Set("Accept-Language", "ru")
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `<html lang="en">`) {
		t.Error("the language cookie did not keep the choice over Accept-Language")
	}
}

// TestSignInDoesNotRedirectOffSite: a next= pointing elsewhere is
// ignored; one on this site is followed.
func TestSignInDoesNotRedirectOffSite(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	for next, want := range map[string]string{
		"//evil.example/x": "/checkpoint/", "https://evil.example/": "/checkpoint/", "/\\evil.example": "/checkpoint/",
		"/supervisor/": "/supervisor/",
	} {
		c := s.Client(t)
		_, body := get(t, s, c, "/signin")
		resp, _ := post(t, s, c, "/signin", url.Values{"csrf": {csrfOf(t, body)}, "token": {s.Tokens["officer"]}, "next": {next}})
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("next=%q: redirected to %q, want %q", next, got, want)
		}
	}
}
