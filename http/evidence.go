package http

import (
	"strings"

	"trex"
)

// visibleMatches is what the caller may see of the matches of a check: a
// supervisor, who resolves referrals, sees everything; so does anyone for a
// hit that a document identifier confirms. For every other match the
// answer says how each field agrees (field, outcome, weight) and nothing
// of the record's values: the evidence's record and detail are dropped and
// the reasons are rewritten from the outcomes alone, so that a check
// cannot be used to read the register.
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
		out[i] = neutralMatch(m)
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

// neutralMatch keeps of m the restriction, the verdict, the score and, per
// field, how it agrees.
func neutralMatch(m trex.Match) trex.Match {
	n := trex.Match{RestrictionID: m.RestrictionID, Verdict: m.Verdict, Score: m.Score,
		Reasons: make([]string, 0, len(m.Evidence)+1), Evidence: make([]trex.Evidence, 0, len(m.Evidence))}
	for _, e := range m.Evidence {
		n.Evidence = append(n.Evidence, trex.Evidence{Field: e.Field, Outcome: e.Outcome, Weight: e.Weight})
		n.Reasons = append(n.Reasons, neutralReason(e))
	}
	switch m.Verdict {
	case trex.Hit:
		n.Reasons = append(n.Reasons, "Hit: the identifier, the name and the birth date all agree.")
	default:
		n.Reasons = append(n.Reasons, "Refer: a supervisor sees the record's values when resolving the check.")
	}
	return n
}

// outcomeText says in words how a field agrees; it names no value.
var outcomeText = map[string]string{
	"exact":           "identical",
	"transliteration": "the same, in another romanisation",
	"variant":         "a romanisation variant",
	"typo":            "a likely typing or reading error",
	"truncated":       "cut short, as in a machine-readable zone",
	"initial":         "an initial",
	"joined":          "written as one word on one side",
	"gender":          "the other gender's form: a relative, not the person",
	"mismatch":        "does not agree",
	"absent":          "missing on one side",
	"partial":         "agrees as far as both are known",
	"near":            "differs by a typical entry error; check it",
	"swapped":         "surname and given name in each other's place",
	"conflict":        "name parts without a counterpart",
	"common":          "common in the register, so the birth date counts for less",
}

// neutralReason renders one field's outcome as a sentence.
func neutralReason(e trex.Evidence) string {
	field := strings.ReplaceAll(e.Field, "_", " ")
	if field != "" {
		field = strings.ToUpper(field[:1]) + field[1:]
	}
	text, ok := outcomeText[e.Outcome]
	if !ok {
		text = strings.ReplaceAll(e.Outcome, "_", " ")
	}
	return field + ": " + text + "."
}
