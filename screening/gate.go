package screening

import "strings"

// namePartsCompatible reports whether rec can still reach a refer on its
// name: some name of rec has a part of its surname and, when it has a
// single given name, that given name matched by tokens of the traveller.
// Without either, the weights cannot add up to the refer threshold (this is
// checked against the weights in use); records whose names have no parts
// always pass.
func (x *Index) namePartsCompatible(q *query, rec *record, mm *memo) bool {
	w := &x.Weights
	surnameNeeded := x.surnameNeeded()
	givenNeeded := w.Surname+w.MissingGiven+w.DateExact+w.SexAgree+w.Patronymic < w.Refer
	start := 0
	for k := 0; k <= len(rec.toks); k++ {
		if k < len(rec.toks) && rec.toks[k] != nameBreak {
			continue
		}
		if x.nameCompatible(q, rec.toks[start:k], mm, surnameNeeded, givenNeeded) {
			return true
		}
		start = k + 1
	}
	return false
}

func (x *Index) nameCompatible(q *query, rs []uint32, mm *memo, surnameNeeded, givenNeeded bool) bool {
	giv := -1
	givens := 0
	surnames, surnameFound := 0, false
	found := func(j int) bool { return x.tokenFound(q, rs[j]>>2, mm) }
	for j, t := range rs {
		switch t & 3 {
		case roleUnknown:
			return true
		case roleSurname:
			// A compound surname is matched when the document carries
			// any of its parts.
			surnames++
			surnameFound = surnameFound || (surnameNeeded && found(j))
		case roleGiven:
			if giv < 0 {
				giv = j
			}
			givens++
		}
	}
	if surnameNeeded && surnames > 0 && !surnameFound {
		return false
	}
	if givenNeeded && givens == 1 && q.hasGiven && !found(giv) {
		return false
	}
	return true
}

// runTogether reports whether the traveller token holds the record token
// inside a longer word (a double surname written as one).
func runTogether(q, r *tokenForms) bool {
	// The lengths first: they are in the tokens' first cache lines.
	if !plainComparisons && (r.skel0Len < 4 || q.skel0Len < r.skel0Len+3 || r.skel0Pairs&^q.skel0Pairs != 0) {
		return false
	}
	if len(q.skelStr) == 0 || len(r.skelStr) == 0 {
		return false
	}
	qs, rs := q.skelStr[0], r.skelStr[0]
	return len(rs) >= 4 && len(qs) >= len(rs)+3 && strings.Contains(qs, rs)
}

// surnameNeeded reports whether, under the weights in use, a record whose
// surname matches nothing of the traveller's name cannot reach a refer
// without an identifier.
func (x *Index) surnameNeeded() bool {
	w := &x.Weights
	return w.MissingSurname+w.Given+w.OtherGiven*2+w.Patronymic+w.DateExact+w.SexAgree < w.Refer
}

// tokenFound reports whether some token of the traveller matches record
// token tok (or holds it run together with another word). The answer is
// kept in the memo: it never changes within a check.
func (x *Index) tokenFound(q *query, tok uint32, mm *memo) bool {
	row := mm.row(tok)
	if row.found == 0 {
		row.found = -1
		if searchToken(q, row, x.tokens.toks[tok]) {
			row.found = 1
		}
	}
	return row.found > 0
}

// searchToken looks for a traveller token that matches rf (record token
// row.tok), comparing in name order.
func searchToken(q *query, row *memoRow, rf *tokenForms) bool {
	for _, qs := range q.names {
		for i, qt := range qs {
			if i >= maxTokens {
				break
			}
			if c := row.get(qt.slot, qt.forms, rf); c.matched() || runTogether(qt.forms, rf) {
				return true
			}
		}
	}
	return false
}
