package http

// consoleRoutes registers the endpoints the issuer's and auditor's
// consoles need beyond the single-restriction ones: bulk import, delivery
// per border node, and check counts.
func (s *Server) consoleRoutes() {
	if s.Registry != nil {
		s.route("POST /v1/imports", actionImportRestrictions, s.handleStartImport)
		s.route("GET /v1/imports/{id}", actionImportRestrictions, s.handleGetImport)
		s.route("GET /v1/restrictions/{id}/delivery", actionReadRestriction, s.handleDelivery)
	}
	if s.CheckLog != nil {
		s.route("GET /v1/audit/check-counts", actionAuditChecks, s.handleCheckCounts)
	}
}
