package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"slices"
	"sync"
	"time"

	"trex"
)

// Bounds of the import jobs a process keeps.
const (
	maxImportJobs       = 256 // finished jobs are forgotten, oldest first, beyond this
	maxRunningImports   = 2   // imports running at once across all authorities
	maxListedImportRows = 1000
)

// ImportJob is one bulk import of restrictions as GET /v1/imports/{id}
// shows it: how far it is, which rows created which restriction, and why
// the others created none.
type ImportJob struct {
	ID     string `json:"id"`
	Format string `json:"format"` // csv | jsonl
	// State is "running" until every row has been tried, then "done".
	State   string `json:"state"`
	Total   int    `json:"total"`   // rows in the file
	Done    int    `json:"done"`    // rows tried so far
	Created int    `json:"created"` // rows that created a restriction
	Failed  int    `json:"failed"`  // rows that created nothing
	// Errors are the failed rows' errors, in row order; at most 1000 are
	// kept (ErrorsNotShown counts the rest).
	Errors         []RowError `json:"errors"`
	ErrorsNotShown int        `json:"errors_not_shown,omitempty"`
	// Restrictions are the created rows and the restriction each made, the
	// first 1000 of them.
	Restrictions []ImportedRow `json:"restrictions"`
	StartedAt    time.Time     `json:"started_at"`
	FinishedAt   time.Time     `json:"finished_at,omitzero"`

	authority string
}

// ImportedRow is a row that created a restriction.
type ImportedRow struct {
	Row int    `json:"row"`
	ID  string `json:"id"`
}

// imports holds a process's import jobs in memory: they are progress
// reports, not records (every restriction they create is in the registry
// with its own history).
type imports struct {
	mu      sync.Mutex
	jobs    map[string]*ImportJob
	order   []string          // job IDs, oldest first
	running map[string]string // authority → its running job
}

// start registers a job for authority, refusing a second import of the
// same authority while one runs and more than maxRunningImports at once.
func (im *imports) start(job *ImportJob) error {
	im.mu.Lock()
	defer im.mu.Unlock()
	if im.jobs == nil {
		im.jobs, im.running = map[string]*ImportJob{}, map[string]string{}
	}
	if id, busy := im.running[job.authority]; busy {
		return trex.Errorf(trex.ECONFLICT, "import %s of authority %s is still running; one import at a time per authority: wait for it (GET /v1/imports/%s)", id, job.authority, id)
	}
	if len(im.running) >= maxRunningImports {
		return trex.Errorf(trex.EUNAVAILABLE, "%d imports are running; try again when one has finished", len(im.running))
	}
	for len(im.order) >= maxImportJobs {
		i := slices.IndexFunc(im.order, func(id string) bool { return im.jobs[id].State != "running" })
		if i < 0 {
			break
		}
		delete(im.jobs, im.order[i])
		im.order = slices.Delete(im.order, i, i+1)
	}
	im.jobs[job.ID], im.running[job.authority] = job, job.ID
	im.order = append(im.order, job.ID)
	return nil
}

// update changes a job under the lock.
func (im *imports) update(job *ImportJob, f func(*ImportJob)) {
	im.mu.Lock()
	defer im.mu.Unlock()
	f(job)
	if job.State == "done" {
		delete(im.running, job.authority)
	}
}

// get returns a copy of the job if authority may see it.
func (im *imports) get(id, authority string) (ImportJob, bool) {
	im.mu.Lock()
	defer im.mu.Unlock()
	job, ok := im.jobs[id]
	if !ok || job.authority != authority {
		return ImportJob{}, false
	}
	out := *job
	out.Errors, out.Restrictions = slices.Clone(job.Errors), slices.Clone(job.Restrictions)
	return out, true
}

// importFormat reads the file's format from its Content-Type, or from the
// format query parameter when the type says nothing specific.
func importFormat(r *http.Request) (string, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "text/csv":
		return importFormatCSV, nil
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
		return importFormatJSON, nil
	}
	switch f := r.URL.Query().Get("format"); f {
	case importFormatCSV, importFormatJSON:
		return f, nil
	case "":
		return "", trex.Errorf(trex.EINVALID, "format: send Content-Type text/csv or application/x-ndjson, or ?format=csv|jsonl")
	default:
		return "", trex.Errorf(trex.EINVALID, "format %q: want csv or jsonl", truncate(f, 20))
	}
}

