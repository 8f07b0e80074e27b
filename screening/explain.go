package screening

import (
	"fmt"
	"strings"

	"trex"
	"trex/romanize"
)

// explain turns a scored candidate into a match with human reasons and
// per-field evidence. Reasons and Evidence.Detail say how each field
// agrees without quoting the record (its names, patronymic, birth date or
// identifiers), so that checks cannot harvest the register; the record's
// value goes to Evidence.Record, which only a supervisor sees.
func (x *Index) explain(q *query, s scored) trex.Match {
	rec := &x.records[s.id]
	w := &x.Weights
	m := trex.Match{RestrictionID: rec.key, Verdict: s.verdict, Score: x.matchScore(s),
		Reasons: make([]string, 0, 8), Evidence: make([]trex.Evidence, 0, 8)}
	add := func(field, outcome string, weight float64, detail, record string) {
		m.Evidence = append(m.Evidence, trex.Evidence{Field: field, Outcome: outcome, Weight: round2(weight), Detail: detail, Record: record})
	}
	reason := func(format string, args ...any) { m.Reasons = append(m.Reasons, fmt.Sprintf(format, args...)) }
	say := func(sentence string) { m.Reasons = append(m.Reasons, sentence) }

	if s.idMatch != "" {
		add("document", "exact", w.Identifier, "a document or ID number on the travel document is the record's", s.idMatch)
		say("A document or ID number on the travel document belongs to this person.")
	}
	switch s.doc {
	case docOther:
		add("document", "other", 0, "the travel document is not one the record holds: a renewed or second passport, or another person", "")
		say("The travel document is not one the record holds; if this is the person, it is a document the register does not know.")
	case docKeyed:
		add("document", "near", 0, "the document number differs from one the record holds by one keying error", "")
		say("The document number differs from one the record holds by one keying error: check the register's entry.")
	}
	x.explainNames(s, add, reason, say)

	// Birth date.
	recDate := describeDate(rec.dob)
	switch s.date {
	case dateExact:
		add("birth_date", "exact", w.DateExact, "the same date", recDate)
		say("Birth date is the same.")
	case datePartial:
		how := partialAgreement(q.dob, rec.dob)
		add("birth_date", "partial", w.DatePartial, how, recDate)
		reason("Birth date agrees as far as both are known (%s).", how)
	case dateNear:
		add("birth_date", "near", w.DateNear, "differs by a typical entry error: "+s.dateWhy, recDate)
		reason("Birth date differs from the record's by a typical entry error (%s); check it.", s.dateWhy)
	}
	if s.chance > 0 || s.date == dateNear || s.date == datePartial {
		outcome := "rare"
		limit := x.chanceLimit()
		if s.chance > limit/10 {
			outcome = "common"
		}
		// The estimate counts the register's namesakes: like a record's
		// value, it goes where only a supervisor sees it.
		add("name_frequency", outcome, 0, "how many records the register is expected to hold that agree this well by chance",
			fmt.Sprintf("%.2g expected; limit for a near or partial date %.2g", s.chance, limit))
		if outcome == "common" && (s.date == dateNear || s.date == datePartial) {
			reason("The name is common in the register: namesakes born on such a date are expected by chance, so the date counts for less.")
		}
	}
	switch s.date {
	case dateUnknown:
		add("birth_date", "absent", 0, "unknown on one side", recDate)
		reason("Birth date is unknown on one side; the name alone cannot settle it.")
	case dateDifferent:
		add("birth_date", "mismatch", w.DateDifferent, "differs by more than a typical entry error", recDate)
		reason("Birth date differs from the record's.")
	}
	if q.sex != trex.SexUnknown && rec.sex != trex.SexUnknown {
		if s.sexBad {
			add("sex", "mismatch", w.SexDisagree, "differs", string(rec.sex))
			reason("Sex differs from the record's.")
		} else {
			add("sex", "exact", w.SexAgree, "the same", string(rec.sex))
		}
	}
	if s.natBad {
		add("nationality", "mismatch", w.NationalityDisagree, "no nationality in common", rec.nat)
		reason("Nationality differs from the record's.")
	}

	// The decision itself.
	switch {
	case s.verdict == trex.Hit:
		say("Hit: the identifier, the name and the birth date all agree.")
	case s.idMatch != "":
		var why []string
		if !s.name.agree {
			why = append(why, "the name does not agree")
		}
		if s.date != dateExact && s.date != datePartial {
			why = append(why, "the birth date does not agree")
		}
		if s.sexBad {
			why = append(why, "the sex differs")
		}
		reason("Refer, not hit: the identifier matches but %s; the document may be misused or the record mistaken.", strings.Join(why, " and "))
	case s.date == dateUnknown:
		say("Refer: the name makes this person probable; the birth date is unknown on one side and no identifier on the travel document confirms it.")
	default:
		say("Refer: name and birth date make this person probable, but no identifier on the travel document confirms it.")
	}
	return m
}

