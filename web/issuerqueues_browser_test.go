package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trex"
	"trex/web/webtest"
)

// reviewKinds is a kinds file as an operator writes one for trex serve
// --kinds: court orders are reviewed every 30 days and appealed within 14.
const reviewKinds = `[
 {"name": "court_order", "max_days": 1830, "appeal": "to the court that made the order", "review_days": 30, "appeal_days": 14}
]`

// queuesStack is a stack whose kinds come from a kinds file with
// review_days, holding one restriction whose review fell due a day ago
// (made 31 days ago) and one made an hour ago; the first has an appeal
// filed 50 hours ago and overdue by two hours, the second one filed an
// hour ago and due in three days.
func queuesStack(t *testing.T) (s *webtest.Stack, due, fresh *trex.Restriction, late, pending *trex.Appeal) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "kinds.json")
	if err := os.WriteFile(file, []byte(reviewKinds), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := trex.ParseKinds(data)
	if err != nil {
		t.Fatalf("kinds file: %v", err)
	}
	s = webtest.NewStack(t, webtest.StackOptions{Kinds: kinds})
	person := func(surname, doc string) trex.Person {
		return trex.Person{Names: []trex.Name{{Surname: surname, Given: "OLHA"}}, BirthDate: trex.PartialDate{Year: 1979, Month: 4, Day: 9},
			Documents: []trex.Document{{Kind: "passport", Number: doc, IssuingState: "UTO"}}}
	}
	s.ShiftStore(-31 * 24 * time.Hour)
	due = s.Restrict(t, &trex.Restriction{Person: person("MELNYK", "FM1000001"), Kind: trex.KindCourtOrder, LegalBasis: "Order 12/2026"})
	s.ShiftStore(-time.Hour)
	fresh = s.Restrict(t, &trex.Restriction{Person: person("SAVCHUK", "FS1000002"), Kind: trex.KindCourtOrder, LegalBasis: "Order 13/2026"})
	ctx := context.Background()
	s.ShiftStore(-50 * time.Hour)
	late = &trex.Appeal{RestrictionID: due.ID, Authority: due.Authority, Kind: due.Kind, Reason: "I was never summoned", DueAt: time.Now().Add(-2 * time.Hour)}
	if err := s.DB.FileAppeal(ctx, late); err != nil {
		t.Fatal(err)
	}
	s.ShiftStore(-time.Hour)
	pending = &trex.Appeal{RestrictionID: fresh.ID, Authority: fresh.Authority, Kind: fresh.Kind, Reason: "The debt is paid", DueAt: time.Now().Add(72 * time.Hour)}
	if err := s.DB.FileAppeal(ctx, pending); err != nil {
		t.Fatal(err)
	}
	s.ShiftStore(0)
	return s, due, fresh, late, pending
}

