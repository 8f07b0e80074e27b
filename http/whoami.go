package http

import (
	"net/http"

	"trex"
)

// whoAmI is who the caller's token says they are: what a console shows
// after sign-in and which console it opens. It carries no secret.
type whoAmI struct {
	TokenID   string    `json:"token_id"`
	Role      trex.Role `json:"role"`
	Authority string    `json:"authority,omitempty"`
	Name      string    `json:"name,omitempty"`
	Node      string    `json:"node,omitempty"` // the border node answering, if any
}

// handleWhoAmI answers GET /v1/whoami: the caller's role, authority and
// token name, for any valid token.
func (s *Server) handleWhoAmI(w http.ResponseWriter, r *http.Request) {
	p := trex.PrincipalFromContext(r.Context())
	writeJSON(w, http.StatusOK, whoAmI{TokenID: p.TokenID, Role: p.Role, Authority: p.Authority, Name: p.Name, Node: s.Node})
}
