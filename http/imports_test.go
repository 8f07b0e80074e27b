package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"trex"
)

// importJob is what the tests read of GET /v1/imports/{id}.
type importJob struct {
	ID, State                    string
	Total, Done, Created, Failed int
	Errors                       []struct {
		Row            int
		Field, Message string
	}
	Restrictions []struct {
		Row int
		ID  string
	}
}

// startImport posts a file and returns the status and the decoded answer.
func (f *fixture) startImport(t *testing.T, token, contentType, query string, body []byte) (int, importJob, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", f.srv.URL+"/v1/imports"+query, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var job importJob
	json.Unmarshal(raw, &job)
	return resp.StatusCode, job, string(raw)
}

// waitImport polls the job until it is done.
func (f *fixture) waitImport(t *testing.T, token, id string) importJob {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		req, _ := http.NewRequest("GET", f.srv.URL+"/v1/imports/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var job importJob
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("GET import %s: %d %s", id, resp.StatusCode, raw)
		}
		json.Unmarshal(raw, &job)
		if job.Done > job.Total || job.Created+job.Failed != job.Done {
			t.Fatalf("progress does not add up: %s", raw)
		}
		if job.State == "done" {
			return job
		}
		if time.Now().After(deadline) {
			t.Fatalf("import %s not done after three minutes: %s", id, truncated(string(raw)))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func until(d time.Duration) string { return time.Now().Add(d).UTC().Format("2006-01-02") }

// TestImportCSVCreatesGoodRowsAndReportsBadOnes: every good row of a CSV
// file becomes a restriction exactly as a single create would make it, and
// every bad row is reported by its line, the column at fault and the
// create's own message, with nothing of it written.
func TestImportCSVCreatesGoodRowsAndReportsBadOnes(t *testing.T) {
	f := newFixture(t)
	iss := f.tokens["issuer"]
	u := until(30 * 24 * time.Hour)
	csv := "Last_Name,first_name,father_name,birth_date,gender,id_number,passport_number,kind,legal_basis,valid_until\n" +
		"Орлова,Анна,Петровна,1984-02-03,female,4501 100001,750000001,court_order,Case 1/2026," + u + "\n" +
		"Зуев,Олег,,1979-11-30,male,4501 100002,,,," + u + "\n" + // kind and legal basis from the defaults
		"Лисин,Ян,,1990-02-30,male,4501 100003,,court_order,Case 3/2026," + u + "\n" + // impossible birth date
		"Марков,Ил,,1970-01-01,male,4501 100004,,court_order,,2020-01-01\n" + // end date in the past (the default fills the legal basis)
		"Носов,Ив,,1970-01-01,male,4501 100005,,no_such_kind,Case 5/2026," + u + "\n" + // unknown kind
		"Пахов,Ив,,1970-01-01\n" + // too few fields
		"\"Ро\"в\",Ив,,1970-01-01,male,4501 100007,,court_order,Case 7/2026," + u + "\n" + // bad quoting
		"Сидорова,Вера,Ильинична,1988-08-08,female,4501 100008,,court_order,\"Case 8/2026, art. 2\"," + u + "\n"
	code, job, raw := f.startImport(t, iss, "text/csv; charset=utf-8", "?kind=court_order&legal_basis=Default+basis+1%2F2026", []byte(csv))
	if code != http.StatusAccepted || job.ID == "" || job.Total != 8 {
		t.Fatalf("start: %d %s", code, raw)
	}
	job = f.waitImport(t, iss, job.ID)
	if job.Created != 3 || job.Failed != 5 {
		t.Fatalf("created %d, failed %d, want 3 and 5: %+v", job.Created, job.Failed, job)
	}
	want := map[int]string{4: "birth_date", 5: "valid_until", 6: "kind", 7: "", 8: ""}
	for _, e := range job.Errors {
		field, ok := want[e.Row]
		if !ok {
			t.Errorf("row %d reported as bad: %+v", e.Row, e)
			continue
		}
		if e.Field != field || e.Message == "" {
			t.Errorf("row %d: field %q message %q, want field %q", e.Row, e.Field, e.Message, field)
		}
		delete(want, e.Row)
	}
	if len(want) != 0 {
		t.Errorf("bad rows not reported: %v", want)
	}
	// The good rows are restrictions as a create makes them.
	rows := map[int]string{}
	for _, r := range job.Restrictions {
		rows[r.Row] = r.ID
	}
	for row, basis := range map[int]string{2: "Case 1/2026", 3: "Default basis 1/2026", 9: "Case 8/2026, art. 2"} {
		code, out, _ := f.do(t, "GET", "/v1/restrictions/"+rows[row], iss, "")
		if code != 200 || out["legal_basis"] != basis || out["kind"] != "court_order" || out["status"] != "active" {
			t.Errorf("row %d: %d %v, want legal basis %q", row, code, out, basis)
		}
	}
	// Nothing of the bad rows was written.
	for _, id := range []string{"4501 100003", "4501 100004", "4501 100005", "4501 100007"} {
		if rs, err := f.db.RestrictionsOf(context.Background(), id); err != nil || len(rs) != 0 {
			t.Errorf("bad row with id %s left %d restrictions (%v)", id, len(rs), err)
		}
	}
}

// TestImportJSONLines: a line may be a create request or a bare
// FollowTheMoney Person entity taking the restriction from the defaults;
// malformed and contradictory lines are reported and skipped.
func TestImportJSONLines(t *testing.T) {
	f := newFixture(t)
	iss := f.tokens["issuer"]
	until := time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)
	lines := createBody(time.Now().Add(48*time.Hour)) + "\n" +
		`{"id": "e1", "schema": "Person", "properties": {"lastName": ["Громов"], "firstName": ["Лев"], "birthDate": ["1975-04-04"], "idNumber": ["4502 200002"]}}` + "\n" +
		"\n" +
		`{"person": ` + person + `, "kind": "court_order"` + "\n" + // cut short
		`{"schema": "Person", "properties": {"lastName": ["X"]}, "person": ` + person + `}` + "\n" +
		`{"schema": "Person", "properties": {"lastName": ["Y"], "colour": ["red"]}}` + "\n"
	code, job, raw := f.startImport(t, iss, "application/x-ndjson", "?legal_basis=Order+9&kind=court_order&valid_until="+until, []byte(lines))
	if code != http.StatusAccepted || job.Total != 5 {
		t.Fatalf("start: %d %s", code, raw)
	}
	job = f.waitImport(t, iss, job.ID)
	if job.Created != 2 || job.Failed != 3 {
		t.Fatalf("created %d failed %d: %+v", job.Created, job.Failed, job)
	}
	fields := map[int]string{}
	for _, e := range job.Errors {
		fields[e.Row] = e.Field
	}
	if len(fields) != 3 || fields[5] != "person" || fields[6] != "person" {
		t.Errorf("errors by row: %v (%+v)", fields, job.Errors)
	}
	if rs, err := f.db.RestrictionsOf(context.Background(), "4502 200002"); err != nil || len(rs) != 1 || rs[0].LegalBasis != "Order 9" {
		t.Errorf("the bare entity's restriction: %v %v", rs, err)
	}
}

// TestImportAbuse: the file is bounded in bytes and rows, must name its
// columns, and one authority runs one import at a time; another
// authority cannot see a job, and nothing refused is half-written.
func TestImportAbuse(t *testing.T) {
	f := newFixture(t)
	iss := f.tokens["issuer"]
	u := until(30 * 24 * time.Hour)
	header := "last_name,first_name,birth_date,id_number,kind,legal_basis,valid_until\n"
	row := func(i int) string {
		return fmt.Sprintf("Фамилия%d,Имя,1980-01-01,4503 %06d,court_order,Case %d,%s\n", i, i, i, u)
	}
	cases := []struct {
		name, ct, query string
		body            []byte
		status          int
		detail          string
	}{
		{"oversized", "text/csv", "", bytes.Repeat([]byte("a,"), 5<<20), 413, "limit of 8 MiB"},
		{"too many rows", "text/csv", "", []byte(header + strings.Repeat(row(1), 10001)), 400, "more than 10000 rows"},
		{"unknown column", "text/csv", "", []byte("last_name,salary\nX,1\n"), 400, "salary"},
		{"column twice", "text/csv", "", []byte("last_name,LAST_NAME\nX,Y\n"), 400, "twice"},
		{"no rows", "text/csv", "", []byte(header), 400, "no rows"},
		{"not utf-8", "text/csv", "", []byte(header + "\xff\xfe,x\n"), 400, "UTF-8"},
		{"no format", "application/octet-stream", "", []byte(header + row(1)), 400, "format"},
		{"bad format", "", "?format=xlsx", []byte(header + row(1)), 400, "format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, raw := f.startImport(t, iss, c.ct, c.query, c.body)
			if code != c.status || !strings.Contains(raw, c.detail) || !strings.Contains(raw, `"detail"`) {
				t.Errorf("%d %s, want %d mentioning %q", code, truncated(raw), c.status, c.detail)
			}
		})
	}
	if pending, _ := f.db.PendingChanges(context.Background(), 10); len(pending) != 0 {
		t.Errorf("refused files left %d changes", len(pending))
	}

	// An overlong JSON line is one bad row, not a refused file.
	long := `{"schema": "Person", "properties": {"name": ["` + strings.Repeat("Щ", 40000) + `"]}}` + "\n" + createBody(time.Now().Add(48*time.Hour))
	code, job, raw := f.startImport(t, iss, "application/x-ndjson", "", []byte(long))
	if code != 202 {
		t.Fatalf("long line: %d %s", code, truncated(raw))
	}
	if job = f.waitImport(t, iss, job.ID); job.Failed != 1 || job.Created != 1 || job.Errors[0].Row != 1 || !strings.Contains(job.Errors[0].Message, "64 KiB") {
		t.Errorf("long line: %+v", job)
	}

	// One import at a time per authority; others are not held up.
	var big strings.Builder
	big.WriteString(header)
	for i := range 400 {
		big.WriteString(row(i))
	}
	code, first, raw := f.startImport(t, iss, "text/csv", "", []byte(big.String()))
	if code != 202 {
		t.Fatalf("big: %d %s", code, truncated(raw))
	}
	if code, _, raw := f.startImport(t, iss, "text/csv", "", []byte(header+row(9999))); code != http.StatusConflict || !strings.Contains(raw, first.ID) {
		t.Errorf("second import of the same authority: %d %s, want 409 naming the running one", code, raw)
	}
	other := f.tokens["issuer-other"]
	code, theirs, raw := f.startImport(t, other, "text/csv", "", []byte(header+row(20000)))
	if code != 202 {
		t.Errorf("another authority's import is held up: %d %s", code, raw)
	} else {
		f.waitImport(t, other, theirs.ID)
	}
	if code, out, _ := f.do(t, "GET", "/v1/imports/"+first.ID, other, ""); code != 404 {
		t.Errorf("another authority sees the job: %d %v", code, out)
	}
	done := f.waitImport(t, iss, first.ID)
	if done.Created != 400 || len(done.Restrictions) != 400 {
		t.Errorf("big import: created %d, listed %d", done.Created, len(done.Restrictions))
	}
}

