package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// appealItem is one appeal of GET /v1/appeals.
type appealItem struct {
	ID            string    `json:"id"`
	RestrictionID string    `json:"restriction_id"`
	Kind          string    `json:"kind"`
	Reason        string    `json:"reason"`
	Status        string    `json:"status"`
	FiledAt       time.Time `json:"filed_at"`
	DueAt         time.Time `json:"due_at"`
	Overdue       bool      `json:"overdue"`
	AgeSeconds    int64     `json:"age_seconds"`
	// DueIn is how long is left to decide (negative once overdue), by
	// the console's clock.
	DueIn time.Duration `json:"-"`
}

// Age is how long the appeal has waited, for people (as the supervisor's
// queue shows a referral's).
func (a appealItem) Age() time.Duration { return time.Duration(a.AgeSeconds) * time.Second }

// Late is how long the decision is overdue.
func (a appealItem) Late() time.Duration { return -a.DueIn }

// appealsView is the appeals queue page.
type appealsView struct {
	Appeals  []appealItem
	Outcomes []string // the decisions the form offers
	Decided  string
	// Form holds what was typed for the appeal whose decision was refused.
	FormID, Outcome, Reason string
}

func (s *Server) loadAppeals(q *Request, v *appealsView) error {
	var ans struct {
		Appeals []appealItem `json:"appeals"`
	}
	p, err := q.API(http.MethodGet, "/v1/appeals", nil, &ans)
	if err != nil {
		return err
	}
	q.Problem(p)
	now := s.Now()
	for i := range ans.Appeals {
		ans.Appeals[i].DueIn = ans.Appeals[i].DueAt.Sub(now)
	}
	v.Appeals, v.Outcomes = ans.Appeals, []string{"uphold", "lift"}
	return nil
}

func (s *Server) handleAppeals(q *Request) error {
	v := &appealsView{Decided: truncateRunes(q.R.URL.Query().Get("decided"), 64)}
	if err := s.loadAppeals(q, v); err != nil {
		return err
	}
	q.Render("appeals.html", v)
	return nil
}

// handleDecide sends the issuer's decision on an appeal: uphold the
// restriction, or lift it (which the API does in the same step).
func (s *Server) handleDecide(q *Request) error {
	id := q.R.PathValue("id")
	v := &appealsView{FormID: id, Outcome: q.R.PostForm.Get("outcome"), Reason: strings.TrimSpace(q.R.PostForm.Get("reason"))}
	switch {
	case v.Outcome != "uphold" && v.Outcome != "lift":
		q.FieldError("outcome", q.T("issuer.appeals.outcome.required"))
	case v.Reason == "":
		q.FieldError("reason", q.T("issuer.appeals.reason.required"))
	default:
		p, err := q.API(http.MethodPost, "/v1/appeals/"+url.PathEscape(id)+"/decide", map[string]string{"outcome": v.Outcome, "reason": v.Reason}, nil)
		if err != nil {
			return err
		}
		if p == nil {
			q.Redirect("/issuer/appeals?decided=" + url.QueryEscape(id))
			return nil
		}
		q.Problem(p, "outcome", "reason")
	}
	status := q.status
	if err := s.loadAppeals(q, v); err != nil {
		return err
	}
	q.status = status
	q.Render("appeals.html", v)
	return nil
}

// reviewItem is one entry of GET /v1/reviews.
type reviewItem struct {
	RestrictionID  string    `json:"restriction_id"`
	Kind           string    `json:"kind"`
	ReviewDue      time.Time `json:"review_due"`
	OverdueSeconds int64     `json:"overdue_seconds"`
	ValidUntil     time.Time `json:"valid_until"`
	Lapses         bool      `json:"lapses"`
}

// Overdue is how long ago the review fell due, for people.
func (r reviewItem) Overdue() time.Duration { return time.Duration(r.OverdueSeconds) * time.Second }

// reviewsView is the review queue page.
type reviewsView struct {
	Reviews        []reviewItem
	Reviewed       string
	FormID, Reason string
}

func (s *Server) loadReviews(q *Request, v *reviewsView) error {
	var ans struct {
		Reviews []reviewItem `json:"reviews"`
	}
	p, err := q.API(http.MethodGet, "/v1/reviews", nil, &ans)
	if err != nil {
		return err
	}
	q.Problem(p)
	v.Reviews = ans.Reviews
	return nil
}

func (s *Server) handleReviews(q *Request) error {
	v := &reviewsView{Reviewed: truncateRunes(q.R.URL.Query().Get("reviewed"), 64)}
	if err := s.loadReviews(q, v); err != nil {
		return err
	}
	q.Render("reviews.html", v)
	return nil
}

// handleReview records that the issuer reviewed a restriction and keeps
// it in force.
func (s *Server) handleReview(q *Request) error {
	id := q.R.PathValue("id")
	v := &reviewsView{FormID: id, Reason: strings.TrimSpace(q.R.PostForm.Get("reason"))}
	p, err := q.API(http.MethodPost, "/v1/restrictions/"+url.PathEscape(id)+"/review", map[string]string{"reason": v.Reason}, nil)
	if err != nil {
		return err
	}
	if p == nil {
		q.Redirect("/issuer/reviews?reviewed=" + url.QueryEscape(id))
		return nil
	}
	q.Problem(p, "reason")
	status := q.status
	if err := s.loadReviews(q, v); err != nil {
		return err
	}
	q.status = status
	q.Render("reviews.html", v)
	return nil
}
