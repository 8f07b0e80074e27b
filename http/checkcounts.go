package http

import (
	"net/http"
	"time"

	"trex"
)

// maxCountedChecks bounds the checks one count reads, so that an
// auditor's question cannot keep the node's store busy without end; a
// count that stops there says so (Truncated) and where to go on from.
const maxCountedChecks = 200_000

// checkCounts is GET /v1/audit/check-counts: how many checks each node
// decided, by decision, from the node's check log (which a border node and
// the demo keep; a registry learns only of checks that matched, so it does
// not serve this).
type checkCounts struct {
	Since time.Time `json:"since"`
	// Counts maps node → decision (clear, refer, hit) → checks.
	Counts map[string]map[trex.Verdict]int64 `json:"counts"`
	// Resolved maps node → resolution (confirmed, dismissed) → checks a
	// supervisor resolved; Open counts referred or hit checks not yet
	// resolved, by node.
	Resolved map[string]map[string]int64 `json:"resolved"`
	Open     map[string]int64            `json:"open"`
	Total    int64                       `json:"total"`
	// Truncated is true when the count stopped at its bound; NextSince is
	// where to ask again to count the rest.
	Truncated bool      `json:"truncated"`
	NextSince time.Time `json:"next_since,omitzero"`
}

// countChecks reads the check log from since in pages and counts, never
// reading more than maxCountedChecks records.
func countChecks(r *http.Request, log trex.CheckLog, since time.Time) (checkCounts, error) {
	out := checkCounts{Since: since, Counts: map[string]map[trex.Verdict]int64{}, Resolved: map[string]map[string]int64{}, Open: map[string]int64{}}
	const page = 1000
	cursor, lastID, read := since, "", 0
	limit := page
	for read < maxCountedChecks {
		recs, err := log.ChecksSince(r.Context(), cursor, limit)
		if err != nil {
			return out, err
		}
		fresh := 0
		for _, rec := range recs {
			// The log is ordered by (time, id) and a page starts at the
			// last time seen: skip what the previous page counted.
			if rec.At.Equal(cursor) && lastID != "" && rec.ID <= lastID {
				continue
			}
			fresh++
			read++
			if out.Counts[rec.Node] == nil {
				out.Counts[rec.Node] = map[trex.Verdict]int64{}
			}
			out.Counts[rec.Node][rec.Verdict]++
			out.Total++
			switch {
			case rec.Resolution != "":
				if out.Resolved[rec.Node] == nil {
					out.Resolved[rec.Node] = map[string]int64{}
				}
				out.Resolved[rec.Node][rec.Resolution]++
			case rec.Verdict != trex.Clear:
				out.Open[rec.Node]++
			}
			cursor, lastID = rec.At, rec.ID
		}
		if len(recs) < limit {
			return out, nil
		}
		if fresh == 0 {
			// A whole page at one instant, all counted: read a bigger one.
			if limit *= 2; limit > maxCountedChecks {
				break
			}
			continue
		}
		limit = page
	}
	out.Truncated, out.NextSince = true, cursor
	return out, nil
}

// handleCheckCounts tells an auditor how many checks each node decided,
// by decision, since a time (default: all). It names no person and no
// officer.
func (s *Server) handleCheckCounts(w http.ResponseWriter, r *http.Request) {
	since, err := parseTime("since", r.URL.Query().Get("since"), false)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out, err := countChecks(r, s.CheckLog, since)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
