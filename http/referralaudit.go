package http

import (
	"net/http"

	"trex"
	"trex/audit"
)

// recordReferralOpened writes to the node's audit log that the calling
// supervisor opened referral checkID and was shown the node's records of
// the restrictions it holds among shown: who (token id and role), which
// referral, its decision and the restriction ids, never the person's
// details. A referral whose opening cannot be recorded is not shown.
//
// It goes to the audit log only, not to the person's access log: the
// person's access log learns of a node's looks from the node's signed
// check reports, one per matched check, and the check this referral comes
// from is already reported there for every restriction shown (the same
// node, the same check, the same restrictions). A separate "opened"
// event would need a new kind of signed report and of access event at
// the registry, and would tell the person nothing the check's entry does
// not; the audit log keeps who opened it, for the auditors.
func (s *Server) recordReferralOpened(r *http.Request, checkID string, decision trex.Verdict, shown []referralRecord) error {
	e := &audit.Entry{Type: audit.TypeReferralOpened, CheckID: checkID, Decision: string(decision)}
	for _, rr := range shown {
		if rr.Held {
			e.Shown = append(e.Shown, rr.RestrictionID)
		}
	}
	_, err := s.record(r, e)
	return err
}