// handleStartImport takes a file of restrictions (CSV or FollowTheMoney
// JSON lines), answers 202 with the job, and creates the rows one by one
// in the background, each through the same reading and registry
// validation as POST /v1/restrictions.
func (s *Server) handleStartImport(w http.ResponseWriter, r *http.Request) {
	format, err := importFormat(r)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	q := r.URL.Query()
	def := importDefaults{Kind: q.Get("kind"), LegalBasis: q.Get("legal_basis"), ValidFrom: csvTime(q.Get("valid_from")), ValidUntil: csvTime(q.Get("valid_until"))}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxImportBytes))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	rows, err := readImport(format, data, def)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	p := trex.PrincipalFromContext(r.Context())
	job := &ImportJob{ID: newImportID(), Format: format, State: "running", Total: len(rows), StartedAt: s.Now(),
		Errors: []RowError{}, Restrictions: []ImportedRow{}, authority: p.Authority}
	if err := s.imports.start(job); err != nil {
		s.problem(w, r, err)
		return
	}
	go s.runImport(context.WithoutCancel(r.Context()), job, rows)
	snapshot, _ := s.imports.get(job.ID, p.Authority)
	w.Header().Set("Location", "/v1/imports/"+job.ID)
	writeJSON(w, http.StatusAccepted, snapshot)
}

// runImport creates the rows in order. Each row is one create: it is
// written whole or not at all, and a failed row never stops the others.
func (s *Server) runImport(ctx context.Context, job *ImportJob, rows []importRow) {
	defer func() {
		if v := recover(); v != nil {
			s.Log.Error("import panic", "job", job.ID, "panic", v)
			s.imports.update(job, func(j *ImportJob) { j.State, j.FinishedAt = "done", s.Now() })
		}
	}()
	created := 0
	for _, row := range rows {
		rowErr := row.err
		var id string
		if rowErr == nil {
			rs, err := newRestriction(row.req, job.authority)
			if err == nil {
				err = s.Registry.CreateRestriction(ctx, rs)
			}
			if err != nil {
				msg := trex.ErrorMessage(err)
				rowErr = &RowError{Row: row.line, Field: fieldOf(msg), Message: msg}
				if job.Format == importFormatCSV {
					rowErr.Field = csvField(rowErr.Field)
				}
			} else {
				id = rs.ID
				created++
			}
		}
		s.imports.update(job, func(j *ImportJob) {
			j.Done++
			switch {
			case rowErr != nil && len(j.Errors) < maxImportErrors:
				j.Failed++
				j.Errors = append(j.Errors, *rowErr)
			case rowErr != nil:
				j.Failed++
				j.ErrorsNotShown++
			default:
				j.Created++
				if len(j.Restrictions) < maxListedImportRows {
					j.Restrictions = append(j.Restrictions, ImportedRow{Row: row.line, ID: id})
				}
			}
		})
	}
	s.imports.update(job, func(j *ImportJob) { j.State, j.FinishedAt = "done", s.Now() })
	s.Log.Info("import done", "job", job.ID, "authority", job.authority, "created", created, "failed", len(rows)-created)
}

// handleGetImport shows an import's progress and its row errors to the
// authority that started it; to anyone else it does not exist.
func (s *Server) handleGetImport(w http.ResponseWriter, r *http.Request) {
	job, ok := s.imports.get(r.PathValue("id"), trex.PrincipalFromContext(r.Context()).Authority)
	if !ok {
		s.problem(w, r, trex.Errorf(trex.ENOTFOUND, "import %q not found", truncate(r.PathValue("id"), 40)))
		return
	}
	writeJSON(w, http.StatusOK, job)
}

func newImportID() string {
	b := make([]byte, 10)
	rand.Read(b)
	return "I" + hex.EncodeToString(b)
}
