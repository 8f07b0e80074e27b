package http

import (
	"net/http"
	"time"

	"trex"
)

// RecordReader gives a border node's copy of a restriction, or nil when
// the node does not hold it (border.Node implements it).
type RecordReader interface {
	Restriction(id string) *trex.Restriction
}

// referralRecord is a restriction's record as a supervisor resolving a
// referral sees it: the person as the record describes them, and what
// the restriction is.
type referralRecord struct {
	RestrictionID string       `json:"restriction_id"`
	Held          bool         `json:"held"` // false: the node no longer holds it (purged)
	Kind          string       `json:"kind,omitempty"`
	Authority     string       `json:"authority,omitempty"`
	LegalBasis    string       `json:"legal_basis,omitempty"`
	Status        trex.Status  `json:"status,omitempty"`
	ValidFrom     time.Time    `json:"valid_from,omitzero"`
	ValidUntil    time.Time    `json:"valid_until,omitzero"`
	Person        *trex.Person `json:"person,omitempty"`
}

// referralEvidence is one open referral and the records it names: what a
// supervisor needs beside the traveller's document to confirm or dismiss.
type referralEvidence struct {
	Referral    referral            `json:"referral"`
	Records     []referralRecord    `json:"records"`
	ReasonCodes map[string][]string `json:"reason_codes"`
}

// maxOpenReferralScan bounds the queue read to find one referral.
const maxOpenReferralScan = 1000

// handleReferral shows a supervisor one open referral with the records of
// the restrictions it matched, as the node holds them. Only a referral
// still waiting in the queue can be opened (404 otherwise).
func (s *Server) handleReferral(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	recs, err := s.CheckLog.OpenReferrals(r.Context(), maxOpenReferralScan)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	now := s.Now()
	for _, rec := range recs {
		if rec.ID != id {
			continue
		}
		ev := referralEvidence{ReasonCodes: trex.ResolutionCodes, Records: make([]referralRecord, 0, len(rec.RestrictionIDs)),
			Referral: referral{CheckID: rec.ID, At: rec.At, AgeSeconds: int64(max(now.Sub(rec.At), 0) / time.Second),
				Decision: rec.Verdict, RestrictionIDs: rec.RestrictionIDs, Document: rec.Document, Officer: rec.Officer}}
		for _, rid := range rec.RestrictionIDs {
			rr := referralRecord{RestrictionID: rid}
			if x := s.Records.Restriction(rid); x != nil {
				p := x.Person
				rr = referralRecord{RestrictionID: rid, Held: true, Kind: x.Kind, Authority: x.Authority, LegalBasis: x.LegalBasis,
					Status: x.StatusAt(now), ValidFrom: x.ValidFrom, ValidUntil: x.ValidUntil, Person: &p}
			}
			ev.Records = append(ev.Records, rr)
		}
		if err := s.recordReferralOpened(r, rec.ID, rec.Verdict, ev.Records); err != nil {
			s.problem(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, ev)
		return
	}
	s.problem(w, r, trex.Errorf(trex.ENOTFOUND, "referral %s: no open referral with this check id (resolved, or never referred)", id))
}
