package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"trex/web/webtest"
)

// TestSignInInBrowser: in Chromium, keyboard only: the skip link comes
// first, the token field takes the token, Enter signs in and the officer
// lands on the checkpoint; the sign-in page passes axe-core.
func TestSignInInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	s := webtest.NewStack(t, webtest.StackOptions{})
	tab := b.Tab(t)
	webtest.Do(t, tab, "open sign-in", chromedp.Navigate(s.URL("/signin")), chromedp.WaitVisible(chromedp.CSS("#token")))
	webtest.Axe(t, tab, "sign-in")
	webtest.Screenshot(t, tab, "signin", "form")
	if n := webtest.TabTo(t, tab, "a.skip", 1); n != 1 {
		t.Errorf("the skip link is not the first stop")
	}
	webtest.TabTo(t, tab, "#token", 10)
	webtest.Type(t, tab, s.Tokens["officer"])
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "land on the checkpoint", chromedp.WaitVisible(chromedp.CSS("#mrz")))
	if path := webtest.Eval[string](t, tab, "location.pathname"); path != "/checkpoint/" {
		t.Errorf("landed on %s, want /checkpoint/", path)
	}
	if html := webtest.Eval[string](t, tab, "document.documentElement.outerHTML"); containsToken(html, s.Tokens["officer"]) {
		t.Error("the page holds the token")
	}
	if cookies := webtest.Eval[string](t, tab, "document.cookie"); cookies != "" {
		t.Errorf("script can read cookies %q; all must be HttpOnly", cookies)
	}
}

func containsToken(html, token string) bool {
	return len(token) > 0 && len(html) > 0 && stringsContains(html, token)
}

// TestAxeCatchesWhatItShould: the accessibility check is live: on a page
// with an unlabelled field and an image without a text alternative it
// reports both.
func TestAxeCatchesWhatItShould(t *testing.T) {
	b := webtest.Shared(t)
	tab := b.Tab(t)
	webtest.Do(t, tab, "open a bad page", chromedp.Navigate(`data:text/html,<!DOCTYPE html><html lang="en"><title>x</title><main><img src="data:,"><input type="text"></main></html>`))
	found := map[string]bool{}
	for _, v := range webtest.AxeViolations(t, tab) {
		found[v.ID] = true
	}
	if !found["image-alt"] || !found["label"] {
		t.Errorf("axe-core found %v; want image-alt and label", found)
	}
}
