package http

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"trex"
)

// deliveryReport is GET /v1/restrictions/{id}/delivery: where each border
// node that has sent a receipt stands with the restriction, and the
// changes that have not left the registry.
type deliveryReport struct {
	RestrictionID string      `json:"restriction_id"`
	Version       int64       `json:"version"` // the registry's current version
	Status        trex.Status `json:"status"`  // its status now
	// Nodes are the border nodes that have applied some version, by name:
	// the newest version each applied, and whether that is the current
	// one. A node that never sent a receipt is not listed: the registry
	// knows nodes only by their receipts.
	Nodes       []nodeDelivery     `json:"nodes"`
	Undelivered []trex.Undelivered `json:"undelivered"`
}

// nodeDelivery is one border node's newest receipt for a restriction.
type nodeDelivery struct {
	Node      string      `json:"node"`
	Version   int64       `json:"version"`
	Status    trex.Status `json:"status"` // the status that version carried
	AppliedAt time.Time   `json:"applied_at"`
	Current   bool        `json:"current"` // the node holds the registry's current version
}

// deliveryOf reduces receipts to each node's newest, ordered by node name.
func deliveryOf(rs *trex.Restriction, receipts []trex.Receipt) []nodeDelivery {
	newest := map[string]trex.Receipt{}
	for _, rc := range receipts {
		if old, ok := newest[rc.Node]; !ok || rc.Version > old.Version {
			newest[rc.Node] = rc
		}
	}
	out := make([]nodeDelivery, 0, len(newest))
	for _, rc := range newest {
		out = append(out, nodeDelivery{Node: rc.Node, Version: rc.Version, Status: rc.Status, AppliedAt: rc.AppliedAt, Current: rc.Version >= rs.Version})
	}
	slices.SortFunc(out, func(a, b nodeDelivery) int { return cmp.Compare(a.Node, b.Node) })
	return out
}

// handleDelivery tells the issuing authority where its restriction is in
// force. It shows nothing of the person, so it is not a read of their
// record and is not entered in their access log.
func (s *Server) handleDelivery(w http.ResponseWriter, r *http.Request) {
	rs, err := s.ownRestriction(r)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	receipts, err := s.Registry.Receipts(r.Context(), rs.ID)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	rep := deliveryReport{RestrictionID: rs.ID, Version: rs.Version, Status: rs.StatusAt(s.Now()), Nodes: deliveryOf(rs, receipts), Undelivered: []trex.Undelivered{}}
	if s.Outbox != nil {
		u, err := s.Outbox.UndeliveredChanges(r.Context(), rs.ID)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		if u != nil {
			rep.Undelivered = u
		}
	}
	writeJSON(w, http.StatusOK, rep)
}
