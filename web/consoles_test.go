package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/border"
	thttp "trex/http"
	"trex/mrz"
	"trex/web"
	"trex/web/webtest"
)

// traveller is a synthetic restricted person with a passport of the ICAO
// test state, and the zone of that passport.
type traveller struct {
	Restriction *trex.Restriction
	Zone        string
}

func restrictTraveller(t *testing.T, s *webtest.Stack, basis string) traveller {
	t.Helper()
	r := s.Restrict(t, &trex.Restriction{
		Person: trex.Person{
			Names:     []trex.Name{{Surname: "TKACHENKO", Given: "IRYNA"}},
			BirthDate: trex.PartialDate{Year: 1985, Month: 2, Day: 17},
			Sex:       trex.SexFemale,
			Documents: []trex.Document{{Kind: "passport", Number: "FT1234567", IssuingState: "UTO"}},
		},
		Kind: trex.KindCourtOrder, LegalBasis: basis,
	})
	zone, err := mrz.Encode(&mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "UTO", Surname: "TKACHENKO",
		GivenNames: []string{"IRYNA"}, DocumentNumber: "FT1234567", Nationality: "UTO",
		BirthDate: trex.PartialDate{Year: 1985, Month: 2, Day: 17}, Sex: trex.SexFemale,
		ExpiryDate: trex.PartialDate{Year: time.Now().Year() + 5, Month: 6, Day: 30}})
	if err != nil {
		t.Fatal(err)
	}
	return traveller{Restriction: r, Zone: zone}
}

// check submits the checkpoint form as a browser without JavaScript does.
func check(t *testing.T, s *webtest.Stack, c *http.Client, form url.Values) (*http.Response, string) {
	t.Helper()
	_, page := get(t, s, c, "/checkpoint/")
	form.Set("csrf", csrfOf(t, page))
	return post(t, s, c, "/checkpoint/check", form)
}

func decisionOf(body string) string {
	_, rest, ok := strings.Cut(body, `data-decision="`)
	if !ok {
		return ""
	}
	d, _, _ := strings.Cut(rest, `"`)
	return d
}

// TestCheckpointWorksWithoutJavaScript: a scanned zone and typed details
// both get a decision with its reference, and the session's history lists
// the checks newest first.
func TestCheckpointWorksWithoutJavaScript(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	tr := restrictTraveller(t, s, "Case 2-77/2026")
	c := s.Client(t)
	signIn(t, s, c, s.Tokens["officer"])
	resp, body := check(t, s, c, url.Values{"by": {"mrz"}, "mrz": {tr.Zone + "\n"}})
	if resp.StatusCode != 200 || decisionOf(body) != "hit" {
		t.Fatalf("zone of a restricted passport: %d, decision %q\n%s", resp.StatusCode, decisionOf(body), body)
	}
	if !strings.Contains(body, `id="handover"`) || !strings.Contains(body, "FT1234567") {
		t.Error("a hit offers no handover or does not show the document read")
	}
	resp, body = check(t, s, c, url.Values{"by": {"details"}, "surname": {"Lindqvist"}, "given": {"Maja"}, "birth_date": {"1979-11-02"}})
	if resp.StatusCode != 200 || decisionOf(body) != "clear" {
		t.Fatalf("unrestricted traveller: %d, decision %q", resp.StatusCode, decisionOf(body))
	}
	if strings.Contains(body, `id="handover"`) {
		t.Error("a clear decision offers a handover")
	}
	hist := body[strings.Index(body, `id="history"`):]
	if i, j := strings.Index(hist, "Lindqvist"), strings.Index(hist, "TKACHENKO"); i < 0 || j < 0 || i > j {
		t.Errorf("history is not newest first (Lindqvist at %d, TKACHENKO at %d)", i, j)
	}
	// Another browser's session has its own history.
	other := s.Client(t)
	signIn(t, s, other, s.Tokens["officer"])
	if _, page := get(t, s, other, "/checkpoint/"); strings.Contains(page, "Lindqvist") {
		t.Error("a new session shows another session's checks")
	}
}