// TestIssuerQueuesInBrowser: the issuer's appeals queue shows how long
// each appeal has waited and how long is left, as relative times, with
// the overdue one marked in words; the review queue, fed by a kinds file
// with review_days, lists the restriction whose review fell due and not
// the fresh one, and the clerk reviews it by keyboard alone, after which
// the queue is empty and the next review is 30 days off.
func TestIssuerQueuesInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	s, due, fresh, late, pending := queuesStack(t)
	tab := b.Tab(t)
	signInByKeyboard(t, s, tab, s.Tokens["issuer"], "#create-form")

	webtest.TabTo(t, tab, `a[href="/issuer/appeals"]`, 30)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "appeals", chromedp.WaitVisible(chromedp.CSS(`section[aria-labelledby="appeal-`+late.ID+`"]`)))
	cell := func(id, class string) (text, overdue string) {
		sel := `document.querySelector('section[aria-labelledby="appeal-` + id + `"] dd.` + class + `')`
		return webtest.Eval[string](t, tab, sel+`.textContent.trim()`), webtest.Eval[string](t, tab, sel+`.dataset.overdue || ""`)
	}
	if age, _ := cell(late.ID, "age"); age != "2 d 2 h ago" {
		t.Errorf("appeal filed 50 hours ago shows its age as %q", age)
	}
	if text, overdue := cell(late.ID, "due"); overdue != "true" || !strings.HasPrefix(text, "Overdue") || !strings.Contains(text, "by 2 h 0 min") {
		t.Errorf("appeal two hours past its deadline: %q (overdue %q); want it marked in words", text, overdue)
	}
	if age, _ := cell(pending.ID, "age"); age != "1 h 0 min ago" {
		t.Errorf("appeal filed an hour ago shows its age as %q", age)
	}
	if text, overdue := cell(pending.ID, "due"); overdue != "false" || strings.Contains(text, "Overdue") || !strings.HasPrefix(text, "in 2 d 23 h") {
		t.Errorf("appeal due in three days: %q (overdue %q)", text, overdue)
	}
	if iso := webtest.Eval[string](t, tab, `document.querySelector('section[aria-labelledby="appeal-`+late.ID+`"] dd.due time').getAttribute("datetime")`); iso != late.DueAt.UTC().Format(time.RFC3339) {
		t.Errorf("the deadline's machine-readable time is %q, want %q", iso, late.DueAt.UTC().Format(time.RFC3339))
	}
	webtest.Axe(t, tab, "issuer appeals with ages")
	webtest.Screenshot(t, tab, "issuer", "appeals")

	// Russian: the same ages, translated.
	webtest.Do(t, tab, "appeals in Russian", chromedp.Navigate(s.URL("/issuer/appeals?lang=ru")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if text, _ := cell(late.ID, "due"); !strings.HasPrefix(text, "Просрочена") {
		t.Errorf("overdue appeal in Russian: %q", text)
	}
	webtest.Do(t, tab, "English again", chromedp.Navigate(s.URL("/issuer/?lang=en")), chromedp.WaitVisible(chromedp.CSS("#create-form")))

	// The review queue: only the restriction made 31 days ago is due.
	webtest.TabTo(t, tab, `a[href="/issuer/reviews"]`, 30)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "reviews", chromedp.WaitVisible(chromedp.CSS("#review-"+due.ID)))
	if webtest.Eval[bool](t, tab, `document.getElementById("review-`+fresh.ID+`") !== null`) {
		t.Error("the restriction made an hour ago is on the review queue")
	}
	if due := webtest.Eval[string](t, tab, `document.querySelector('section[aria-labelledby="review-`+due.ID+`"] dd.due').textContent.trim()`); !strings.HasPrefix(due, "Overdue by 24 h") {
		t.Errorf("a review due a day ago shows %q; want it marked overdue by about a day, in words", due)
	}
	webtest.Axe(t, tab, "issuer review queue")
	webtest.Screenshot(t, tab, "issuer", "review-due")
	webtest.TabTo(t, tab, "#reason-"+due.ID, 30)
	webtest.Type(t, tab, "order still in force; court confirmed")
	webtest.TabTo(t, tab, `form[action="/issuer/restriction/`+due.ID+`/review"] button`, 3)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "reviewed", chromedp.WaitVisible(chromedp.CSS("#reviewed")), chromedp.WaitVisible(chromedp.CSS("#reviews-empty")))
	if ref := webtest.Eval[string](t, tab, `document.querySelector("#reviewed .reference").textContent`); ref != due.ID {
		t.Errorf("reviewed %q, want %q", ref, due.ID)
	}
	webtest.Screenshot(t, tab, "issuer", "reviewed")
	r, err := s.DB.FindRestriction(context.Background(), due.ID)
	if err != nil {
		t.Fatal(err)
	}
	if next := time.Until(r.ReviewDue); next < 29*24*time.Hour || next > 31*24*time.Hour {
		t.Errorf("next review due in %s, want 30 days", next.Round(time.Hour))
	}
}
