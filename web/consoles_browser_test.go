package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"trex/web/webtest"
)

// signInByKeyboard signs tab in with token, by keyboard only, and waits
// for the console to show sel.
func signInByKeyboard(t *testing.T, s *webtest.Stack, tab context.Context, token, sel string) {
	t.Helper()
	webtest.Do(t, tab, "open sign-in", chromedp.Navigate(s.URL("/signin")), chromedp.WaitVisible(chromedp.CSS("#token")))
	webtest.TabTo(t, tab, "#token", 10)
	webtest.Type(t, tab, token)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "wait for the console", chromedp.WaitVisible(chromedp.CSS(sel)))
}

// TestCheckpointAndSupervisorInBrowser drives both border consoles in
// Chromium, keyboard only: the officer's reader types a passport's zone
// line by line (the page submits once the zone is whole), the decision
// shows in large type, the officer hands the referral over; the
// supervisor opens it from the queue, sees the evidence side by side,
// confirms with a reason code and a reason, and the queue empties. Every
// page passes axe-core; screenshots go to artifacts/screenshots.
func TestCheckpointAndSupervisorInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	s := webtest.NewStack(t, webtest.StackOptions{})
	tr := restrictTraveller(t, s, "Case 5 <script>alert(1)</script>")

	officer := b.Tab(t)
	signInByKeyboard(t, s, officer, s.Tokens["officer"], "#mrz")
	webtest.Axe(t, officer, "checkpoint")
	webtest.Screenshot(t, officer, "checkpoint", "form")
	if !webtest.Eval[bool](t, officer, `document.activeElement === document.getElementById("mrz")`) {
		t.Error("the zone field does not have the focus when the checkpoint opens")
	}
	// A hardware reader: the zone as keystrokes, each line ended by Enter.
	webtest.Type(t, officer, tr.Zone+"\n")
	webtest.Do(t, officer, "decision", chromedp.WaitVisible(chromedp.CSS("#decision")))
	decision := webtest.Eval[string](t, officer, `document.getElementById("decision").dataset.decision`)
	if decision != "hit" {
		t.Fatalf("decision for the restricted passport: %q, want hit", decision)
	}
	size := webtest.Eval[float64](t, officer, `parseFloat(getComputedStyle(document.getElementById("decision")).fontSize)`)
	if size < 32 {
		t.Errorf("decision in %.0fpx type; want large (at least 32px)", size)
	}
	checkID := webtest.Eval[string](t, officer, `document.getElementById("check-id").textContent`)
	webtest.Axe(t, officer, "checkpoint decision")
	webtest.Screenshot(t, officer, "checkpoint", "decision")
	webtest.TabTo(t, officer, "#handover", 40)
	if style := webtest.Eval[string](t, officer, `getComputedStyle(document.activeElement).outlineStyle`); style == "none" || style == "" {
		t.Error("the focused button shows no focus outline")
	}
	webtest.Enter(t, officer)
	webtest.Do(t, officer, "handed", chromedp.WaitVisible(chromedp.CSS("#handed")))
	if got := webtest.Eval[string](t, officer, `document.querySelector("#handed .reference").textContent`); got != checkID {
		t.Errorf("handover reference %q, want %q", got, checkID)
	}
	webtest.Screenshot(t, officer, "checkpoint", "handed")

	// The typed form, keyboard only, for a traveller nobody restricts.
	webtest.TabTo(t, officer, "#surname", 60)
	webtest.Type(t, officer, "Lindqvist")
	webtest.TabTo(t, officer, "#given", 2)
	webtest.Type(t, officer, "Maja")
	webtest.TabTo(t, officer, "#birth_date", 2)
	webtest.Type(t, officer, "1979-11-02")
	webtest.Enter(t, officer)
	webtest.Do(t, officer, "second decision", chromedp.WaitVisible(chromedp.CSS(`#decision[data-decision="clear"]`)))
	rows := webtest.Eval[int](t, officer, `document.querySelectorAll("#history tbody tr").length`)
	first := webtest.Eval[string](t, officer, `document.querySelector("#history tbody tr").textContent`)
	if rows != 2 || !strings.Contains(first, "Lindqvist") {
		t.Errorf("history: %d rows, newest %q", rows, first)
	}
	webtest.Screenshot(t, officer, "checkpoint", "history")

	// In Russian, the same page and the same history.
	webtest.Do(t, officer, "Russian", chromedp.Navigate(s.URL("/checkpoint/?lang=ru")), chromedp.WaitVisible(chromedp.CSS("#mrz")))
	if lang := webtest.Eval[string](t, officer, `document.documentElement.lang`); lang != "ru" {
		t.Errorf("?lang=ru gave lang=%q", lang)
	}
	webtest.Axe(t, officer, "checkpoint in Russian")
	webtest.Screenshot(t, officer, "checkpoint", "ru")
	webtest.Do(t, officer, "English again", chromedp.Navigate(s.URL("/checkpoint/?lang=en")), chromedp.WaitVisible(chromedp.CSS("#mrz")))

	// Small screen: nothing wider than the viewport.
	webtest.Do(t, officer, "narrow", chromedp.EmulateViewport(360, 740))
	if w := webtest.Eval[int](t, officer, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("at 360px wide the page scrolls sideways (%dpx)", w)
	}
	webtest.Screenshot(t, officer, "checkpoint", "small-screen")

	sup := b.Tab(t)
	signInByKeyboard(t, s, sup, s.Tokens["supervisor"], "#queue")
	webtest.Axe(t, sup, "supervisor queue")
	webtest.Screenshot(t, sup, "supervisor", "queue")
	webtest.TabTo(t, sup, `a[href="/supervisor/referral/`+checkID+`"]`, 30)
	webtest.Enter(t, sup)
	webtest.Do(t, sup, "referral", chromedp.WaitVisible(chromedp.CSS("#evidence")))
	if basis := webtest.Eval[string](t, sup, `document.querySelector(".basis").textContent`); !strings.Contains(basis, "<script>") {
		t.Errorf("legal basis shown as %q; want the markup as text", basis)
	}
	if n := webtest.Eval[int](t, sup, `document.scripts.length`); n != 1 {
		t.Errorf("%d scripts in the page; a legal basis became markup", n)
	}
	trav := webtest.Eval[string](t, sup, `document.getElementById("traveller").textContent`)
	if !strings.Contains(trav, "TKACHENKO") || !strings.Contains(trav, "FT1234567") {
		t.Errorf("traveller side: %q", trav)
	}
	webtest.Axe(t, sup, "supervisor referral")
	webtest.Screenshot(t, sup, "supervisor", "referral")
	webtest.TabTo(t, sup, `input[name="resolution"]`, 40)
	webtest.Do(t, sup, "choose", chromedp.KeyEvent(" "))
	webtest.TabTo(t, sup, "#reason", 10)
	webtest.Type(t, sup, "passport number and photograph agree with the record")
	webtest.TabTo(t, sup, "#resolve", 5)
	webtest.Enter(t, sup)
	webtest.Do(t, sup, "resolved", chromedp.WaitVisible(chromedp.CSS("#resolved")))
	if webtest.Eval[bool](t, sup, `document.getElementById("queue") !== null`) {
		t.Error("the queue still lists the resolved referral")
	}
	webtest.Axe(t, sup, "supervisor resolved")
	webtest.Screenshot(t, sup, "supervisor", "resolved")
}