// TestCheckpointShowsProblemsNextToFields: a missing birth date is caught
// before the API; one the API refuses comes back next to the field; a bad
// zone next to the zone.
func TestCheckpointShowsProblemsNextToFields(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	signIn(t, s, c, s.Tokens["officer"])
	for name, tc := range map[string]struct {
		form  url.Values
		field string
	}{
		"no birth date":  {url.Values{"by": {"details"}, "surname": {"Lindqvist"}}, "birth_date"},
		"bad birth date": {url.Values{"by": {"details"}, "surname": {"Lindqvist"}, "birth_date": {"1979-13-45"}}, "birth_date"},
		"bad zone":       {url.Values{"by": {"mrz"}, "mrz": {"P<UTOTKACHENKO<<IRYNA\nFT12345670UTO"}}, "mrz"},
	} {
		resp, body := check(t, s, c, tc.form)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="`+tc.field+`-error"`) {
			t.Errorf("%s: %d, error next to %s: %v", name, resp.StatusCode, tc.field, strings.Contains(body, `id="`+tc.field+`-error"`))
		}
	}
}

// TestCheckpointFreshnessTurnsAmberThenRed: the banner follows the node's
// own staleness bound, as /healthz states it and /readyz applies it:
// current, amber past AmberFraction of the bound, red once the node says
// it is not ready. A node with a longer bound turns amber and red later.
func TestCheckpointFreshnessTurnsAmberThenRed(t *testing.T) {
	level := func(t *testing.T, s *webtest.Stack, c *http.Client) (string, string) {
		t.Helper()
		_, body := get(t, s, c, "/checkpoint/")
		_, rest, _ := strings.Cut(body, `data-level="`)
		l, _, _ := strings.Cut(rest, `"`)
		_, bound, _ := strings.Cut(body, `id="fresh-bound">`)
		bound, _, _ = strings.Cut(bound, "<")
		return l, bound
	}
	t.Run("stack bound", func(t *testing.T) {
		s := webtest.NewStack(t, webtest.StackOptions{})
		c := s.Client(t)
		signIn(t, s, c, s.Tokens["officer"])
		bound := webtest.MaxStaleness
		amber := time.Duration(float64(bound) * web.AmberFraction)
		steps := []struct {
			at   time.Duration
			want string
		}{{0, "ok"}, {amber - 2*time.Second, "ok"}, {amber + 2*time.Second, "amber"}, {bound - 2*time.Second, "amber"}, {bound + 2*time.Second, "red"}}
		var was time.Duration
		for _, st := range steps {
			s.Advance(st.at - was)
			was = st.at
			l, text := level(t, s, c)
			if l != st.want {
				t.Errorf("data %s old (bound %s): %q, want %q", st.at, bound, l, st.want)
			}
			if !strings.Contains(text, fmt.Sprintf("data is %d s old; red past %d s,", int(amber/time.Second), int(bound/time.Second))) || strings.Contains(text, "%!") {
				t.Errorf("the banner does not state the bound %s and amber at %s: %q", bound, amber, text)
			}
		}
	})
	t.Run("longer bound", func(t *testing.T) {
		const bound = time.Minute
		s := webtest.NewStack(t, webtest.StackOptions{Configure: func(api *thttp.Server) {
			node := api.Checks.(*border.Node)
			health := api.Health
			api.Ready = node.Ready(bound)
			api.Health = func(ctx context.Context) map[string]any {
				m := health(ctx)
				m[web.HealthStalenessKey] = bound.Seconds()
				return m
			}
		}})
		c := s.Client(t)
		signIn(t, s, c, s.Tokens["officer"])
		for _, st := range []struct {
			after time.Duration
			want  string
		}{{webtest.MaxStaleness + 2*time.Second, "ok"}, {10 * time.Second, "amber"}, {30 * time.Second, "red"}} {
			s.Advance(st.after)
			if l, _ := level(t, s, c); l != st.want {
				t.Errorf("bound %s, %s later: %q, want %q", bound, st.after, l, st.want)
			}
		}
	})
}

