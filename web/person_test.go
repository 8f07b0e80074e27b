package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trex"
	thttp "trex/http"
	"trex/web/webtest"
)

// restrictPerson places a restriction on a synthetic person the person's
// console can name by the three identifiers.
func restrictPerson(t *testing.T, s *webtest.Stack, basis string) (*trex.Restriction, url.Values) {
	t.Helper()
	r := s.Restrict(t, &trex.Restriction{
		Person: trex.Person{
			Names:       []trex.Name{{Surname: "Мельник", Given: "Оксана"}},
			BirthDate:   trex.PartialDate{Year: 1990, Month: 7, Day: 14},
			Sex:         trex.SexFemale,
			Identifiers: []trex.Identifier{{Kind: "national_id", Value: "4513 556677"}},
			Documents:   []trex.Document{{Kind: "passport", Number: "FM1122334"}},
		},
		Kind: trex.KindCourtOrder, LegalBasis: basis,
	})
	return r, url.Values{"national_id": {"4513 556677"}, "document_number": {"FM1122334"}, "birth_date": {"1990-07-14"}}
}

// personPost submits a person's form with the page's CSRF token.
func personPost(t *testing.T, s *webtest.Stack, c *http.Client, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	_, page := get(t, s, c, "/person/")
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("csrf", csrfOf(t, page))
	return post(t, s, c, path, f)
}

// TestPersonSeesStatusAppealsAndWhoLooked: without an account, the three
// identifiers show the restriction and its legal basis (escaped), an
// appeal is filed and shows pending, the issuer sees it in the queue and
// lifts the restriction on it, and the person sees the decision and
// who read their record. The page speaks Ukrainian when asked.
func TestPersonSeesStatusAppealsAndWhoLooked(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	const evil = `<script>alert(1)</script>`
	r, me := restrictPerson(t, s, "Case 2-9/2026 "+evil)
	c := s.Client(t)
	resp, body := get(t, s, c, "/person/?lang=uk")
	if resp.StatusCode != 200 || !strings.Contains(body, `lang="uk"`) || !strings.Contains(body, "Чи є в мене обмеження?") {
		t.Fatalf("person's console in Ukrainian: %d\n%s", resp.StatusCode, body)
	}
	resp, body = personPost(t, s, c, "/person/status", me)
	if resp.StatusCode != 200 || !strings.Contains(body, `data-restricted="true"`) || !strings.Contains(body, r.ID) {
		t.Fatalf("status: %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, evil) || !strings.Contains(body, "Case 2-9/2026 &lt;script&gt;") {
		t.Error("the legal basis is shown unescaped")
	}
	form := url.Values{"restriction_id": {r.ID}}
	for k, v := range me {
		form[k] = v
	}
	resp, body = personPost(t, s, c, "/person/appeal", form)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="reason-error"`) {
		t.Errorf("appeal without grounds: %d", resp.StatusCode)
	}
	form.Set("reason", "I was served and reported on time")
	resp, body = personPost(t, s, c, "/person/appeal", form)
	if resp.StatusCode != 200 || !strings.Contains(body, `id="appealed"`) || !strings.Contains(body, `data-appeal-status="pending"`) {
		t.Fatalf("appeal: %d\n%s", resp.StatusCode, body)
	}

	iss := s.Client(t)
	signIn(t, s, iss, s.Tokens["issuer"])
	_, queue := get(t, s, iss, "/issuer/appeals")
	_, rest, ok := strings.Cut(queue, `action="/issuer/appeals/`)
	if !ok || !strings.Contains(queue, "I was served and reported on time") {
		t.Fatalf("the appeal is not in the issuer's queue:\n%s", queue)
	}
	appealID, _, _ := strings.Cut(rest, "/")
	resp, body = post(t, s, iss, "/issuer/appeals/"+appealID+"/decide", url.Values{"csrf": {csrfOf(t, queue)}, "outcome": {"lift"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="reason-error"`) {
		t.Errorf("decision without reasons: %d", resp.StatusCode)
	}
	resp, _ = post(t, s, iss, "/issuer/appeals/"+appealID+"/decide", url.Values{"csrf": {csrfOf(t, queue)}, "outcome": {"lift"}, "reason": {"service confirmed"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("decide: %d", resp.StatusCode)
	}
	get(t, s, iss, "/issuer/restriction/"+r.ID) // the issuer reads the record

	_, body = personPost(t, s, c, "/person/status", me)
	if !strings.Contains(body, `data-restricted="false"`) || !strings.Contains(body, `data-appeal-status="lifted"`) {
		t.Errorf("after the appeal was granted:\n%s", body)
	}
	_, body = personPost(t, s, c, "/person/access", me)
	if !strings.Contains(body, `id="access"`) || !strings.Contains(body, "district-court") {
		t.Errorf("the access log does not show the issuer's read:\n%s", body)
	}
}

// TestPersonConsoleCannotHarvest: the person's console spends the API's
// budget per client like any caller; once spent, the page says so as a
// message instead of answering, and details that name nobody learn
// nothing.
func TestPersonConsoleCannotHarvest(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{Configure: func(api *thttp.Server) {
		api.PersonClientLimit = thttp.RateLimit{PerSecond: 0.0001, Burst: 3}
	}})
	_, me := restrictPerson(t, s, "Case 1/2026")
	c := s.Client(t)
	stranger := url.Values{"national_id": {"4599 000000"}, "document_number": {"XX0000000"}, "birth_date": {"1990-07-14"}}
	_, body := personPost(t, s, c, "/person/status", stranger)
	if !strings.Contains(body, `data-restricted="false"`) {
		t.Errorf("details naming nobody:\n%s", body)
	}
	var resp *http.Response
	for i := 0; i < 5; i++ {
		me.Set("national_id", "4513 55667"+string(rune('0'+i)))
		resp, body = personPost(t, s, c, "/person/status", me)
	}
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many requests;") || strings.Contains(body, `id="status"`) {
		t.Errorf("a sweep is not stopped with a message: %d\n%s", resp.StatusCode, body)
	}
	// CSRF: a cross-site form and a missing token are refused.
	resp, _ = post(t, s, c, "/person/status", me)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("no CSRF token: %d, want 403", resp.StatusCode)
	}
	_, page := get(t, s, c, "/person/")
	me.Set("csrf", csrfOf(t, page))
	resp, _ = post(t, s, c, "/person/status", me, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", resp.StatusCode)
	}
}

// TestPersonSignedInWithASubjectToken: a subject token lands on the
// person's console, which asks for no identifiers and shows the person's
// own restriction; the token is nowhere in the page.
func TestPersonSignedInWithASubjectToken(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	r, _ := restrictPerson(t, s, "Case 6/2026")
	token := s.Token(t, trex.Token{Role: trex.RoleSubject, Subject: "4513 556677", Name: "person"})
	c := s.Client(t)
	signIn(t, s, c, token)
	if resp, _ := get(t, s, c, "/"); resp.Header.Get("Location") != "/person/" {
		t.Errorf("a subject lands on %q, want /person/", resp.Header.Get("Location"))
	}
	_, page := get(t, s, c, "/person/")
	if strings.Contains(page, `id="national_id"`) {
		t.Error("a signed-in subject is asked for identifiers")
	}
	resp, body := post(t, s, c, "/person/status", url.Values{"csrf": {csrfOf(t, page)}})
	if resp.StatusCode != 200 || !strings.Contains(body, r.ID) || !strings.Contains(body, `data-restricted="true"`) || strings.Contains(body, token) {
		t.Errorf("subject status: %d\n%s", resp.StatusCode, body)
	}
}
