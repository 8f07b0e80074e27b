package screening

import (
	"time"

	"trex"
)

// The chance model: how many records of this register would agree with a
// traveller as well as a candidate does, by chance alone, were the
// traveller not on the list. A referral whose evidence the register is
// expected to produce by chance more often than the register's limit per
// check (chanceLimit, see threshold.go) is not made: a near birth date does not single out one of a
// thousand namesakes. The estimates come from the register itself (how
// many records share a name, how common each name part is, how birth
// dates spread), so the referral rate of travellers who are not listed
// stays flat as the register grows.

// daysOfBirth is the number of distinct birth dates assumed while the
// register is too small to estimate it (some sixty years of days).
const daysOfBirth = 22000

// nameStats are the register's statistics the chance model reads. They
// are kept up to date by Put and Remove.
type nameStats struct {
	// pairs counts records by (first surname token, first given-name
	// token) of their first name: the namesakes of a record.
	pairs pairCounts
	// bySex counts records by sex (unknown, male, female).
	bySex [3]int
	// dateCollisions is the sum over full birth dates of c*(c-1), c the
	// records born that day; dated counts the records with a full date.
	dateCollisions, dated int
	// byYear counts the records with a full date by birth year: how
	// birth dates spread over the years the register's persons were
	// born in.
	byYear map[uint32]int
	// yearSquares is the sum over years of byYear squared.
	yearSquares int
	// pairHist counts name pairs by how many records hold them: the
	// histogram chanceLimit reads.
	pairHist map[uint32]int
	// version counts the changes to the statistics; limit holds the
	// decision limit's curve built for one version (see
	// refreshLimitLocked).
	version uint64
	limit   *limitMemo
}

func sexIndex(s trex.Sex) int {
	switch s {
	case trex.SexMale:
		return 1
	case trex.SexFemale:
		return 2
	}
	return 0
}

// nameKeyOf returns the first surname and first given-name tokens of the
// first name of rec (noGate when absent). A name without parts reads its
// first two tokens as surname and given name.
func nameKeyOf(rec *record) (sur, giv uint32) {
	sur, giv = noGate, noGate
	for _, t := range rec.toks {
		if t == nameBreak {
			break
		}
		switch t & 3 {
		case roleSurname:
			if sur == noGate {
				sur = t >> 2
			}
		case roleUnknown:
			if sur == noGate {
				sur = t >> 2
			} else if giv == noGate {
				giv = t >> 2
			}
		case roleGiven:
			if giv == noGate {
				giv = t >> 2
			}
		}
	}
	return sur, giv
}

func pairKey(sur, giv uint32) uint64 { return uint64(sur)<<32 | uint64(giv) }

// countStats adds (delta +1) or removes (-1) rec in the statistics. It is
// called after rec's tokens are interned and before they are released.
// It builds the decision limit's curve again when the change makes it
// stale (see refreshLimitLocked).
func (x *Index) countStats(rec *record, delta int) {
	st := &x.stats
	st.version++
	st.bySex[sexIndex(rec.sex)] += delta
	if sur, giv := nameKeyOf(rec); sur != noGate && giv != noGate {
		k := pairKey(sur, giv)
		old := st.pairs.get(k)
		st.pairs.add(k, delta)
		st.countPair(old, st.pairs.get(k))
	}
	if rec.dob != 0 && unpackDate(rec.dob).IsFull() {
		c := x.dobCount(rec.dob) // records born that day, rec included when counted in
		if delta > 0 {
			st.dateCollisions += 2 * (c - 1)
		} else {
			st.dateCollisions -= 2 * (c - 1)
		}
		st.dated += delta
		y := rec.dob >> 9
		k := st.byYear[y]
		st.yearSquares += (k+delta)*(k+delta) - k*k
		if n := k + delta; n > 0 {
			if st.byYear == nil {
				st.byYear = make(map[uint32]int)
			}
			st.byYear[y] = n
		} else {
			delete(st.byYear, y)
		}
	}
	x.refreshLimitLocked(false)
}

// birthDays estimates how many distinct birth dates the register's persons
// spread over: the inverse of the chance that two of them share a
// birthday, from how many do. A small register falls back on daysOfBirth.
func (x *Index) birthDays() float64 {
	st := &x.stats
	if st.dateCollisions < 20 {
		return daysOfBirth
	}
	n := float64(st.dated)
	return n * (n - 1) / float64(st.dateCollisions)
}