// explainNames adds the evidence and reasons of the name comparison.
func (x *Index) explainNames(s scored, add func(field, outcome string, weight float64, detail, record string),
	reason func(format string, args ...any), say func(string)) {
	w := &x.Weights
	n := s.name
	fieldOf := func(role uint8, first bool) string {
		switch role {
		case roleSurname:
			return "surname"
		case roleGiven:
			if first {
				return "given"
			}
			return "other_given"
		case rolePatronymic:
			return "patronymic"
		}
		return "name"
	}
	firstGiven := true
	for j := 0; j < n.nr; j++ {
		rt := x.tokens.toks[n.rTok[j]]
		record := recordForm(rt)
		role := n.rRole[j]
		field := fieldOf(role, firstGiven)
		if role == roleGiven {
			firstGiven = false
		}
		label := fieldLabel(field)
		i := n.qOf[j]
		if i < 0 {
			switch {
			case int8(j) == n.genderOf:
				add(field, outGender.String(), w.GenderForm, "the other gender's form of the record's surname", record)
				say("Surname is the other gender's form of the record's: a different person (a relative).")
			case role == rolePatronymic:
				add(field, "absent", 0, "patronymic not on the travel document", record)
				if n.contradicts >= 0 {
					add(field, "mismatch", w.ContradictingPatronymic, "the traveller's patronymic differs from the record's", record)
					say("Patronymic differs from the record's.")
				} else {
					say("The record's patronymic is not on the travel document (usual for passports).")
				}
			case role == roleSurname && n.partContradicted && n.surnamePartMatched():
				add(field, "mismatch", w.MissingSurname, "one part of the record's compound surname has another in its place on the travel document", record)
				say("One part of the record's compound surname has another in its place on the travel document.")
			case role == roleSurname && n.surnamePartMatched():
				add(field, "absent", compoundPartMissing, "one part of the record's compound surname is not on the travel document", record)
				say("One part of the record's compound surname is not on the travel document.")
			case role == roleSurname:
				add(field, "mismatch", w.MissingSurname, "the record's surname has no counterpart in the traveller's name", record)
				say("The record's surname has no counterpart in the traveller's name.")
			case role == roleGiven && field == "given" && n.givenAbsent:
				add(field, "absent", w.AbsentGiven, "the travel document carries no given name", record)
				say("The travel document carries no given name.")
			case role == roleGiven && field == "given":
				add(field, "mismatch", w.MissingGiven, "the record's given name has no counterpart in the traveller's name", record)
				say("The record's given name has no counterpart in the traveller's name.")
			default:
				add(field, "absent", 0, strings.ToLower(label)+" not on the travel document", record)
			}
			continue
		}
		c := n.cm[j]
		add(field, c.out.String(), weightOf(w, role, field, c), tokenAgreement(c), record)
		switch c.out {
		case outExact:
			say(label + " is identical.")
		case outTranslit:
			if c.travellerSide {
				reason("%s, rendered under %s, is the record's.", label, c.system)
			} else {
				reason("%s is the %s rendering of the record's.", label, c.system)
			}
		case outVariant:
			if c.system != romanize.Native {
				reason("%s agrees with the record's (%s).", label, c.system)
				break
			}
			reason("%s is another romanisation of the record's (the same name under a different system).", label)
		case outTypo:
			reason("%s is a likely typing or reading error for the record's, similarity %.2f.", label, c.sim)
		case outTruncated:
			reason("%s is the record's cut short, as in a full machine-readable zone.", label)
		case outInitial:
			reason("%s is the initial of the record's.", label)
		case outJoined:
			reason("%s and the next part of the record's name are written as one word on one side.", label)
		}
	}
	if n.swapped {
		add("name_order", "swapped", w.Swapped, "surname and given name in each other's place", "")
		reason("Surname and given name are in each other's place on the travel document.")
	}
	if n.conflicts > 0 {
		add("name", "conflict", w.Conflict*float64(n.conflicts), fmt.Sprintf("%d name part(s) on each side without a counterpart", n.conflicts), "")
		reason("%d name part(s) on each side have no counterpart on the other.", n.conflicts)
	}
}

