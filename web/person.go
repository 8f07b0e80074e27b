package web

import (
	"net/http"
	"strings"
	"time"

	"trex"
)

// Person is the person's console: with the three identifiers (no
// account) or signed in with a subject token, their restrictions and
// whether each applies, how to appeal, the appeal form and their appeals'
// status, and who looked at their record. It ships Ukrainian too.
// Every request goes to the API's person endpoints, whose budgets per
// client and per identity apply: the console cannot be used to harvest.
func Person() Console {
	return Console{Name: "person", Roles: []trex.Role{trex.RoleSubject}, Open: true, Languages: []string{"en", "ru", "uk"},
		Routes: func(s *Server, mux *http.ServeMux) {
			mux.Handle("GET /person/{$}", s.Page("person", s.handlePersonHome))
			mux.Handle("POST /person/status", s.Page("person", s.handlePersonStatus))
			mux.Handle("POST /person/access", s.Page("person", s.handlePersonAccess))
			mux.Handle("POST /person/appeal", s.Page("person", s.handlePersonAppeal))
		}}
}

// personStatus is POST /v1/subject/status as the page reads it.
type personStatus struct {
	Restricted   bool `json:"restricted"`
	Restrictions []struct {
		ID         string    `json:"id"`
		Kind       string    `json:"kind"`
		LegalBasis string    `json:"legal_basis"`
		Authority  string    `json:"authority"`
		Status     string    `json:"status"`
		ValidFrom  time.Time `json:"valid_from"`
		ValidUntil time.Time `json:"valid_until"`
		Appeal     string    `json:"appeal"`
		Applies    bool      `json:"applies"`
	} `json:"restrictions"`
	Appeals []struct {
		ID             string    `json:"id"`
		RestrictionID  string    `json:"restriction_id"`
		Status         string    `json:"status"`
		FiledAt        time.Time `json:"filed_at"`
		DueAt          time.Time `json:"due_at"`
		DecisionReason string    `json:"decision_reason"`
	} `json:"appeals"`
}

// Pending reports whether restriction id has an appeal not yet decided.
func (st *personStatus) Pending(id string) bool {
	for _, a := range st.Appeals {
		if a.RestrictionID == id && a.Status == trex.AppealPending {
			return true
		}
	}
	return false
}

// accessEvent is one entry of POST /v1/subject/access-log.
type accessEvent struct {
	At            time.Time `json:"at"`
	Who           string    `json:"who"`
	WhoKind       string    `json:"who_kind"`
	Kind          string    `json:"kind"`
	RestrictionID string    `json:"restriction_id"`
}

// personView is the person's page: the identifiers as typed (sent again
// with each form, never kept by the server), and what the API answered.
type personView struct {
	Identity trex.SubjectIdentity
	// Subject is true when signed in with a subject token: no identifiers
	// are asked.
	Subject  bool
	Status   *personStatus
	Access   []accessEvent
	Accessed bool // the access log was asked for
	Appealed string
	// Appeal form, kept when refused.
	AppealFor, AppealReason string
}

// identityFields map the API's names in problems to the form's.
var identityFields = []string{"national_id", "document_number", "birth_date"}

func (s *Server) personView(q *Request) *personView {
	v := &personView{Subject: q.Session != nil && q.Session.Principal.Role == trex.RoleSubject}
	if !v.Subject {
		f := q.R.PostForm
		v.Identity = trex.SubjectIdentity{NationalID: strings.TrimSpace(f.Get("national_id")),
			DocumentNumber: strings.TrimSpace(f.Get("document_number")), BirthDate: strings.TrimSpace(f.Get("birth_date"))}
	}
	return v
}

func (s *Server) handlePersonHome(q *Request) error {
	q.Render("person.html", s.personView(q))
	return nil
}

// body is the identity the API is sent: the three identifiers, or
// nothing when the subject token names the person.
func (v *personView) body() map[string]any {
	if v.Subject {
		return map[string]any{}
	}
	return map[string]any{"national_id": v.Identity.NationalID, "document_number": v.Identity.DocumentNumber, "birth_date": v.Identity.BirthDate}
}

// loadStatus asks the API for the person's status.
func (s *Server) loadStatus(q *Request, v *personView) error {
	var st personStatus
	p, err := q.API(http.MethodPost, "/v1/subject/status", v.body(), &st)
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p, identityFields...)
		return nil
	}
	v.Status = &st
	return nil
}

func (s *Server) handlePersonStatus(q *Request) error {
	v := s.personView(q)
	if err := s.loadStatus(q, v); err != nil {
		return err
	}
	q.Render("person.html", v)
	return nil
}

func (s *Server) handlePersonAccess(q *Request) error {
	v := s.personView(q)
	var ans struct {
		Access []accessEvent `json:"access"`
	}
	p, err := q.API(http.MethodPost, "/v1/subject/access-log", v.body(), &ans)
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p, identityFields...)
	} else {
		v.Access, v.Accessed = ans.Access, true
	}
	q.Render("person.html", v)
	return nil
}

// handlePersonAppeal files an appeal against one of the person's
// restrictions and shows the status with it.
func (s *Server) handlePersonAppeal(q *Request) error {
	v := s.personView(q)
	v.AppealFor = strings.TrimSpace(q.R.PostForm.Get("restriction_id"))
	v.AppealReason = strings.TrimSpace(q.R.PostForm.Get("reason"))
	if v.AppealReason == "" {
		q.FieldError("reason", q.T("person.appeal.reason.required"))
	} else {
		body := v.body()
		body["restriction_id"], body["reason"] = v.AppealFor, v.AppealReason
		var ans struct {
			ID string `json:"id"`
		}
		p, err := q.API(http.MethodPost, "/v1/appeals", body, &ans)
		if err != nil {
			return err
		}
		if p != nil {
			q.Problem(p, append(identityFields, "reason")...)
		} else {
			v.Appealed, v.AppealFor, v.AppealReason = ans.ID, "", ""
		}
	}
	status := q.status
	if status != http.StatusTooManyRequests && status != http.StatusUnauthorized {
		if err := s.loadStatus(q, v); err != nil {
			return err
		}
	}
	if status != 0 {
		q.status = status
	}
	q.Render("person.html", v)
	return nil
}
