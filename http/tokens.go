package http

import (
	"net/http"
	"time"

	"trex"
	"trex/audit"
)

type createTokenRequest struct {
	Role      string `json:"role"`
	Authority string `json:"authority,omitempty"`
	Subject   string `json:"subject,omitempty"`
	Name      string `json:"name,omitempty"`
	TTL       string `json:"ttl,omitempty"` // Go duration, default 720h
}

// handleCreateToken lets an admin issue a token; the secret is shown once.
func (s *Server) handleCreateToken(w http.ResponseWriter, r *http.Request) {
	var req createTokenRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	role, err := trex.ParseRole(req.Role)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if role == trex.RoleIssuer && s.KnownAuthority != nil {
		if err := s.KnownAuthority(req.Authority); err != nil {
			s.problem(w, r, err)
			return
		}
	}
	ttl := 30 * 24 * time.Hour
	if req.TTL != "" {
		if ttl, err = time.ParseDuration(req.TTL); err != nil || ttl <= 0 || ttl > 366*24*time.Hour {
			s.problem(w, r, trex.Errorf(trex.EINVALID, "ttl %q: want a duration such as 720h, at most a year", req.TTL))
			return
		}
	}
	t := &trex.Token{Role: role, Authority: req.Authority, Subject: req.Subject, Name: req.Name, ExpiresAt: s.Now().Add(ttl)}
	secret, err := s.Tokens.CreateToken(r.Context(), t)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if _, err := s.record(r, &audit.Entry{Type: audit.TypeTokenIssued, Token: t.ID, Authority: t.Authority, Kind: string(t.Role)}); err != nil {
		// A token the log does not know of must not work.
		if rerr := s.Tokens.RevokeToken(r.Context(), t.ID); rerr != nil {
			s.Log.Error("revoke unrecorded token", "id", t.ID, "err", rerr)
		}
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"token": secret, "id": t.ID, "role": t.Role, "authority": t.Authority, "expires_at": t.ExpiresAt})
}

// handleListTokens lists tokens without their secrets.
func (s *Server) handleListTokens(w http.ResponseWriter, r *http.Request) {
	ts, err := s.Tokens.ListTokens(r.Context())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if ts == nil {
		ts = []trex.Token{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"tokens": ts})
}

// handleRevokeToken revokes a token at once.
func (s *Server) handleRevokeToken(w http.ResponseWriter, r *http.Request) {
	if err := s.Tokens.RevokeToken(r.Context(), r.PathValue("id")); err != nil {
		s.problem(w, r, err)
		return
	}
	if _, err := s.record(r, &audit.Entry{Type: audit.TypeTokenRevoked, Token: r.PathValue("id")}); err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": r.PathValue("id"), "revoked": true})
}
