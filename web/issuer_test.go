package web_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/web/webtest"
)

// createForm is a valid create form for a synthetic person.
func createForm(basis string) url.Values {
	return url.Values{"last_name": {"Коваленко"}, "first_name": {"Олена"}, "father_name": {"Петрівна"}, "birth_date": {"1987-03-21"},
		"gender": {"female"}, "nationality": {"UA"}, "id_number": {"4511 223344"}, "passport_number": {"FK7654321"},
		"kind": {"court_order"}, "legal_basis": {basis}, "valid_until": {time.Now().AddDate(1, 0, 0).Format("2006-01-02")}}
}

// createAsIssuer submits the create form and returns the restriction's ID.
func createAsIssuer(t *testing.T, s *webtest.Stack, c *http.Client, form url.Values) string {
	t.Helper()
	_, page := get(t, s, c, "/issuer/")
	form.Set("csrf", csrfOf(t, page))
	resp, body := post(t, s, c, "/issuer/create", form)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/issuer/restriction/") {
		t.Fatalf("create: %d %q\n%s", resp.StatusCode, loc, body)
	}
	id, _, _ := strings.Cut(strings.TrimPrefix(loc, "/issuer/restriction/"), "?")
	return id
}

// TestIssuerCreatesWithMessagesNextToFields: a form the API refuses comes
// back with the API's message under the field it names and what was
// typed kept; a good one places the restriction, whose page shows it
// escaped, its delivery per border node, and lifts it for a reason.
func TestIssuerCreatesWithMessagesNextToFields(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	signIn(t, s, c, s.Tokens["issuer"])
	if resp, _ := get(t, s, c, "/"); resp.Header.Get("Location") != "/issuer/" {
		t.Errorf("an issuer lands on %q, want /issuer/", resp.Header.Get("Location"))
	}
	for field, change := range map[string]func(url.Values){
		"legal_basis": func(f url.Values) { f.Del("legal_basis") },
		"valid_until": func(f url.Values) { f.Set("valid_until", "2001-01-01") },
		"birth_date":  func(f url.Values) { f.Set("birth_date", "1987-02-30") },
		"last_name":   func(f url.Values) { f.Del("last_name"); f.Del("first_name") },
	} {
		form := createForm("Case 4-1/2026")
		change(form)
		_, page := get(t, s, c, "/issuer/")
		form.Set("csrf", csrfOf(t, page))
		resp, body := post(t, s, c, "/issuer/create", form)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="`+field+`-error"`) {
			t.Errorf("%s: %d, no message next to the field\n%s", field, resp.StatusCode, body)
		}
		if !strings.Contains(body, html.EscapeString("FK7654321")) {
			t.Errorf("%s: the typed values are not kept", field)
		}
	}
	if pending, _ := s.DB.PendingChanges(context.Background(), 10); len(pending) != 0 {
		t.Errorf("refused forms left %d changes", len(pending))
	}

	const evil = `<script>alert(1)</script>`
	id := createAsIssuer(t, s, c, createForm("Case 4-2/2026 "+evil))
	resp, body := get(t, s, c, "/issuer/restriction/"+id+"?created=1")
	if resp.StatusCode != 200 || !strings.Contains(body, `data-status="active"`) || !strings.Contains(body, `id="created"`) {
		t.Fatalf("restriction page: %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, evil) || !strings.Contains(body, html.EscapeString(evil)) {
		t.Error("the legal basis is shown unescaped")
	}
	if err := s.DB.RecordReceipt(context.Background(), trex.Receipt{RestrictionID: id, Version: 1, Node: "west-7", Status: trex.StatusActive, AppliedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	_, body = get(t, s, c, "/issuer/restriction/"+id)
	if !strings.Contains(body, `data-node="west-7"`) {
		t.Errorf("delivery does not list the node that confirmed:\n%s", body)
	}

	resp, body = post(t, s, c, "/issuer/restriction/"+id+"/lift", url.Values{"csrf": {csrfOf(t, body)}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="reason-error"`) {
		t.Errorf("lift without a reason: %d", resp.StatusCode)
	}
	resp, _ = post(t, s, c, "/issuer/restriction/"+id+"/lift", url.Values{"csrf": {csrfOf(t, body)}, "reason": {"quashed on appeal"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lift: %d", resp.StatusCode)
	}
	_, body = get(t, s, c, resp.Header.Get("Location"))
	if !strings.Contains(body, `data-status="lifted"`) || !strings.Contains(body, "quashed on appeal") {
		t.Errorf("after the lift:\n%s", body)
	}
	// Another authority's clerk cannot open it.
	other := s.Client(t)
	signIn(t, s, other, s.Token(t, trex.Token{Role: trex.RoleIssuer, Authority: "bailiff-service", Name: "other"}))
	if resp, _ := get(t, s, other, "/issuer/restriction/"+id); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another authority opens the restriction: %d", resp.StatusCode)
	}
}

// upload posts a file to the import form as a browser does.
func upload(t *testing.T, s *webtest.Stack, c *http.Client, format, name string, data []byte, extra url.Values) *http.Response {
	t.Helper()
	_, page := get(t, s, c, "/issuer/import")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", csrfOf(t, page))
	mw.WriteField("format", format)
	for k, vs := range extra {
		mw.WriteField(k, vs[0])
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL("/issuer/import"), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// TestIssuerImportShowsProgressAndRowErrors: an uploaded CSV becomes a
// job whose page shows the progress bar, and once done the rows placed
// and each refused row with its line, column and reason; a wrong file is
// refused on the form.
func TestIssuerImportShowsProgressAndRowErrors(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	c := s.Client(t)
	signIn(t, s, c, s.Tokens["issuer"])
	until := time.Now().AddDate(0, 6, 0).Format("2006-01-02")
	csv := "last_name,first_name,birth_date,id_number,legal_basis\n" +
		"Бойко,Іван,1970-01-02,4512 000001,Case 11/2026\n" +
		"Ткач,Ганна,1971-13-02,4512 000002,Case 12/2026\n" +
		"Шевчук,Петро,1972-03-04,4512 000003,Case 13/2026\n"
	resp := upload(t, s, c, "csv", "batch.csv", []byte(csv), url.Values{"kind": {"court_order"}, "valid_until": {until}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/issuer/import/") {
		t.Fatalf("import: %d %q", resp.StatusCode, loc)
	}
	var body string
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, body = get(t, s, c, loc)
		if !strings.Contains(body, "<progress") {
			t.Fatalf("no progress bar:\n%s", body)
		}
		if strings.Contains(body, `data-state="done"`) {
			break
		}
		if !strings.Contains(body, `http-equiv="refresh"`) {
			t.Fatal("a running job's page does not refresh without script")
		}
		if time.Now().After(deadline) {
			t.Fatal("the import never finished")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(body, `id="job-errors"`) || !regexp.MustCompile(`<td[^>]*>3</td><td[^>]*>birth_date</td>`).MatchString(body) {
		t.Errorf("row 3's error is not reported with its column:\n%s", body)
	}
	if strings.Count(body, `href="/issuer/restriction/`) != 2 || strings.Contains(body, `http-equiv="refresh"`) {
		t.Errorf("a finished job lists %d placed rows, want 2", strings.Count(body, `href="/issuer/restriction/`))
	}
	// No file, and a file the API refuses, come back on the form.
	if resp := upload(t, s, c, "csv", "empty.csv", nil, nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("no file: %d, want 400", resp.StatusCode)
	}
	if resp := upload(t, s, c, "csv", "bad.csv", []byte("salary\n1\n"), nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown column: %d, want 400", resp.StatusCode)
	}
}
