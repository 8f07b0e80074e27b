package http

import (
	"net/http"

	"trex"
)

// handleReady answers GET /readyz: 200 {"status":"ready"} when the
// process can do its job now, else a 503 problem saying why (a registry
// whose changes are not leaving, a border node whose data is stale).
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if s.Ready != nil {
		if err := s.Ready(r.Context()); err != nil {
			if trex.ErrorCode(err) != trex.EUNAVAILABLE {
				err = trex.Errorf(trex.EUNAVAILABLE, "not ready: %s", trex.ErrorMessage(err))
			}
			s.problem(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}