func truncated(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// TestImportStarvingAndLookAlikes: imports running at once are bounded
// across authorities (a third authority is told to come back, 503), and a
// row whose kind is spelt with a look-alike letter is refused as an
// unknown kind, not read as the real one.
func TestImportStarvingAndLookAlikes(t *testing.T) {
	f := newFixture(t)
	u := until(30 * 24 * time.Hour)
	header := "last_name,first_name,birth_date,id_number,kind,legal_basis,valid_until\n"
	var big strings.Builder
	big.WriteString(header)
	for i := range 400 {
		fmt.Fprintf(&big, "Фамилия%d,Имя,1980-01-01,4504 %06d,court_order,Case %d,%s\n", i, i, i, u)
	}
	var started []string
	for _, key := range []string{"issuer", "issuer-other"} {
		code, job, raw := f.startImport(t, f.tokens[key], "text/csv", "", []byte(strings.ReplaceAll(big.String(), "4504 ", "45"+fmt.Sprint(len(started))+"4 ")))
		if code != 202 {
			t.Fatalf("%s: %d %s", key, code, truncated(raw))
		}
		started = append(started, job.ID)
	}
	third := f.token(t, trex.Token{Role: trex.RoleIssuer, Authority: "military-office"})
	if code, _, raw := f.startImport(t, third, "text/csv", "", []byte(header+"X,Y,1980-01-01,4505 000001,court_order,Case,"+u+"\n")); code != http.StatusServiceUnavailable || !strings.Contains(raw, "try again") {
		t.Errorf("a third import while two run: %d %s, want 503", code, raw)
	}
	f.waitImport(t, f.tokens["issuer"], started[0])
	f.waitImport(t, f.tokens["issuer-other"], started[1])

	lookalike := header + "X,Y,1980-01-01,4505 000002,court_\u043erder,Case," + u + "\n" // Cyrillic о
	code, job, raw := f.startImport(t, third, "text/csv", "", []byte(lookalike))
	if code != 202 {
		t.Fatalf("look-alike: %d %s", code, raw)
	}
	if job = f.waitImport(t, third, job.ID); job.Created != 0 || len(job.Errors) != 1 || job.Errors[0].Field != "kind" {
		t.Errorf("a look-alike kind: %+v", job)
	}
}
