package http

import (
	"net/http"

	"trex"
	"trex/audit"
)

// handleSubjectStatus tells a person, and only them, what restrictions they
// are under, on what legal basis, until when, and how to appeal (the appeal
// route of the restriction's kind, from Server.Kinds).
func (s *Server) handleSubjectStatus(w http.ResponseWriter, r *http.Request) {
	p := trex.PrincipalFromContext(r.Context())
	rs, err := s.Subjects.RestrictionsOf(r.Context(), p.Subject)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if s.Audit != nil {
		if _, err := s.record(r, &audit.Entry{Type: audit.TypeSubjectAccess, SubjectHash: s.Audit.HashIdentifier(p.Subject)}); err != nil {
			s.problem(w, r, err)
			return
		}
	}
	now := s.Now()
	st := trex.SubjectStatus{Restrictions: []trex.SubjectRestriction{}}
	for _, x := range rs {
		if x.InForce(now) {
			st.Restricted = true
		}
		st.Restrictions = append(st.Restrictions, trex.SubjectRestriction{
			ID: x.ID, Kind: x.Kind, LegalBasis: x.LegalBasis, Authority: x.Authority, Status: x.StatusAt(now),
			ValidFrom: x.ValidFrom, ValidUntil: x.ValidUntil, Appeal: s.appeal(x),
		})
	}
	writeJSON(w, http.StatusOK, st)
}

// appeal says how the subject of x appeals: the route configured for its
// kind, then what to cite and when the restriction ends at the latest.
func (s *Server) appeal(x *trex.Restriction) string {
	route := "Appeal to " + x.Authority + "."
	if k, ok := s.Kinds.Lookup(x.Kind); ok {
		route = k.Appeal
	}
	return route + " Cite restriction " + x.ID + " (" + x.Authority + ") and its legal basis; it ends on " +
		x.ValidUntil.Format("2006-01-02") + " at the latest."
}
