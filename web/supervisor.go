package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"trex"
)

// maxResolveReasonBytes bounds a supervisor's free-text reason.
const maxResolveReasonBytes = 2000

// Supervisor is the supervisor's console: the referral queue with each
// referral's age, a referral opened with the traveller's data beside the
// restriction's record, and its resolution with a reason code.
func Supervisor() Console {
	return Console{Name: "supervisor", Roles: []trex.Role{trex.RoleSupervisor}, Languages: Languages,
		Routes: func(s *Server, mux *http.ServeMux) {
			mux.Handle("GET /supervisor/{$}", s.Page("supervisor", s.handleQueue))
			mux.Handle("GET /supervisor/referral/{id}", s.Page("supervisor", s.handleReferral))
			mux.Handle("POST /supervisor/referral/{id}/resolve", s.Page("supervisor", s.handleResolve))
		}}
}

// referral is one entry of GET /v1/referrals.
type referral struct {
	CheckID        string    `json:"check_id"`
	At             time.Time `json:"at"`
	AgeSeconds     int64     `json:"age_seconds"`
	Decision       string    `json:"decision"`
	RestrictionIDs []string  `json:"restriction_ids"`
	Document       string    `json:"document"`
	Officer        string    `json:"officer"`
}

// Age is how long the referral has waited, for people.
func (r referral) Age() time.Duration { return time.Duration(r.AgeSeconds) * time.Second }

// queueView is the queue page's data.
type queueView struct {
	Referrals []referral
	Resolved  string // the referral just resolved
}

func (s *Server) handleQueue(q *Request) error {
	var ans struct {
		Referrals []referral `json:"referrals"`
	}
	p, err := q.API(http.MethodGet, "/v1/referrals", nil, &ans)
	if err != nil {
		return err
	}
	q.Problem(p)
	resolved := q.R.URL.Query().Get("resolved")
	if len(resolved) > 64 {
		resolved = ""
	}
	q.Render("supervisor.html", &queueView{Referrals: ans.Referrals, Resolved: resolved})
	return nil
}

// record is a restriction's record as GET /v1/referrals/{id} gives it.
type record struct {
	RestrictionID string       `json:"restriction_id"`
	Held          bool         `json:"held"`
	Kind          string       `json:"kind"`
	Authority     string       `json:"authority"`
	LegalBasis    string       `json:"legal_basis"`
	Status        string       `json:"status"`
	ValidFrom     time.Time    `json:"valid_from"`
	ValidUntil    time.Time    `json:"valid_until"`
	Person        *trex.Person `json:"person"`
}

// Names are the record's names, each as people write it.
func (r record) Names() []string {
	if r.Person == nil {
		return nil
	}
	var out []string
	for _, n := range r.Person.Names {
		out = append(out, n.String())
	}
	return out
}

// Documents are the record's travel documents, each as "number (state)".
func (r record) Documents() []string {
	if r.Person == nil {
		return nil
	}
	var out []string
	for _, d := range r.Person.Documents {
		out = append(out, strings.TrimSpace(d.Number+" "+d.IssuingState))
	}
	return out
}

// Identifiers are the record's national identifiers.
func (r record) Identifiers() []string {
	if r.Person == nil {
		return nil
	}
	var out []string
	for _, id := range r.Person.Identifiers {
		out = append(out, id.Key())
	}
	return out
}

// resolutionChoice is one resolution and reason code the form offers.
type resolutionChoice struct {
	Value, Resolution, Code string
}

// referralView is an opened referral's page data.
type referralView struct {
	Referral referral
	Records  []record
	Handover *Handover
	Choices  []resolutionChoice
	Chosen   string
	Reason   string
}

// choices lists every resolution with its reason codes, confirmations
// first, from trex.ResolutionCodes.
func choices() []resolutionChoice {
	var out []resolutionChoice
	for _, res := range []string{trex.ResolutionConfirmed, trex.ResolutionDismissed} {
		for _, c := range trex.ResolutionCodes[res] {
			out = append(out, resolutionChoice{Value: res + ":" + c, Resolution: res, Code: c})
		}
	}
	return out
}

// loadReferral asks the API for the referral and its records.
func (s *Server) loadReferral(q *Request, id string) (*referralView, *Problem, error) {
	var ans struct {
		Referral referral `json:"referral"`
		Records  []record `json:"records"`
	}
	p, err := q.API(http.MethodGet, "/v1/referrals/"+url.PathEscape(id), nil, &ans)
	if err != nil || p != nil {
		return nil, p, err
	}
	v := &referralView{Referral: ans.Referral, Records: ans.Records, Choices: choices()}
	if h, ok := s.handovers.get(ans.Referral.CheckID); ok {
		v.Handover = &h
	}
	return v, nil, nil
}

func (s *Server) handleReferral(q *Request) error {
	v, p, err := s.loadReferral(q, q.R.PathValue("id"))
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p)
		q.Render("supervisor.html", &queueView{})
		return nil
	}
	q.Render("referral.html", v)
	return nil
}

// handleResolve sends the supervisor's resolution to
// POST /v1/checks/{id}/resolve and goes back to the queue.
func (s *Server) handleResolve(q *Request) error {
	id := q.R.PathValue("id")
	chosen := q.R.PostForm.Get("resolution")
	reason := strings.TrimSpace(q.R.PostForm.Get("reason"))
	v, p, err := s.loadReferral(q, id)
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p)
		q.Render("supervisor.html", &queueView{})
		return nil
	}
	v.Chosen, v.Reason = chosen, reason
	res, code, _ := strings.Cut(chosen, ":")
	if !slices.ContainsFunc(v.Choices, func(c resolutionChoice) bool { return c.Value == chosen }) {
		q.FieldError("resolution", q.T("supervisor.resolution.required"))
	}
	if reason == "" {
		q.FieldError("reason", q.T("supervisor.reason.required"))
	} else if len(reason) > maxResolveReasonBytes {
		q.FieldError("reason", q.T("supervisor.reason.long", maxResolveReasonBytes))
	}
	if q.Failed() {
		q.Render("referral.html", v)
		return nil
	}
	body := map[string]string{"resolution": res, "reason_code": code, "reason": reason}
	p, err = q.API(http.MethodPost, "/v1/checks/"+url.PathEscape(id)+"/resolve", body, nil)
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p, "resolution=reason_code|resolution", "reason")
		q.Render("referral.html", v)
		return nil
	}
	q.Redirect("/supervisor/?resolved=" + url.QueryEscape(id))
	return nil
}
