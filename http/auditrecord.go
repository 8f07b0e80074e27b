package http

import (
	"net/http"

	"trex"
	"trex/audit"
)

// record appends e to the node's audit log (when there is one), as done by
// the caller of r. An action that cannot be recorded is not answered.
func (s *Server) record(r *http.Request, e *audit.Entry) (audit.Receipt, error) {
	if s.Audit == nil {
		return audit.Receipt{}, nil
	}
	if p := trex.PrincipalFromContext(r.Context()); p != nil && e.Actor == "" {
		e.Actor, e.Role = p.TokenID, string(p.Role)
	}
	e.Node = s.Node
	rc, err := s.Audit.Append(r.Context(), e)
	if err != nil {
		s.Log.Error("audit log: not recorded", "type", e.Type, "err", err)
		return rc, trex.Errorf(trex.EUNAVAILABLE, "the audit log cannot record this now; try again")
	}
	return rc, nil
}

// checkEntries are the audit entries of logged decisions (nil ones
// skipped): who checked, which document kind was read and a keyed hash of
// its number, the decision, and the matched restrictions with their scores.
func (s *Server) checkEntries(r *http.Request, ds []*trex.Decision, travellers []trex.Person, source, reason string, body []byte) []*audit.Entry {
	p := trex.PrincipalFromContext(r.Context())
	req := audit.RequestHash(body)
	var out []*audit.Entry
	for i, d := range ds {
		if d == nil {
			continue
		}
		e := &audit.Entry{Type: audit.TypeCheck, Node: s.Node, CheckID: d.CheckID, Request: req, Document: source,
			Decision: string(d.Verdict), ReasonHash: audit.TextHash(reason)}
		if p != nil {
			e.Actor, e.Role = p.TokenID, string(p.Role)
		}
		if i < len(travellers) {
			for _, doc := range travellers[i].Documents {
				if n := trex.NormalizeDocumentNumber(doc.Number); n != "" {
					e.DocumentHash = s.Audit.HashIdentifier(n)
					break
				}
			}
		}
		for _, m := range d.Matches {
			e.Matches = append(e.Matches, audit.Match{RestrictionID: m.RestrictionID, Score: m.Score})
		}
		out = append(out, e)
	}
	return out
}
