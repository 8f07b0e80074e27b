package http

import (
	"net/http"

	"trex"
)

// checkReportsAnswer is GET /v1/audit/check-reports.
type checkReportsAnswer struct {
	// Nodes counts, per border node, the matched checks it reported and
	// the restrictions they matched.
	Nodes map[string]trex.ReportedCheckCount `json:"nodes"`
	// Note says what the counts leave out.
	Note string `json:"note"`
}

// checkReportsNote is what the registry's counts cannot show.
const checkReportsNote = "only checks that matched someone (refer or hit) are reported to the registry, from the border nodes' signed check reports; clears, and whether a match was a refer or a hit, are counted only at each node (GET /v1/audit/check-counts there)"

// handleCheckReports tells an auditor, at the registry, how many matched
// checks each border node has reported, and how many restrictions those
// matched: the part of the nodes' work the registry knows of.
func (s *Server) handleCheckReports(w http.ResponseWriter, r *http.Request) {
	counts, err := s.Access.(trex.ReportedChecks).ReportedCheckCounts(r.Context())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, checkReportsAnswer{Nodes: counts, Note: checkReportsNote})
}
