package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"trex/web/webtest"
)

// smallWidth is the narrowest phone the consoles are made for.
const smallWidth = 360

// fitsSmallScreen checks that the tab's page, at smallWidth CSS pixels,
// scrolls only up and down (no element reaches past the right edge),
// shows no message whose arguments went astray, labels every cell of a table stacked into one column with its column's
// name, passes axe-core there, and saves a screenshot as console-small-step.
func fitsSmallScreen(t *testing.T, tab context.Context, console, step string) {
	t.Helper()
	if w := webtest.Eval[int](t, tab, `Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)`); w > smallWidth {
		wide := webtest.Eval[string](t, tab, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > `+itoa(smallWidth)+`).slice(0, 5).map(e => e.tagName + (e.id ? "#" + e.id : "") + "." + e.className).join(", ")`)
		t.Errorf("%s %s: at %dpx wide the page scrolls sideways (%dpx; widest: %s)", console, step, smallWidth, w, wide)
	}
	if text := webtest.Eval[string](t, tab, `document.body.innerText`); strings.Contains(text, "%!") {
		t.Errorf("%s %s: a message lost its arguments (%%!): %s", console, step, text)
	}
	if bare := webtest.Eval[[]string](t, tab, `Array.from(document.querySelectorAll("table.stack td")).filter(td => { const c = getComputedStyle(td, "::before").content; return c === "none" || c === "normal" || c === '""'; }).map(td => td.textContent.trim())`); len(bare) > 0 {
		t.Errorf("%s %s: stacked table cells without their column's name at %dpx: %q", console, step, smallWidth, bare)
	}
	webtest.Axe(t, tab, console+" "+step+" at 360px")
	webtest.Screenshot(t, tab, console, "small-"+step)
}

// TestEveryPageFitsASmallScreen opens every console's pages in a 360px
// wide window, with real content in them (a due review, appeals, a
// referral, a person's restriction and access log, a verified audit
// checkpoint): none scrolls sideways, each passes axe-core, and each is
// saved as a small-screen screenshot.
func TestEveryPageFitsASmallScreen(t *testing.T) {
	b := webtest.Shared(t)
	s, due, _, _, _ := queuesStack(t)
	tr := restrictTraveller(t, s, "Case 5-77/2026 of the district court, with a rather long citation of the provision")
	_, me := restrictPerson(t, s, "Case 2-9/2026")
	body, _ := json.Marshal(map[string]string{"mrz": tr.Zone})
	req, _ := http.NewRequest(http.MethodPost, s.URL("/v1/checks"), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+s.Tokens["officer"])
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var ans struct {
		CheckID  string `json:"check_id"`
		Decision string `json:"decision"`
	}
	err = json.NewDecoder(resp.Body).Decode(&ans)
	resp.Body.Close()
	if err != nil || ans.Decision == "clear" || ans.CheckID == "" {
		t.Fatalf("setup referral: %d %+v %v", resp.StatusCode, ans, err)
	}
	narrow := chromedp.EmulateViewport(smallWidth, 740)
	open := func(tab context.Context, path, sel string) {
		t.Helper()
		webtest.Do(t, tab, "open "+path, chromedp.Navigate(s.URL(path)), chromedp.WaitVisible(chromedp.CSS(sel)))
	}

	anon := b.Tab(t)
	webtest.Do(t, anon, "narrow", narrow)
	open(anon, "/signin", "#token")
	fitsSmallScreen(t, anon, "signin", "form")
	open(anon, "/person/?lang=uk", "#national_id")
	fitsSmallScreen(t, anon, "person", "form")
	webtest.Do(t, anon, "look up",
		chromedp.SendKeys(chromedp.CSS("#national_id"), me.Get("national_id")),
		chromedp.SendKeys(chromedp.CSS("#document_number"), me.Get("document_number")),
		chromedp.SendKeys(chromedp.CSS("#birth_date"), me.Get("birth_date")),
		chromedp.Submit(chromedp.CSS("#national_id")),
		chromedp.WaitVisible(chromedp.CSS("#restricted")))
	fitsSmallScreen(t, anon, "person", "status")
	webtest.Do(t, anon, "access log", chromedp.Click(chromedp.CSS("#access-submit")), chromedp.WaitVisible(chromedp.CSS("#access")))
	fitsSmallScreen(t, anon, "person", "access")

	issuer := b.Tab(t)
	webtest.Do(t, issuer, "narrow", narrow)
	signInByKeyboard(t, s, issuer, s.Tokens["issuer"], "#create-form")
	fitsSmallScreen(t, issuer, "issuer", "form")
	open(issuer, "/issuer/restriction/"+due.ID, "#restriction-status")
	fitsSmallScreen(t, issuer, "issuer", "restriction")
	open(issuer, "/issuer/import", "#import-form")
	fitsSmallScreen(t, issuer, "issuer", "import")
	open(issuer, "/issuer/appeals", "dd.due")
	fitsSmallScreen(t, issuer, "issuer", "appeals")
	open(issuer, "/issuer/reviews", "#review-"+due.ID)
	fitsSmallScreen(t, issuer, "issuer", "reviews")

	sup := b.Tab(t)
	webtest.Do(t, sup, "narrow", narrow)
	signInByKeyboard(t, s, sup, s.Tokens["supervisor"], "#queue")
	fitsSmallScreen(t, sup, "supervisor", "queue")
	open(sup, "/supervisor/referral/"+ans.CheckID, "#evidence")
	fitsSmallScreen(t, sup, "supervisor", "referral")

	aud := b.Tab(t)
	webtest.Do(t, aud, "narrow", narrow)
	signInByKeyboard(t, s, aud, s.Tokens["auditor"], "#verify-form")
	fitsSmallScreen(t, aud, "auditor", "home")
	webtest.Do(t, aud, "verify",
		chromedp.SendKeys(chromedp.CSS("#key"), s.API.Audit.Keys.Verifier),
		chromedp.Click(chromedp.CSS("#verify-submit")),
		chromedp.WaitVisible(chromedp.CSS("#verification dl")))
	fitsSmallScreen(t, aud, "auditor", "verified")
}