// namesakes estimates how many other persons of the register bear rec's
// name (first surname and given name): the other records that do, or, when
// the name's parts are common but few hold them together (a register
// small next to the population), what the parts' frequencies predict. The
// parts' frequencies are the prior for names the register does not hold.
func (x *Index) namesakes(rec *record) float64 {
	sur, giv := nameKeyOf(rec)
	return x.poolOf(rec, sur, giv, outExact, outExact)
}

// poolOf estimates how many other records agree with a traveller whose
// name agrees with rec's surname sur and given name giv as surOut and
// givOut say. A part that agrees fully (or by a typo the traveller's own
// name does not explain) is shared with the part's holders; a part cut
// short with some four times as many; an initial with every holder of a
// name with that initial; a part that does not agree with everyone.
func (x *Index) poolOf(rec *record, sur, giv uint32, surOut, givOut outcome) float64 {
	pool := x.poolSize(rec)
	full := func(o outcome) bool { return o >= outTypo }
	if sur == noGate || giv == noGate {
		return pool
	}
	held := 0.0
	if full(surOut) && full(givOut) {
		held = float64(x.stats.pairs.get(pairKey(sur, giv))) - 1
	}
	part := func(tok uint32, o outcome) float64 {
		h := float64(x.tokens.holders[tok])
		switch {
		case full(o):
			return max(h-1, 0)
		case o == outTruncated:
			return 4 * h
		case o == outInitial:
			if f := x.tokens.toks[tok].forms; len(f) > 0 && f[0] != "" && f[0][0] < 128 {
				return float64(x.tokens.byInitial[f[0][0]])
			}
		}
		return pool
	}
	predicted := min(part(sur, surOut), pool) * min(part(giv, givOut), pool) / max(pool, 1)
	return max(held, predicted, 0)
}

// poolSize is how many records a traveller compared with rec could be by
// chance: those of rec's sex, or the whole register when rec's sex is
// unknown (a record without a sex is compared with travellers of either)
// or no record has it.
func (x *Index) poolSize(rec *record) float64 {
	if i := sexIndex(rec.sex); i != 0 && x.stats.bySex[i] > 0 {
		return float64(x.stats.bySex[i])
	}
	return float64(x.count)
}

// dateShare is the chance that a record's birth date stands in relation
// rel to the traveller's birth date q by chance: one day in birthDays for
// the same day, as many as the entry errors admit for a near date, a year
// or a month for a partial one.
func (x *Index) dateShare(q, r uint32, rel dateRelation) float64 {
	days := x.birthDays()
	years := days / 365.25
	switch rel {
	case dateExact:
		return 1 / days
	case dateNear:
		d := unpackDate(q)
		if !d.IsFull() || !unpackDate(r).IsFull() {
			return 2 / years // a year one apart
		}
		return x.entryErrorShare(d, unpackDate(r), days)
	case datePartial:
		a, b := unpackDate(q), unpackDate(r)
		if a.Month != 0 && b.Month != 0 {
			return 1 / (12 * years)
		}
		return 1 / years
	}
	return 1
}

// nearShare is the chance that a record's full birth date is one of the
// dates an entry error turns d into: each near date weighs as much as the
// register's persons are born in its year. A near date in a year no one
// of the register was born in (a transposed year that leaves the
// register's span, a year one past its end) is no chance agreement.
// While the register is too small to tell how its births spread over the
// years, each near date weighs one day in days.
func (x *Index) nearShare(d trex.PartialDate, days float64) float64 {
	var near [maxNearDates]nearDate
	dates := appendNearDates(near[:0], d)
	st := &x.stats
	if st.dated < minDatedForYears || st.yearSquares == 0 {
		return float64(len(dates)) / days
	}
	share := 0.0
	for _, v := range dates {
		if calendarDay(v.date) {
			share += x.birthdayShare(v.date.Year, days)
		}
	}
	return share
}

// birthdayShare is the chance that a record's birthday is one given day
// of year y: share(y) * years / days, years = dated²/yearSquares the
// number of years births spread over: one day in days when they spread
// evenly (or while the register is too small to tell how they spread),
// more in a year more were born in, none in a year no one was.
func (x *Index) birthdayShare(y int, days float64) float64 {
	st := &x.stats
	if st.dated < minDatedForYears || st.yearSquares == 0 {
		return 1 / days
	}
	return float64(st.byYear[uint32(y)]) * (float64(st.dated) / float64(st.yearSquares) / days)
}