// tokenAgreement says how a traveller's name token agrees with the
// record's, without quoting either.
func tokenAgreement(c cmp) string {
	switch c.out {
	case outExact:
		return "identical"
	case outTranslit:
		if c.travellerSide {
			return "the traveller's spelling rendered under " + c.system.String() + " is the record's"
		}
		return "the " + c.system.String() + " rendering of the record's"
	case outVariant:
		if c.system != romanize.Native {
			return "agrees with the record's (" + c.system.String() + ")"
		}
		return "another romanisation of the record's"
	case outTypo:
		return fmt.Sprintf("a likely typing or reading error, similarity %.2f", c.sim)
	case outTruncated:
		return "the record's cut short"
	case outInitial:
		return "the initial of the record's"
	case outJoined:
		return "two words of one side written as one on the other"
	}
	return c.out.String()
}

// recordForm is a record token as a supervisor reads it: as written, with
// its ICAO rendering when that differs.
func recordForm(t *tokenForms) string {
	if p := primaryForm(t); p != t.text {
		return t.text + " (" + p + ")"
	}
	return t.text
}

// partialAgreement says how far two birth dates that agree as far as both
// are known agree, without giving either.
func partialAgreement(q, r uint32) string {
	a, b := unpackDate(q), unpackDate(r)
	switch {
	case a.Month != 0 && b.Month != 0:
		return "the same year and month; the day is unknown on one side"
	default:
		return "the same year; the month is unknown on one side"
	}
}

// matchScore maps a candidate's score to 0..1. A shared identifier is
// weighed on its own too: a name and a birth date that disagree say the
// traveller may not be the person, not that the document is not the
// record's, so they cannot bring the match below what the document alone
// scores.
func (x *Index) matchScore(s scored) float64 {
	p := x.probability(s.total)
	if s.idMatch != "" {
		p = max(p, x.probability(x.Weights.Identifier))
	}
	return p
}

func weightOf(w *Weights, role uint8, field string, c cmp) float64 {
	switch role {
	case roleSurname:
		return w.Surname * c.strength()
	case roleGiven:
		if field == "given" {
			return w.Given * c.strength()
		}
		return w.OtherGiven * c.strength()
	case rolePatronymic:
		return w.Patronymic * c.strength()
	}
	return w.Unknown * c.strength()
}

func fieldLabel(field string) string {
	switch field {
	case "surname":
		return "Surname"
	case "given":
		return "Given name"
	case "other_given":
		return "Second given name"
	case "patronymic":
		return "Patronymic"
	}
	return "A name part"
}

// primaryForm is the ICAO rendering of a record token, for people who do
// not read its script.
func primaryForm(t *tokenForms) string {
	if len(t.forms) == 0 {
		return t.text
	}
	return t.forms[0]
}

func round2(v float64) float64 {
	if v >= 0 {
		return float64(int(v*100+0.5)) / 100
	}
	return -float64(int(-v*100+0.5)) / 100
}

// alpha3 maps ISO 3166-1 alpha-2 codes of the region to alpha-3, so that
// "RU" and "RUS" agree.
var alpha3 = map[string]string{
	"RU": "RUS", "UA": "UKR", "BY": "BLR", "KZ": "KAZ", "UZ": "UZB", "KG": "KGZ", "TJ": "TJK",
	"TM": "TKM", "AM": "ARM", "AZ": "AZE", "GE": "GEO", "MD": "MDA", "LV": "LVA", "LT": "LTU",
	"EE": "EST", "PL": "POL", "DE": "DEU", "FR": "FRA", "GB": "GBR", "US": "USA", "IL": "ISR",
	"TR": "TUR", "FI": "FIN", "RS": "SRB", "BG": "BGR", "GR": "GRC", "CN": "CHN", "MN": "MNG",
}

// sameCountry reports whether two country codes may name the same country.
// Codes it cannot relate (an alpha-2 and an alpha-3 code outside its table)
// count as the same, so that unknown codes never count against a match.
func sameCountry(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) == len(b) {
		return false
	}
	if len(a) == 3 {
		a, b = b, a
	}
	if v, ok := alpha3[a]; ok {
		return v == b
	}
	return true
}

var _ = romanize.ICAO
