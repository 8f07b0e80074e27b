package http

import "trex"

// visibleMatches is what the caller may see of the matches of a check: a
// supervisor, who resolves referrals, sees everything; so does anyone for a
// hit that a document identifier confirms. For every other match the
// answer says how each field agrees (the matcher's reasons and details
// name fields and outcomes, never the record's values) and the record's
// values themselves (Evidence.Record) are dropped, so that a check cannot
// be used to read the register.
func visibleMatches(p *trex.Principal, ms []trex.Match) []trex.Match {
	if p != nil && p.Role == trex.RoleSupervisor {
		return ms
	}
	out := make([]trex.Match, len(ms))
	for i, m := range ms {
		if confirmedByDocument(m) {
			out[i] = m
			continue
		}
		out[i] = withoutRecord(m)
	}
	return out
}

// confirmedByDocument reports whether m is a hit on an identifier of the
// traveller's document.
func confirmedByDocument(m trex.Match) bool {
	if m.Verdict != trex.Hit {
		return false
	}
	for _, e := range m.Evidence {
		if e.Field == "document" && e.Outcome == "exact" {
			return true
		}
	}
	return false
}

// withoutRecord is m with the record's values taken out of its evidence.
func withoutRecord(m trex.Match) trex.Match {
	ev := make([]trex.Evidence, len(m.Evidence))
	for i, e := range m.Evidence {
		e.Record = ""
		ev[i] = e
	}
	m.Evidence = ev
	return m
}