// entryErrorShare weighs a near birth date as a likelihood ratio: the
// chance that a stranger bears the traveller's own date d, over the
// chance that an entry error turned the record's date r into it. A
// stranger is born on d with the share of the register's persons born on
// a day of d's year; an entry error picks one of the dates it admits
// around r (appendNearDates), so it writes d once in that many. Their
// product is the expected chance matches per namesake, and averages to
// what nearShare gives over the days of a year. Unlike nearShare it
// reads what the check shows: a date no one is born on (the 31st of
// April, a year none of the register's persons were born in) is no
// stranger's, so only an error explains it; a date an error reaches from
// r in few ways (no day and month swap past the 12th, no transposition of
// equal digits) is the likelier error.
func (x *Index) entryErrorShare(d, r trex.PartialDate, days float64) float64 {
	if !calendarDay(d) {
		return 0
	}
	var near [maxNearDates]nearDate
	ways := float64(len(appendNearDates(near[:0], r)))
	return ways * x.birthdayShare(d.Year, days)
}

// calendarDay reports whether full date d is a day of the calendar: no
// one is born on the 30th of February, though an entry error may write
// it.
func calendarDay(d trex.PartialDate) bool {
	return d.Day <= time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// minDatedForYears is how many records with a full birth date the
// register holds before nearShare reads how births spread over years.
const minDatedForYears = 1000

// chanceMatches is how many records of the register are expected to agree
// with the traveller as rec does, name and birth-date relation, by chance.
// A patronymic on the traveller's document that agrees with the record's
// narrows the pool to the share of persons with that patronymic.
func (x *Index) chanceMatches(q *query, rec *record, rel dateRelation, name *nameResult) float64 {
	sur, giv, so, gov := name.parts()
	m := x.poolOf(rec, sur, giv, so, gov)
	for j := 0; j < name.nr; j++ {
		if name.rRole[j] == rolePatronymic && name.qOf[j] >= 0 && name.cm[j].out >= outTypo {
			pool := x.poolSize(rec)
			m *= min(1, float64(x.tokens.refs[name.rTok[j]])/max(pool, 1))
			break
		}
	}
	return m * x.dateShare(q.dob, rec.dob, rel)
}

// weakAgreement reports whether a part that names the person agrees only
// by an initial or a truncation: evidence many records share, which an
// exact birth date alone does not make a referral.
func weakAgreement(name *nameResult) bool {
	_, _, so, gov := name.parts()
	return so == outInitial || so == outTruncated || gov == outInitial || gov == outTruncated
}

// heldAs is how many records hold a name token that reads as f does (the
// same phonetic skeleton).
func (t *tokenTable) heldAs(f *tokenForms) int {
	n := 0
	for _, s := range f.skelStr {
		n = max(n, int(t.bySkel[s]))
	}
	return n
}

// minHeld is how many holders make a name common enough in the register
// that a traveller bearing it is more likely one of them than another
// person's name misspelled: five, and one per 100,000 records.
func (x *Index) minHeld() int { return max(5, x.count/100_000) }

// explainAway turns into mismatches the typo readings of a record's
// surname or given name whose traveller token is a patronymic, or is
// itself a name the register holds: SOBOLEVA is a surname of its own,
// not a misspelt SOLOVEVA, and a typo never turns one registered name
// into another by chance as often as persons bear the other name.
func (x *Index) explainAway(qs []qtok, res *nameResult, mat *[maxTokens][maxTokens]cmp) {
	for i := range qs {
		held := -1
		for j := 0; j < res.nr; j++ {
			c := &mat[i][j]
			if c.out != outTypo || res.rRole[j] == rolePatronymic {
				continue
			}
			if patronymicForm(qs[i].forms) && !patronymicForm(x.tokens.toks[res.rTok[j]]) {
				// A patronymic a letter away from a surname formed from the
				// same father's name (AKHMEDOVNA, AKHMEDOVA) is that
				// patronymic, not the surname misspelt.
				*c = cmp{out: outMismatch, form: -1}
				continue
			}
			if sharesSkeleton(qs[i].forms, x.tokens.toks[res.rTok[j]]) {
				continue
			}
			if held < 0 {
				held = x.tokens.heldAs(qs[i].forms)
			}
			if held >= x.minHeld() {
				*c = cmp{out: outMismatch, form: -1}
			}
		}
	}
}

// patronymicForm reports whether a token's first rendering has the
// ending of a patronymic.
func patronymicForm(f *tokenForms) bool { return len(f.forms) > 0 && looksPatronymic(f.forms[0]) }

// sharesSkeleton reports whether a and b have a phonetic skeleton in
// common: the holders of one then count those of the other.
func sharesSkeleton(a, b *tokenForms) bool {
	if a.skelSet&b.skelSet == 0 {
		return false
	}
	for _, s := range a.skelStr {
		for _, t := range b.skelStr {
			if s == t {
				return true
			}
		}
	}
	return false
}
