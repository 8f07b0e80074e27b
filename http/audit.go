package http

import (
	"math"
	"net/http"
	"strconv"

	"trex"
	"trex/audit"
)

// auditRoutes serves the node's tamper-evident log (Server.Audit): its
// newest signed checkpoint, its entries, and inclusion and consistency
// proofs, so that an auditor can prove from the API alone that a check is
// in the log. The checkpoint and the proofs carry no personal data; a
// deployment that sets AuditPublic serves them without a token.
func (s *Server) auditRoutes() {
	if s.Audit == nil {
		return
	}
	public := func(pattern string, h http.HandlerFunc) {
		if s.AuditPublic {
			s.mux.HandleFunc(pattern, h)
			return
		}
		s.route(pattern, actionAuditLog, h)
	}
	public("GET "+audit.PathCheckpoint, s.handleAuditCheckpoint)
	s.route("GET "+audit.PathEntries, actionAuditLog, s.handleAuditEntries)
	public("GET "+audit.PathInclusion, s.handleAuditInclusion)
	public("GET "+audit.PathConsistency, s.handleAuditConsistency)
}

// handleAuditCheckpoint answers the newest signed checkpoint as a C2SP
// signed note. For an auditor it signs one first when the log has grown
// since; an anonymous caller (AuditPublic) gets the one the log signed on
// its own, at most audit.DefaultInterval old, so that it cannot make the
// node sign and store a checkpoint per request.
func (s *Server) handleAuditCheckpoint(w http.ResponseWriter, r *http.Request) {
	var msg []byte
	var err error
	if trex.PrincipalFromContext(r.Context()) != nil {
		msg, err = s.Audit.Checkpoint(r.Context())
	} else {
		msg = s.Audit.Latest()
	}
	if err != nil || msg == nil {
		s.problem(w, r, trex.Errorf(trex.EUNAVAILABLE, "audit checkpoint: not signed yet (%v); try again", err))
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(msg)
}

// handleAuditEntries answers entries [from, to), at most
// audit.MaxEntriesPage and no further than the log goes, each as the bytes
// the tree hashes.
func (s *Server) handleAuditEntries(w http.ResponseWriter, r *http.Request) {
	size := s.Audit.Size()
	from, err := queryInt(r, "from", 0, size)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	to, err := queryInt(r, "to", size, math.MaxInt64)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if to < from {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "to: %d is before from %d", to, from))
		return
	}
	to = min(to, from+audit.MaxEntriesPage, size)
	data, err := s.Audit.Entries(r.Context(), from, to)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	page := audit.EntriesPage{Entries: make([]audit.EntryJSON, len(data))}
	for i, d := range data {
		page.Entries[i] = audit.EntryJSON{Index: from + int64(i), Data: d}
	}
	writeJSON(w, http.StatusOK, page)
}

// handleAuditInclusion proves that entry index is in the tree of size
// entries (by default, the newest checkpoint's).
func (s *Server) handleAuditInclusion(w http.ResponseWriter, r *http.Request) {
	size, err := queryInt(r, "size", s.Audit.Size(), s.Audit.Size())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	index, err := queryInt(r, "index", -1, size-1)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if index < 0 {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "index: required, from 0 to %d", size-1))
		return
	}
	p, err := s.Audit.InclusionProof(r.Context(), index, size)
	if err != nil {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "inclusion proof: %v", err))
		return
	}
	root, err := s.Audit.RootAt(r.Context(), size)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, audit.InclusionJSON{Index: index, Size: size, Root: root[:], Proof: audit.HashBytes(p)})
}

// handleAuditConsistency proves that the tree of old entries is a prefix
// of the tree of new entries.
func (s *Server) handleAuditConsistency(w http.ResponseWriter, r *http.Request) {
	size := s.Audit.Size()
	newSize, err := queryInt(r, "new", size, size)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	old, err := queryInt(r, "old", -1, newSize)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if old < 1 {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "old: required, from 1 to %d", newSize))
		return
	}
	p, err := s.Audit.ConsistencyProof(r.Context(), old, newSize)
	if err != nil {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "consistency proof: %v", err))
		return
	}
	writeJSON(w, http.StatusOK, audit.ConsistencyJSON{Old: old, New: newSize, Proof: audit.HashBytes(p)})
}

// queryInt reads a non-negative integer query parameter no larger than
// max; absent, it is def.
func queryInt(r *http.Request, name string, def, max int64) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > max {
		return 0, trex.Errorf(trex.EINVALID, "%s: want a number from 0 to %d (the log's size)", name, max)
	}
	return n, nil
}
