package http

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"trex"
	"trex/ftm"
)

// createRestrictionRequest is the body of POST /v1/restrictions.
type createRestrictionRequest struct {
	Person     json.RawMessage `json:"person"` // a FollowTheMoney Person entity
	Kind       string          `json:"kind"`
	LegalBasis string          `json:"legal_basis"`
	ValidFrom  string          `json:"valid_from"`
	ValidUntil string          `json:"valid_until"`
}

// restrictionResponse is what the API shows of a restriction.
type restrictionResponse struct {
	ID         string         `json:"id"`
	Version    int64          `json:"version"`
	Status     trex.Status    `json:"status"`
	Kind       string         `json:"kind,omitempty"`
	LegalBasis string         `json:"legal_basis,omitempty"`
	Authority  string         `json:"authority,omitempty"`
	ValidFrom  *time.Time     `json:"valid_from,omitempty"`
	ValidUntil *time.Time     `json:"valid_until,omitempty"`
	LiftReason string         `json:"lift_reason,omitempty"`
	Person     *ftm.Entity    `json:"person,omitempty"`
	Receipts   []trex.Receipt `json:"receipts,omitempty"`
	// Undelivered are the changes the exchange has not accepted yet: a
	// lift listed here has not reached any border node.
	Undelivered []trex.Undelivered `json:"undelivered,omitempty"`
	UpdatedAt   *time.Time         `json:"updated_at,omitempty"`
}

// summary shows r with the status it has at now (scheduled before its
// valid_from).
func summary(r *trex.Restriction, now time.Time) restrictionResponse {
	return restrictionResponse{ID: r.ID, Version: r.Version, Status: r.StatusAt(now)}
}

func detail(r *trex.Restriction, receipts []trex.Receipt, now time.Time) restrictionResponse {
	e := ftm.FromPerson("", r.Person)
	return restrictionResponse{
		ID: r.ID, Version: r.Version, Status: r.StatusAt(now), Kind: r.Kind, LegalBasis: r.LegalBasis,
		Authority: r.Authority, ValidFrom: &r.ValidFrom, ValidUntil: &r.ValidUntil, LiftReason: r.LiftReason,
		Person: &e, Receipts: receipts, UpdatedAt: &r.UpdatedAt,
	}
}

// newRestriction reads a create request into the restriction authority
// would place: the one reading of a request, for single creates and for
// every row of a bulk import. It checks the form of the fields; the
// registry validates the restriction itself.
func newRestriction(req createRestrictionRequest, authority string) (*trex.Restriction, error) {
	if len(req.Person) == 0 || string(req.Person) == "null" {
		return nil, trex.Errorf(trex.EINVALID, "person: required; send a FollowTheMoney Person entity")
	}
	_, person, err := ftm.Decode(req.Person, ftm.Options{Strict: true})
	if err != nil {
		return nil, err
	}
	from, err := parseTime("valid_from", req.ValidFrom, false)
	if err != nil {
		return nil, err
	}
	until, err := parseTime("valid_until", req.ValidUntil, true)
	if err != nil {
		return nil, err
	}
	return &trex.Restriction{
		Person: person, Kind: strings.TrimSpace(req.Kind), LegalBasis: strings.TrimSpace(req.LegalBasis),
		Authority: authority, ValidFrom: from, ValidUntil: until,
	}, nil
}

func (s *Server) handleCreateRestriction(w http.ResponseWriter, r *http.Request) {
	var req createRestrictionRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	rs, err := newRestriction(req, trex.PrincipalFromContext(r.Context()).Authority)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.Registry.CreateRestriction(r.Context(), rs); err != nil {
		s.problem(w, r, err)
		return
	}
	w.Header().Set("Location", "/v1/restrictions/"+rs.ID)
	writeJSON(w, http.StatusCreated, summary(rs, s.Now()))
}

// ownRestriction loads the restriction named in the path if the caller may
// see it; others' restrictions are reported as not found.
func (s *Server) ownRestriction(r *http.Request) (*trex.Restriction, error) {
	id := r.PathValue("id")
	rs, err := s.Registry.FindRestriction(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !ownsRestriction(trex.PrincipalFromContext(r.Context()), rs) {
		return nil, trex.Errorf(trex.ENOTFOUND, "restriction %q not found", id)
	}
	return rs, nil
}

func (s *Server) handleGetRestriction(w http.ResponseWriter, r *http.Request) {
	exempt, ground, err := s.accessExempt(r)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	rs, err := s.ownRestriction(r)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.recordRead(r, rs, exempt, ground); err != nil {
		s.problem(w, r, err)
		return
	}
	receipts, err := s.Registry.Receipts(r.Context(), rs.ID)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	resp := detail(rs, receipts, s.Now())
	if s.Outbox != nil {
		if resp.Undelivered, err = s.Outbox.UndeliveredChanges(r.Context(), rs.ID); err != nil {
			s.problem(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

type liftRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) handleLiftRestriction(w http.ResponseWriter, r *http.Request) {
	var req liftRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	if _, err := s.ownRestriction(r); err != nil {
		s.problem(w, r, err)
		return
	}
	rs, err := s.Registry.LiftRestriction(r.Context(), r.PathValue("id"), strings.TrimSpace(req.Reason))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, summary(rs, s.Now()))
}
