package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trex/web/webtest"
)

// TestIssuerConsoleInBrowser drives the issuer's console in Chromium: a
// create the API refuses shows the message next to the field, the
// corrected form places the restriction, the clerk lifts it by keyboard
// alone, and a CSV import shows its progress bar filling by script and
// the refused row. Every page passes axe-core; screenshots are saved.
func TestIssuerConsoleInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	s := webtest.NewStack(t, webtest.StackOptions{})
	tab := b.Tab(t)
	signInByKeyboard(t, s, tab, s.Tokens["issuer"], "#create-form")
	webtest.Axe(t, tab, "issuer home")
	webtest.Screenshot(t, tab, "issuer", "form")
	until := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	webtest.Do(t, tab, "fill the create form",
		chromedp.SendKeys(chromedp.CSS("#last_name"), "Коваленко"),
		chromedp.SendKeys(chromedp.CSS("#first_name"), "Олена"),
		chromedp.SendKeys(chromedp.CSS("#birth_date"), "1987-03-21"),
		chromedp.SendKeys(chromedp.CSS("#passport_number"), "FK7654321"),
		chromedp.SetValue(chromedp.CSS("#valid_until"), until),
		chromedp.Click(chromedp.CSS("#create")),
		chromedp.WaitVisible(chromedp.CSS("#legal_basis-error")))
	if msg := webtest.Eval[string](t, tab, `document.getElementById("legal_basis-error").textContent`); !strings.Contains(msg, "legal_basis") {
		t.Errorf("message next to the legal basis: %q", msg)
	}
	if v := webtest.Eval[string](t, tab, `document.getElementById("passport_number").value`); v != "FK7654321" {
		t.Errorf("the typed passport number was lost: %q", v)
	}
	webtest.Axe(t, tab, "issuer refused")
	webtest.Screenshot(t, tab, "issuer", "refused")
	webtest.Do(t, tab, "correct and submit",
		chromedp.SendKeys(chromedp.CSS("#legal_basis"), "Case 4-2/2026 <script>alert(1)</script>"),
		chromedp.Click(chromedp.CSS("#create")),
		chromedp.WaitVisible(chromedp.CSS("#created")))
	if st := webtest.Eval[string](t, tab, `document.getElementById("restriction-status").dataset.status`); st != "active" {
		t.Errorf("status %q, want active", st)
	}
	if n := webtest.Eval[int](t, tab, `document.scripts.length`); n != 1 {
		t.Errorf("%d scripts in the page; the legal basis became markup", n)
	}
	webtest.Axe(t, tab, "issuer restriction")
	webtest.Screenshot(t, tab, "issuer", "created")

	// Lift, keyboard only.
	webtest.TabTo(t, tab, "#reason", 60)
	webtest.Type(t, tab, "decision quashed on appeal")
	webtest.TabTo(t, tab, "#lift", 3)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "lifted", chromedp.WaitVisible(chromedp.CSS("#lifted")))
	if st := webtest.Eval[string](t, tab, `document.getElementById("restriction-status").dataset.status`); st != "lifted" {
		t.Errorf("status after lift %q", st)
	}
	webtest.Screenshot(t, tab, "issuer", "lifted")

	// Bulk import: 300 rows, one of them refused.
	var csv strings.Builder
	csv.WriteString("last_name,first_name,birth_date,id_number\n")
	for i := range 300 {
		birth := "1970-01-02"
		if i == 150 {
			birth = "1970-02-30"
		}
		csv.WriteString("Бойко" + string(rune('А'+i%30)) + ",Іван," + birth + ",4512 " + strings.Repeat("0", 6-len(itoa(i))) + itoa(i) + "\n")
	}
	file := filepath.Join(t.TempDir(), "batch.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	webtest.Do(t, tab, "open import", chromedp.Navigate(s.URL("/issuer/import")), chromedp.WaitVisible(chromedp.CSS("#import-form")))
	webtest.Axe(t, tab, "issuer import form")
	webtest.Do(t, tab, "upload",
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.SetValue(chromedp.CSS("#kind"), "court_order"),
		chromedp.SendKeys(chromedp.CSS("#legal_basis"), "Register of debtors 2026"),
		chromedp.SetValue(chromedp.CSS("#valid_until"), until),
		chromedp.Click(chromedp.CSS("#import")),
		chromedp.WaitVisible(chromedp.CSS("#progress")))
	webtest.Screenshot(t, tab, "issuer", "import-running")
	webtest.Do(t, tab, "import done", chromedp.WaitVisible(chromedp.CSS(`#job[data-state="done"] #job-errors`)))
	if done := webtest.Eval[string](t, tab, `document.getElementById("progress").value + "/" + document.getElementById("progress").max`); done != "300/300" {
		t.Errorf("progress %s, want 300/300", done)
	}
	if row := webtest.Eval[string](t, tab, `document.querySelector("#job-errors tbody tr").textContent`); !strings.Contains(row, "152") || !strings.Contains(row, "birth_date") {
		t.Errorf("error row: %q, want row 152, birth_date", row)
	}
	webtest.Axe(t, tab, "issuer import job")
	webtest.Screenshot(t, tab, "issuer", "import-done")

	for _, page := range []string{"/issuer/appeals", "/issuer/reviews"} {
		webtest.Do(t, tab, "open "+page, chromedp.Navigate(s.URL(page)), chromedp.WaitVisible(chromedp.CSS("h1")))
		webtest.Axe(t, tab, page)
	}
	webtest.Screenshot(t, tab, "issuer", "reviews")
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// TestPersonConsoleInBrowser: in Ukrainian, keyboard only, a person
// types the three identifiers, reads the restriction, and appeals; the
// pages pass axe-core.
func TestPersonConsoleInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	s := webtest.NewStack(t, webtest.StackOptions{})
	r, me := restrictPerson(t, s, "Case 2-9/2026")
	tab := b.Tab(t)
	webtest.Do(t, tab, "open", chromedp.Navigate(s.URL("/person/?lang=uk")), chromedp.WaitVisible(chromedp.CSS("#national_id")))
	if lang := webtest.Eval[string](t, tab, `document.documentElement.lang`); lang != "uk" {
		t.Errorf("page language %q, want uk", lang)
	}
	webtest.Axe(t, tab, "person form")
	webtest.Screenshot(t, tab, "person", "form")
	webtest.TabTo(t, tab, "#national_id", 20)
	webtest.Type(t, tab, me.Get("national_id"))
	webtest.TabTo(t, tab, "#document_number", 2)
	webtest.Type(t, tab, me.Get("document_number"))
	webtest.TabTo(t, tab, "#birth_date", 2)
	webtest.Type(t, tab, me.Get("birth_date"))
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "status", chromedp.WaitVisible(chromedp.CSS("#restricted")))
	if v := webtest.Eval[string](t, tab, `document.getElementById("restricted").dataset.restricted`); v != "true" {
		t.Fatalf("restricted = %q", v)
	}
	webtest.Axe(t, tab, "person status")
	webtest.Screenshot(t, tab, "person", "status")
	webtest.TabTo(t, tab, "#reason-"+r.ID, 40)
	webtest.Type(t, tab, "I was served and reported on time")
	webtest.TabTo(t, tab, "#appeal-submit-"+r.ID, 3)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "appealed", chromedp.WaitVisible(chromedp.CSS("#appealed")))
	if st := webtest.Eval[string](t, tab, `document.querySelector("[data-appeal-status]").dataset.appealStatus`); st != "pending" {
		t.Errorf("appeal status %q", st)
	}
	webtest.Axe(t, tab, "person appealed")
	webtest.Screenshot(t, tab, "person", "appealed")
	webtest.TabTo(t, tab, "#access-submit", 40)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "access log", chromedp.WaitVisible(chromedp.CSS("#access")))
	webtest.Axe(t, tab, "person access log")
	webtest.Screenshot(t, tab, "person", "access")
}

// TestAuditorConsoleInBrowser: the auditor pastes the node's key by
// keyboard, verifies the checkpoint, and reads the counts.
func TestAuditorConsoleInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	s := webtest.NewStack(t, webtest.StackOptions{})
	tab := b.Tab(t)
	signInByKeyboard(t, s, tab, s.Tokens["auditor"], "#verify-form")
	webtest.Axe(t, tab, "auditor")
	webtest.TabTo(t, tab, "#key", 30)
	webtest.Type(t, tab, s.API.Audit.Keys.Verifier)
	webtest.Enter(t, tab)
	webtest.Do(t, tab, "verified", chromedp.WaitVisible(chromedp.CSS("#verification dl")))
	if ok := webtest.Eval[string](t, tab, `document.querySelector("[data-verified]").dataset.verified`); ok != "true" {
		t.Errorf("verified = %q", ok)
	}
	webtest.Axe(t, tab, "auditor verified")
	webtest.Screenshot(t, tab, "auditor", "verified")
}
