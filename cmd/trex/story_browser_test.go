package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"trex"
	"trex/web/webtest"
)

// TestMain closes the browser the package's browser tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	webtest.Close()
	os.Exit(code)
}

// signIn signs tab in to the demo with token, by keyboard, and waits for
// sel on the console it lands on.
func signIn(t *testing.T, base string, tab context.Context, token, sel string) {
	t.Helper()
	webtest.Do(t, tab, "open sign-in", chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.CSS("#token")))
	webtest.TabTo(t, tab, "#token", 10)
	webtest.Type(t, tab, token)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "wait for the console", chromedp.WaitVisible(chromedp.CSS(sel)))
}

// TestWholeStoryInBrowser is a traveller's whole story through the demo's
// own wiring (registry, embedded exchange and border node in one process,
// every console at /), in Chromium, with a screenshot of every step: the
// issuer places a restriction, the officer checks the traveller and gets
// a referral and hands it over, the supervisor confirms it, the person
// sees it and appeals, the issuer lifts it on the appeal, and the officer
// checks again and gets clear.
func TestWholeStoryInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	td := startTestDemo(t, t.TempDir())
	base := td.srv.URL
	shot := func(tab context.Context, step string) { webtest.Screenshot(t, tab, "story", step) }

	// 0. A newcomer: the sign-in page names the folder of the role token
	// files, and the issuer's file holds the token that signs in.
	issuer := b.Tab(t)
	webtest.Do(t, issuer, "open sign-in", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#demo-tokens")))
	folder := webtest.Eval[string](t, issuer, `document.querySelector("#demo-tokens .reference").textContent`)
	webtest.Axe(t, issuer, "demo sign-in")
	shot(issuer, "0-signin")
	issuerToken, err := os.ReadFile(filepath.Join(folder, "issuer.token"))
	if err != nil {
		t.Fatalf("the sign-in page names %q, which holds no issuer token: %v", folder, err)
	}

	// 1. The issuer places the restriction.
	signIn(t, base, issuer, strings.TrimSpace(string(issuerToken)), "#create-form")
	webtest.Do(t, issuer, "fill the create form",
		chromedp.SendKeys(chromedp.CSS("#last_name"), "Кузнецова"),
		chromedp.SendKeys(chromedp.CSS("#first_name"), "Мария"),
		chromedp.SendKeys(chromedp.CSS("#father_name"), "Ивановна"),
		chromedp.SendKeys(chromedp.CSS("#birth_date"), "1991-05-06"),
		chromedp.SetValue(chromedp.CSS("#gender"), "female"),
		chromedp.SendKeys(chromedp.CSS("#id_number"), "4510 778899"),
		chromedp.SendKeys(chromedp.CSS("#passport_number"), "761112233"),
		chromedp.SendKeys(chromedp.CSS("#legal_basis"), "Case 2-5/2026, district court"),
		chromedp.SetValue(chromedp.CSS("#valid_until"), time.Now().AddDate(1, 0, 0).Format("2006-01-02")))
	shot(issuer, "1-issuer-form")
	webtest.Do(t, issuer, "place", chromedp.Click(chromedp.CSS("#create")), chromedp.WaitVisible(chromedp.CSS("#created")))
	id := webtest.Eval[string](t, issuer, `document.getElementById("restriction-id").textContent`)
	shot(issuer, "2-issuer-created")
	if !waitFor(10*time.Second, func() bool { return td.Border.Node.Restriction(id) != nil }) {
		t.Fatalf("restriction %s never reached the border node", id)
	}

	// 2. The officer checks the traveller by the details on the passport.
	officer := b.Tab(t)
	signIn(t, base, officer, td.Tokens.Officer, "#mrz")
	checkTraveller := func(want string) string {
		t.Helper()
		webtest.TabTo(t, officer, "#surname", 60)
		webtest.Eval[bool](t, officer, `["surname", "given", "birth_date"].every(id => (document.getElementById(id).value = "") === "")`)
		webtest.Type(t, officer, "KUZNETSOVA")
		webtest.TabTo(t, officer, "#given", 2)
		webtest.Type(t, officer, "MARIIA")
		webtest.TabTo(t, officer, "#birth_date", 2)
		webtest.Type(t, officer, "1991-05-06")
		webtest.Enter(t, officer)
		webtest.Do(t, officer, "decision "+want, chromedp.WaitVisible(chromedp.CSS(`#decision[data-decision="`+want+`"]`)))
		return webtest.Eval[string](t, officer, `document.getElementById("check-id").textContent`)
	}
	checkID := checkTraveller("refer")
	shot(officer, "3-officer-refer")
	webtest.TabTo(t, officer, "#handover", 40)
	webtest.Enter(t, officer)
	webtest.Do(t, officer, "handed", chromedp.WaitVisible(chromedp.CSS("#handed")))
	shot(officer, "4-officer-handed")

	// 3. The supervisor confirms.
	sup := b.Tab(t)
	signIn(t, base, sup, td.Tokens.Supervisor, "#queue")
	webtest.Do(t, sup, "open the referral", chromedp.Click(chromedp.CSS(`a[href="/supervisor/referral/`+checkID+`"]`)), chromedp.WaitVisible(chromedp.CSS("#evidence")))
	shot(sup, "5-supervisor-referral")
	webtest.TabTo(t, sup, `input[name="resolution"]`, 40)
	webtest.Do(t, sup, "choose confirm", chromedp.KeyEvent(" "))
	if v := webtest.Eval[string](t, sup, `document.querySelector('input[name="resolution"]:checked').value`); !strings.HasPrefix(v, trex.ResolutionConfirmed+":") {
		t.Fatalf("the first resolution offered is %q, want a confirmation", v)
	}
	webtest.TabTo(t, sup, "#reason", 10)
	webtest.Type(t, sup, "name, birth date and photograph agree with the record")
	webtest.TabTo(t, sup, "#resolve", 5)
	webtest.Enter(t, sup)
	webtest.Do(t, sup, "resolved", chromedp.WaitVisible(chromedp.CSS("#resolved")))
	shot(sup, "6-supervisor-confirmed")

	// 4. The person sees the restriction and appeals, without an account.
	person := b.Tab(t)
	webtest.Do(t, person, "open", chromedp.Navigate(base+"/person/"), chromedp.WaitVisible(chromedp.CSS("#national_id")))
	webtest.TabTo(t, person, "#national_id", 20)
	webtest.Type(t, person, "4510 778899")
	webtest.TabTo(t, person, "#document_number", 2)
	webtest.Type(t, person, "761112233")
	webtest.TabTo(t, person, "#birth_date", 2)
	webtest.Type(t, person, "1991-05-06")
	webtest.Enter(t, person)
	webtest.Do(t, person, "status", chromedp.WaitVisible(chromedp.CSS(`#restricted[data-restricted="true"]`)))
	shot(person, "7-person-restricted")
	webtest.TabTo(t, person, "#reason-"+id, 40)
	webtest.Type(t, person, "The case was closed; the court's order of last month ends the restriction")
	webtest.TabTo(t, person, "#appeal-submit-"+id, 3)
	webtest.Enter(t, person)
	webtest.Do(t, person, "appealed", chromedp.WaitVisible(chromedp.CSS(`[data-appeal-status="pending"]`)))
	shot(person, "8-person-appealed")

	// 5. The issuer lifts the restriction on the appeal.
	webtest.Do(t, issuer, "appeals", chromedp.Navigate(base+"/issuer/appeals"), chromedp.WaitVisible(chromedp.CSS("section.appeal")))
	webtest.TabTo(t, issuer, `input[name="outcome"]`, 40)
	webtest.Do(t, issuer, "choose lift", chromedp.KeyEvent(kb.ArrowDown)) // within the radio group
	if v := webtest.Eval[string](t, issuer, `document.querySelector('input[name="outcome"]:checked').value`); v != "lift" {
		t.Fatalf("chosen outcome %q, want lift", v)
	}
	webtest.TabTo(t, issuer, `textarea[name="reason"]`, 5)
	webtest.Type(t, issuer, "closing order of the court received")
	webtest.Enter(t, issuer) // a new line in the reason, not a submit
	webtest.TabTo(t, issuer, `button[type="submit"][id^="decide-submit-"]`, 5)
	webtest.Enter(t, issuer)
	webtest.Do(t, issuer, "decided", chromedp.WaitVisible(chromedp.CSS("#decided")))
	shot(issuer, "9-issuer-appeal-lifted")
	webtest.Do(t, issuer, "restriction", chromedp.Navigate(base+"/issuer/restriction/"+id), chromedp.WaitVisible(chromedp.CSS(`#restriction-status[data-status="lifted"]`)))
	shot(issuer, "10-issuer-restriction-lifted")
	if !waitFor(10*time.Second, func() bool {
		r := td.Border.Node.Restriction(id)
		return r != nil && r.Status == trex.StatusLifted
	}) {
		t.Fatal("the lift never reached the border node")
	}

	// 6. The officer checks again: clear.
	checkTraveller("clear")
	shot(officer, "11-officer-clear")

	// The person sees the decision.
	webtest.Do(t, person, "status again", chromedp.Click(chromedp.CSS("#status-submit")), chromedp.WaitVisible(chromedp.CSS(`#restricted[data-restricted="false"]`)))
	if st := webtest.Eval[string](t, person, `document.querySelector("[data-appeal-status]").dataset.appealStatus`); st != trex.AppealLifted {
		t.Errorf("the person's appeal shows %q, want lifted", st)
	}
	shot(person, "12-person-lifted")
}
