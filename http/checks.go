package http

import (
	"encoding/json"
	"net/http"
	"time"

	"trex"
	"trex/ftm"
)

// checkRequest is the body of POST /v1/checks.
type checkRequest struct {
	Traveller json.RawMessage `json:"traveller"` // a FollowTheMoney Person entity
}

// checkResponse is the decision as the API shows it.
type checkResponse struct {
	Decision trex.Verdict `json:"decision"`
	Matches  []trex.Match `json:"matches"`
	DataAsOf time.Time    `json:"data_as_of"`
}

func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	var req checkRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	if len(req.Traveller) == 0 || string(req.Traveller) == "null" {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "traveller: required; send a FollowTheMoney Person entity"))
		return
	}
	_, person, err := ftm.Decode(req.Traveller, ftm.Options{Strict: true})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.Checks.Check(r.Context(), person)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, checkResponse{Decision: d.Verdict, Matches: d.Matches, DataAsOf: d.DataAsOf})
}
