package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	thttp "trex/http"
)

// importJob is GET /v1/imports/{id} as the page reads it.
type importJob struct {
	ID             string `json:"id"`
	Format         string `json:"format"`
	State          string `json:"state"`
	Total          int    `json:"total"`
	Done           int    `json:"done"`
	Created        int    `json:"created"`
	Failed         int    `json:"failed"`
	ErrorsNotShown int    `json:"errors_not_shown"`
	Errors         []struct {
		Row     int    `json:"row"`
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
	Restrictions []struct {
		Row int    `json:"row"`
		ID  string `json:"id"`
	} `json:"restrictions"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
}

// Percent is how far the job is, 0 to 100.
func (j importJob) Percent() int {
	if j.Total == 0 {
		return 100
	}
	return j.Done * 100 / j.Total
}

// Running reports whether rows are still being created.
func (j importJob) Running() bool { return j.State == "running" }

// importForm is the import page's fields, kept when the API refuses.
type importForm struct {
	Format, Kind, LegalBasis, ValidFrom, ValidUntil string
	Kinds, Formats                                  []string
	Columns                                         string
}

func newImportForm() *importForm {
	return &importForm{Format: "csv", Kinds: kindNames(), Formats: []string{"csv", "jsonl"}, Columns: csvColumns}
}

// csvColumns are the CSV import's columns as the page lists them.
const csvColumns = "kind, legal_basis, valid_from, valid_until, last_name, first_name, middle_name, father_name, name, alias, birth_date, gender, nationality, id_number, passport_number, tax_number"

func (s *Server) handleImportForm(q *Request) error {
	q.Render("issuerimport.html", newImportForm())
	return nil
}

// handleImportStart sends the uploaded file to POST /v1/imports with the
// form's defaults and goes to the job's page.
func (s *Server) handleImportStart(q *Request) error {
	f := q.R.PostForm
	form := newImportForm()
	form.Format, form.Kind, form.LegalBasis = f.Get("format"), f.Get("kind"), f.Get("legal_basis")
	form.ValidFrom, form.ValidUntil = f.Get("valid_from"), f.Get("valid_until")
	data, _, ok, err := uploadedFile(q.R, "file", thttp.MaxImportBytes)
	if err != nil {
		return err
	}
	contentType := map[string]string{"csv": "text/csv", "jsonl": "application/x-ndjson"}[form.Format]
	switch {
	case !ok || len(data) == 0:
		q.FieldError("file", q.T("issuer.import.file.required"))
	case len(data) > thttp.MaxImportBytes:
		q.FieldError("file", q.T("issuer.import.file.large", thttp.MaxImportBytes>>20))
	case contentType == "":
		q.FieldError("format", q.T("issuer.import.format.required"))
	}
	if q.Failed() {
		q.Render("issuerimport.html", form)
		return nil
	}
	query := url.Values{}
	for k, v := range map[string]string{"kind": form.Kind, "legal_basis": form.LegalBasis, "valid_from": form.ValidFrom, "valid_until": form.ValidUntil} {
		if v = strings.TrimSpace(v); v != "" {
			query.Set(k, v)
		}
	}
	raw, p, err := q.APIRaw(http.MethodPost, "/v1/imports?"+query.Encode(), contentType, data)
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p, "file=file|format|column|row", "kind", "legal_basis", "valid_from", "valid_until")
		q.Render("issuerimport.html", form)
		return nil
	}
	var job importJob
	if err := decodeJSON(raw, &job); err != nil {
		return err
	}
	q.Redirect("/issuer/import/" + url.PathEscape(job.ID))
	return nil
}

// handleImportJob shows a job's progress and row errors. While it runs,
// a browser without script loads the page again every two seconds (a
// meta refresh inside noscript); with script, trex.js updates the
// progress in place instead.
func (s *Server) handleImportJob(q *Request) error {
	var job importJob
	p, err := q.API(http.MethodGet, "/v1/imports/"+url.PathEscape(q.R.PathValue("id")), nil, &job)
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p)
		q.Render("issuerimport.html", newImportForm())
		return nil
	}
	q.Render("importjob.html", &job)
	return nil
}
