package http

import (
	"net/http"
	"slices"
	"strings"

	"trex"
	"trex/audit"
)

// HeaderAccessExempt is the request header with which an issuing authority
// keeps its read of a restriction from the person's access log, giving the
// legal ground (e.g. the provision on ongoing investigations). Only the
// authorities in Server.ExemptAuthorities may send it; the read is still
// stored, counted for the auditors (GET /v1/audit/access-exempt) and
// written to the audit log with a hash of the ground.
const HeaderAccessExempt = "Trex-Access-Exempt"

// accessExempt reads the exemption an issuer claims for this request:
// false without the header, an error when the header is empty, too long,
// or sent by an authority that may not keep reads from persons.
func (s *Server) accessExempt(r *http.Request) (exempt bool, ground string, err error) {
	vs, ok := r.Header[HeaderAccessExempt]
	if !ok {
		return false, "", nil
	}
	ground = strings.TrimSpace(strings.Join(vs, " "))
	if ground == "" {
		return false, "", trex.Errorf(trex.EINVALID, "%s: give the legal ground for keeping this read from the person", HeaderAccessExempt)
	}
	if len(ground) > maxReasonBytes {
		return false, "", trex.Errorf(trex.EINVALID, "%s: %d bytes; at most %d", HeaderAccessExempt, len(ground), maxReasonBytes)
	}
	p := trex.PrincipalFromContext(r.Context())
	if p == nil || p.Role != trex.RoleIssuer || !slices.Contains(s.ExemptAuthorities, p.Authority) {
		return false, "", trex.Errorf(trex.EFORBIDDEN, "%s: authority %q may not keep its reads from persons; only the authorities the registry names (trex serve --exempt-authorities) may", HeaderAccessExempt, authorityOf(p))
	}
	return true, ground, nil
}

func authorityOf(p *trex.Principal) string {
	if p == nil {
		return ""
	}
	return p.Authority
}

// recordRead records that the calling issuer read rs: in the person's
// access log (unless exempt) and in the audit log. A read that cannot be
// recorded is not answered.
func (s *Server) recordRead(r *http.Request, rs *trex.Restriction, exempt bool, ground string) error {
	p := trex.PrincipalFromContext(r.Context())
	if s.Access != nil {
		e := trex.AccessEvent{At: s.Now(), Who: p.Authority, WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead,
			RestrictionID: rs.ID, Exempt: exempt}
		if err := s.Access.RecordAccess(r.Context(), e); err != nil {
			s.Log.Error("access log: read not recorded", "restriction", rs.ID, "err", err)
			return trex.Errorf(trex.EUNAVAILABLE, "the access log cannot record this read now; try again")
		}
	}
	_, err := s.record(r, &audit.Entry{Type: audit.TypeRestrictionRead, RestrictionID: rs.ID, Authority: p.Authority,
		Exempt: exempt, ReasonHash: audit.TextHash(ground)})
	return err
}

// exemptReport is the auditors' view of looks kept from persons.
type exemptReport struct {
	// Exempt counts, per authority or border node, the looks at persons'
	// records kept from their access logs.
	Exempt map[string]int64 `json:"exempt"`
}

// handleAccessExempt tells an auditor how many looks each authority or
// border node has kept from persons' access logs.
func (s *Server) handleAccessExempt(w http.ResponseWriter, r *http.Request) {
	counts, err := s.Access.ExemptCounts(r.Context())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, exemptReport{Exempt: counts})
}