// TestCheckpointBudgetShowsAsAMessage: when the officer's screening
// budget is spent, the API's 429 reaches the page as a message saying
// when to try again; nothing is checked.
func TestCheckpointBudgetShowsAsAMessage(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{Configure: func(api *thttp.Server) {
		api.TokenBudgets = map[trex.Role]thttp.RateLimit{trex.RoleOfficer: {PerSecond: 0.001, Burst: 1}}
	}})
	c := s.Client(t)
	signIn(t, s, c, s.Tokens["officer"])
	form := url.Values{"by": {"details"}, "surname": {"Lindqvist"}, "birth_date": {"1979-11-02"}}
	if resp, _ := check(t, s, c, form); resp.StatusCode != 200 {
		t.Fatalf("first check: %d", resp.StatusCode)
	}
	resp, body := check(t, s, c, form)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many requests; try again in") || decisionOf(body) != "" {
		t.Errorf("over budget: %d, decision %q\n%s", resp.StatusCode, decisionOf(body), body)
	}
}

// TestConsolesEscapeWhatTheyShow: a typed name and a legal basis holding
// markup are shown as text, on the checkpoint and on the supervisor's
// referral.
func TestConsolesEscapeWhatTheyShow(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>`
	tr := restrictTraveller(t, s, "Case 9 "+evil)
	c := s.Client(t)
	signIn(t, s, c, s.Tokens["officer"])
	_, body := check(t, s, c, url.Values{"by": {"details"}, "surname": {"TKACHENKO" + evil}, "given": {"IRYNA"}, "birth_date": {"1985-02-17"}})
	if strings.Contains(body, evil) || !strings.Contains(body, html.EscapeString("<script>alert(1)</script>")) {
		t.Error("the checkpoint shows a typed name unescaped")
	}
	_, body = check(t, s, c, url.Values{"by": {"mrz"}, "mrz": {tr.Zone}})
	id := checkIDOf(t, body)
	handOver(t, s, c, id)
	sup := s.Client(t)
	signIn(t, s, sup, s.Tokens["supervisor"])
	resp, body := get(t, s, sup, "/supervisor/referral/"+id)
	if resp.StatusCode != 200 {
		t.Fatalf("referral: %d", resp.StatusCode)
	}
	if strings.Contains(body, evil) || !strings.Contains(body, html.EscapeString("Case 9 <script>")) {
		t.Error("the referral shows the legal basis unescaped")
	}
}

func checkIDOf(t *testing.T, body string) string {
	t.Helper()
	_, rest, ok := strings.Cut(body, `id="check-id">`)
	if !ok {
		t.Fatalf("no check id on the page:\n%s", body)
	}
	id, _, _ := strings.Cut(rest, "<")
	return id
}

func handOver(t *testing.T, s *webtest.Stack, c *http.Client, id string) string {
	t.Helper()
	_, page := get(t, s, c, "/checkpoint/")
	resp, body := post(t, s, c, "/checkpoint/handover", url.Values{"csrf": {csrfOf(t, page)}, "check_id": {id}})
	if resp.StatusCode != 200 || !strings.Contains(body, `id="handed"`) {
		t.Fatalf("handover of %s: %d\n%s", id, resp.StatusCode, body)
	}
	return body
}

// TestHandoverTakesOnlyTheSessionsOwnReferrals: an officer cannot hand
// over (and so attach made-up traveller data to) a check another session
// made, nor a clear one.
func TestHandoverTakesOnlyTheSessionsOwnReferrals(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	tr := restrictTraveller(t, s, "Case 3")
	a := s.Client(t)
	signIn(t, s, a, s.Tokens["officer"])
	_, body := check(t, s, a, url.Values{"by": {"mrz"}, "mrz": {tr.Zone}})
	id := checkIDOf(t, body)
	b := s.Client(t)
	signIn(t, s, b, s.Tokens["officer"])
	_, page := get(t, s, b, "/checkpoint/")
	if resp, _ := post(t, s, b, "/checkpoint/handover", url.Values{"csrf": {csrfOf(t, page)}, "check_id": {id}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another session's check handed over: %d, want 404", resp.StatusCode)
	}
	_, body = check(t, s, a, url.Values{"by": {"details"}, "surname": {"Lindqvist"}, "birth_date": {"1979-11-02"}})
	clear := checkIDOf(t, body)
	_, page = get(t, s, a, "/checkpoint/")
	if resp, _ := post(t, s, a, "/checkpoint/handover", url.Values{"csrf": {csrfOf(t, page)}, "check_id": {clear}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("a clear check handed over: %d, want 409", resp.StatusCode)
	}
}

// TestSupervisorResolvesAReferral: the queue lists the referral with its
// age; opened, it shows the handed-over document beside the record; a
// resolution without a reason is refused next to the field; with a code
// and a reason it is recorded and leaves the queue.
func TestSupervisorResolvesAReferral(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	tr := restrictTraveller(t, s, "Case 4")
	off := s.Client(t)
	signIn(t, s, off, s.Tokens["officer"])
	_, body := check(t, s, off, url.Values{"by": {"mrz"}, "mrz": {tr.Zone}})
	id := checkIDOf(t, body)
	handOver(t, s, off, id)

	sup := s.Client(t)
	signIn(t, s, sup, s.Tokens["supervisor"])
	resp, queue := get(t, s, sup, "/supervisor/")
	if resp.StatusCode != 200 || !strings.Contains(queue, "/supervisor/referral/"+id) {
		t.Fatalf("queue: %d, lists %s: %v", resp.StatusCode, id, strings.Contains(queue, id))
	}
	_, page := get(t, s, sup, "/supervisor/referral/"+id)
	trav := page[strings.Index(page, `id="traveller"`):strings.Index(page, `id="records"`)]
	rec := page[strings.Index(page, `id="records"`):]
	if !strings.Contains(trav, "TKACHENKO") || !strings.Contains(trav, "FT1234567") || !strings.Contains(rec, tr.Restriction.ID) || !strings.Contains(rec, "Case 4") {
		t.Errorf("evidence side by side missing:\ntraveller: %s\nrecord: %s", trav, rec)
	}
	resp, body = post(t, s, sup, "/supervisor/referral/"+id+"/resolve", url.Values{"csrf": {csrfOf(t, page)}, "resolution": {"confirmed:document_matches"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="reason-error"`) {
		t.Errorf("no reason: %d, error next to reason: %v", resp.StatusCode, strings.Contains(body, `id="reason-error"`))
	}
	for _, forged := range []string{"confirmed:made_up", "c\u043enfirmed:document_matches", "confirmed:document_matches\u200b", "confirmed"} {
		resp, body = post(t, s, sup, "/supervisor/referral/"+id+"/resolve", url.Values{"csrf": {csrfOf(t, page)}, "resolution": {forged}, "reason": {"x"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="resolution-error"`) {
			t.Errorf("resolution %q: %d, error next to resolution: %v", forged, resp.StatusCode, strings.Contains(body, `id="resolution-error"`))
		}
	}
	resp, _ = post(t, s, sup, "/supervisor/referral/"+id+"/resolve", url.Values{"csrf": {csrfOf(t, page)}, "resolution": {"confirmed:document_matches"}, "reason": {"passport photo and number agree"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resolve: %d", resp.StatusCode)
	}
	_, queue = get(t, s, sup, resp.Header.Get("Location"))
	if strings.Contains(queue, "/supervisor/referral/"+id) || !strings.Contains(queue, `id="resolved"`) {
		t.Error("the resolved referral is still queued, or the page does not say it was resolved")
	}
	// Resolved means resolved: the API refuses a second resolution.
	resp, body = post(t, s, sup, "/supervisor/referral/"+id+"/resolve", url.Values{"csrf": {csrfOf(t, page)}, "resolution": {"dismissed:different_person"}, "reason": {"again"}})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("second resolution: %d, want the API's 404\n%s", resp.StatusCode, body)
	}
}

// TestOfficerCannotUseTheSupervisorConsole: the console refuses the role
// (the API would too).
func TestOfficerCannotUseTheSupervisorConsole(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	signIn(t, s, c, s.Tokens["officer"])
	if resp, _ := get(t, s, c, "/supervisor/"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("officer at the supervisor console: %d, want 403", resp.StatusCode)
	}
}
