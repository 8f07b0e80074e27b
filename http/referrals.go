package http

import (
	"net/http"
	"strconv"
	"time"

	"trex"
)

// referral is one check waiting for a supervisor, with how long it has
// waited. Like the check log it carries no traveller's name.
type referral struct {
	CheckID        string       `json:"check_id"`
	At             time.Time    `json:"at"`
	AgeSeconds     int64        `json:"age_seconds"`
	Decision       trex.Verdict `json:"decision"`
	RestrictionIDs []string     `json:"restriction_ids"`
	Document       string       `json:"document,omitempty"`
	Officer        string       `json:"officer"`
}

// referralQueue is the supervisors' queue: the oldest waiting first, and
// the reason codes a resolution takes.
type referralQueue struct {
	Referrals   []referral          `json:"referrals"`
	ReasonCodes map[string][]string `json:"reason_codes"`
}

// handleReferrals shows a supervisor the referred and hit checks nobody
// has resolved, oldest first, each with its age.
func (s *Server) handleReferrals(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		var err error
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 1000 {
			s.problem(w, r, trex.Errorf(trex.EINVALID, "limit: want a number from 1 to 1000"))
			return
		}
	}
	recs, err := s.CheckLog.OpenReferrals(r.Context(), limit)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	now := s.Now()
	q := referralQueue{Referrals: make([]referral, 0, len(recs)), ReasonCodes: trex.ResolutionCodes}
	for _, rec := range recs {
		q.Referrals = append(q.Referrals, referral{CheckID: rec.ID, At: rec.At, AgeSeconds: int64(max(now.Sub(rec.At), 0) / time.Second),
			Decision: rec.Verdict, RestrictionIDs: rec.RestrictionIDs, Document: rec.Document, Officer: rec.Officer})
	}
	writeJSON(w, http.StatusOK, q)
}
