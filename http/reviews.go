package http

import (
	"net/http"
	"strconv"
	"time"

	"trex"
)

// reviewItem is one restriction on an issuer's review queue.
type reviewItem struct {
	RestrictionID string    `json:"restriction_id"`
	Kind          string    `json:"kind"`
	ReviewDue     time.Time `json:"review_due"`
	// OverdueSeconds is how long ago the review fell due.
	OverdueSeconds int64     `json:"overdue_seconds"`
	ValidUntil     time.Time `json:"valid_until"`
	// Lapses says the restriction is lifted at the next sweep unless
	// reviewed (its kind lapses unreviewed).
	Lapses bool `json:"lapses"`
}

// maxReviews bounds one page of the review queue.
const maxReviews = 500

// handleReviewQueue answers GET /v1/reviews?limit=: the caller's
// authority's active restrictions whose review is due, longest overdue
// first. It shows no person: the issuer opens a restriction to review it.
func (s *Server) handleReviewQueue(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxReviews {
			s.problem(w, r, trex.Errorf(trex.EINVALID, "limit: %q: want a number from 1 to %d", v, maxReviews))
			return
		}
		limit = n
	}
	p := trex.PrincipalFromContext(r.Context())
	now := s.Now()
	due, err := s.Lifecycle.ReviewQueue(r.Context(), p.Authority, now, limit)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := make([]reviewItem, 0, len(due))
	for _, rs := range due {
		k, _ := s.Kinds.Lookup(rs.Kind)
		out = append(out, reviewItem{RestrictionID: rs.ID, Kind: rs.Kind, ReviewDue: rs.ReviewDue,
			OverdueSeconds: int64(now.Sub(rs.ReviewDue) / time.Second), ValidUntil: rs.ValidUntil, Lapses: k.LapseUnreviewed})
	}
	writeJSON(w, http.StatusOK, map[string]any{"reviews": out})
}

// reviewResponse answers a review: when the next one is due.
type reviewResponse struct {
	ID        string    `json:"id"`
	Status    string    `json:"status"`
	ReviewDue time.Time `json:"review_due"`
}

// handleReviewRestriction answers POST /v1/restrictions/{id}/review: the
// issuer has reviewed its restriction and keeps it in force.
func (s *Server) handleReviewRestriction(w http.ResponseWriter, r *http.Request) {
	var req liftRequest // {"reason"}: optional, for the issuer's own records
	if err := decodeJSON(w, r, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	if _, err := s.ownRestriction(r); err != nil {
		s.problem(w, r, err)
		return
	}
	rs, err := s.Lifecycle.ReviewRestriction(r.Context(), r.PathValue("id"), s.Now())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, reviewResponse{ID: rs.ID, Status: string(rs.StatusAt(s.Now())), ReviewDue: rs.ReviewDue})
}
