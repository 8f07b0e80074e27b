package http

import (
	"net/http"

	"trex"
)

// handleSubjectStatus tells a person, and only them, what restrictions they
// are under, on what legal basis, until when, and how to appeal.
func (s *Server) handleSubjectStatus(w http.ResponseWriter, r *http.Request) {
	p := trex.PrincipalFromContext(r.Context())
	rs, err := s.Subjects.RestrictionsOf(r.Context(), p.Subject)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	now := s.Now()
	st := trex.SubjectStatus{Restrictions: []trex.SubjectRestriction{}}
	for _, x := range rs {
		if x.InForce(now) {
			st.Restricted = true
		}
		st.Restrictions = append(st.Restrictions, trex.SubjectRestriction{
			ID: x.ID, Kind: x.Kind, LegalBasis: x.LegalBasis, Authority: x.Authority, Status: x.Status,
			ValidFrom: x.ValidFrom, ValidUntil: x.ValidUntil,
			Appeal: "Appeal to " + x.Authority + ", citing restriction " + x.ID + " and its legal basis; the restriction ends on " + x.ValidUntil.Format("2006-01-02") + " at the latest.",
		})
	}
	writeJSON(w, http.StatusOK, st)
}
