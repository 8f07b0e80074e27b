package screening

import (
	"fmt"
	"strings"

	"trex"
	"trex/romanize"
)

// explain turns a scored candidate into a match with human reasons and
// per-field evidence.
func (x *Index) explain(q *query, s scored) trex.Match {
	rec := &x.records[s.id]
	w := &x.Weights
	m := trex.Match{RestrictionID: rec.key, Verdict: s.verdict, Score: x.probability(s.total),
		Reasons: make([]string, 0, 8), Evidence: make([]trex.Evidence, 0, 8)}
	add := func(field, outcome string, weight float64, detail string) {
		m.Evidence = append(m.Evidence, trex.Evidence{Field: field, Outcome: outcome, Weight: round2(weight), Detail: detail})
	}
	reason := func(format string, args ...any) { m.Reasons = append(m.Reasons, fmt.Sprintf(format, args...)) }
	say := func(sentence string) { m.Reasons = append(m.Reasons, sentence) }

	if s.idMatch != "" {
		add("document", "exact", w.Identifier, s.idMatch)
		say("Document or ID number " + s.idMatch + " on the travel document belongs to this person.")
	}

	// Names.
	n := s.name
	var qs []qtok
	if s.qname < len(q.names) {
		qs = q.names[s.qname]
	}
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
		role := n.rRole[j]
		field := fieldOf(role, firstGiven)
		if role == roleGiven {
			firstGiven = false
		}
		i := n.qOf[j]
		if i < 0 {
			switch {
			case int8(j) == n.genderOf:
				add(field, outGender.String(), w.GenderForm, rt.text)
				reason("Surname %s is the other gender's form of the record's %s: a different person (a relative).", genderPartner(qs, n), rt.text)
			case role == rolePatronymic:
				add(field, "absent", 0, rt.text)
				if n.contradicts >= 0 {
					add(field, "mismatch", w.ContradictingPatronymic, qs[n.contradicts].forms.text)
					reason("Patronymic %s differs from the record's %s.", qs[n.contradicts].forms.text, rt.text)
				} else {
					say("Patronymic " + rt.text + " is not on the travel document (usual for passports).")
				}
			case role == roleSurname:
				add(field, "mismatch", w.MissingSurname, rt.text)
				reason("Surname %s has no counterpart in the traveller's name.", rt.text)
			case role == roleGiven && field == "given" && n.givenAbsent:
				add(field, "absent", w.AbsentGiven, rt.text)
				reason("The travel document carries no given name; the record's is %s.", rt.text)
			case role == roleGiven && field == "given":
				add(field, "mismatch", w.MissingGiven, rt.text)
				reason("Given name %s has no counterpart in the traveller's name.", rt.text)
			default:
				add(field, "absent", 0, rt.text)
			}
			continue
		}
		c := n.cm[j]
		qt := qs[i].forms.text
		add(field, c.out.String(), weightOf(w, role, field, c), qt+" ~ "+rt.text)
		label := fieldLabel(field)
		switch c.out {
		case outExact:
			say(label + " " + qt + " is identical.")
		case outTranslit:
			if c.travellerSide {
				reason("%s %s, rendered under %s, is %s.", label, qt, c.system, rt.text)
			} else {
				say(label + " " + qt + " is the " + c.system.String() + " rendering of " + rt.text + ".")
			}
		case outVariant:
			reason("%s %s is a romanisation variant of %s (%s).", label, qt, rt.text, primaryForm(rt))
		case outTypo:
			reason("%s %s is a likely typing or reading error for %s (%s), similarity %.2f.", label, qt, rt.text, primaryForm(rt), c.sim)
		case outTruncated:
			reason("%s %s is %s (%s) cut short, as in a full machine-readable zone.", label, qt, rt.text, primaryForm(rt))
		case outInitial:
			reason("%s %s is the initial of %s.", label, qt, rt.text)
		case outJoined:
			reason("%s %s and %s are written as one word on one side.", label, qt, rt.text)
		}
	}
	if n.swapped {
		add("name_order", "swapped", w.Swapped, "")
		reason("Surname and given name are in each other's place on the travel document.")
	}
	if n.conflicts > 0 {
		add("name", "conflict", w.Conflict*float64(n.conflicts), "")
		reason("%d name part(s) on each side have no counterpart on the other.", n.conflicts)
	}

	// Birth date.
	switch s.date {
	case dateExact:
		d := describeDate(rec.dob)
		add("birth_date", "exact", w.DateExact, d)
		say("Birth date " + d + " is the same.")
	case datePartial:
		add("birth_date", "partial", w.DatePartial, describeDate(q.dob)+" ~ "+describeDate(rec.dob))
		reason("Birth date %s agrees with %s as far as both are known.", describeDate(q.dob), describeDate(rec.dob))
	case dateNear:
		add("birth_date", "near", w.DateNear, describeDate(q.dob)+" ~ "+describeDate(rec.dob))
		reason("Birth date %s differs from the record's %s by a typical entry error (%s); check it.", describeDate(q.dob), describeDate(rec.dob), s.dateWhy)
	}
	if s.commonness <= -0.1 {
		add("name_frequency", "common", s.commonness, "")
		reason("The name is common in the register: namesakes born on such a date are expected by chance, so the date counts for less.")
	}
	switch s.date {
	case dateUnknown:
		add("birth_date", "absent", 0, "")
		reason("Birth date is unknown on one side; the name alone cannot settle it.")
	case dateDifferent:
		add("birth_date", "mismatch", w.DateDifferent, describeDate(q.dob)+" ~ "+describeDate(rec.dob))
		reason("Birth date %s differs from the record's %s.", describeDate(q.dob), describeDate(rec.dob))
	}
	if q.sex != trex.SexUnknown && rec.sex != trex.SexUnknown {
		if s.sexBad {
			add("sex", "mismatch", w.SexDisagree, string(q.sex)+" ~ "+string(rec.sex))
			reason("Sex %s differs from the record's %s.", q.sex, rec.sex)
		} else {
			add("sex", "exact", w.SexAgree, string(rec.sex))
		}
	}
	if s.natBad {
		add("nationality", "mismatch", w.NationalityDisagree, strings.Join(q.nats, ",")+" ~ "+rec.nat)
		reason("Nationality %s differs from the record's %s.", strings.Join(q.nats, ","), rec.nat)
	}

	// The decision itself.
	switch {
	case s.verdict == trex.Hit:
		say("Hit: the identifier, the name and the birth date all agree.")
	case s.idMatch != "":
		var why []string
		if !n.agree {
			why = append(why, "the name does not agree")
		}
		if s.date != dateExact && s.date != datePartial {
			why = append(why, "the birth date does not agree")
		}
		if s.sexBad {
			why = append(why, "the sex differs")
		}
		reason("Refer, not hit: the identifier matches but %s; the document may be misused or the record mistaken.", strings.Join(why, " and "))
	default:
		say("Refer: name and birth date make this person probable, but no identifier on the travel document confirms it.")
	}
	return m
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
	return "Name"
}

// primaryForm is the ICAO rendering of a record token, for people who do
// not read its script.
func primaryForm(t *tokenForms) string {
	if len(t.forms) == 0 {
		return t.text
	}
	return t.forms[0]
}

func genderPartner(qs []qtok, n nameResult) string {
	for i := 0; i < n.nq && i < len(qs); i++ {
		if n.rOf[i] == -2 {
			return qs[i].forms.text
		}
	}
	return "?"
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
