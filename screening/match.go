package screening

import (
	"math"
	"slices"
	"strings"
	"sync"

	"trex"
)

// memoPool recycles the per-check comparison caches.
var memoPool = sync.Pool{New: func() any { return make(memo, 256) }}

// candidate flags.
const (
	viaIdentifier = 1 << iota
	viaDate
	viaName
)

// scored is a candidate with its evidence, before it becomes a trex.Match.
type scored struct {
	id      uint32
	total   float64
	verdict trex.Verdict
	name    nameResult
	qname   int
	date    dateRelation
	dateWhy string
	idMatch string // the identifier both hold, "" if none
	sexBad  bool
	natBad  bool
	// commonness is the (negative) weight for a name so common in the
	// register that a near or partial birth date says little.
	commonness float64
}

// Match returns the verdict and the matches for a traveller, most likely
// first. Match.RestrictionID holds the subject key.
func (x *Index) Match(traveller trex.Person) (trex.Verdict, []trex.Match) {
	q := x.prepare(traveller)
	x.mu.RLock()
	defer x.mu.RUnlock()
	found := x.check(q)
	return x.report(q, found)
}

// check finds and scores the candidates for q. The caller holds the read
// lock.
func (x *Index) check(q *query) []scored {
	mm := memoPool.Get().(memo)
	defer func() {
		clear(mm)
		memoPool.Put(mm)
	}()
	out := make([]scored, 0, 4)
	// Exact keys first: an identifier that belongs to a record whose name
	// and birth date agree settles the check.
	var byID []uint32
	for _, v := range q.ids {
		k := x.idKey(v)
		if id, ok := x.byID[k]; ok {
			byID = appendUnique(byID, id)
			for _, d := range x.byIDDup[k] {
				byID = appendUnique(byID, d)
			}
		}
	}
	hit := false
	for _, id := range byID {
		if s, ok := x.score(q, id, viaIdentifier, mm); ok {
			out = append(out, s)
			hit = hit || s.verdict == trex.Hit
		}
	}
	if hit {
		return out
	}
	var gate func(uint32) bool
	if x.surnameNeeded() {
		gate = func(tok uint32) bool { return x.tokenFound(q, tok, mm) }
	}
	x.blockingCandidates(q, gate, func(id uint32, how uint8) {
		for _, b := range byID {
			if b == id {
				return // scored above
			}
		}
		if s, ok := x.score(q, id, how, mm); ok {
			out = append(out, s)
		}
	})
	return out
}

func appendUnique(list []uint32, id uint32) []uint32 {
	for _, v := range list {
		if v == id {
			return list
		}
	}
	return append(list, id)
}

// blockingCandidates calls each with the records that share a birth date
// (or a near one) with the traveller, or, when the traveller's birth date
// is partial or unknown, a name skeleton and a birth year. Each record is
// reported once.
//
// gate, when not nil, is asked about a record's surname token before the
// record is reported; records it refuses cannot be referred.
func (x *Index) blockingCandidates(q *query, gate func(surnameTok uint32) bool, each func(id uint32, how uint8)) {
	d := unpackDate(q.dob)
	if d.IsFull() {
		// A record holds one birth date, so distinct keys never report a
		// record twice.
		var keys [24]uint32
		ks := keys[:0]
		add := func(k uint32) {
			for _, o := range ks {
				if o == k {
					return
				}
			}
			ks = append(ks, k)
		}
		add(q.dob)
		add(packDate(trex.PartialDate{Year: d.Year}))
		add(packDate(trex.PartialDate{Year: d.Year, Month: d.Month}))
		for _, v := range nearDates(d) {
			add(packDate(v.date))
		}
		add(packDate(trex.PartialDate{Year: d.Year - 1}))
		add(packDate(trex.PartialDate{Year: d.Year + 1}))
		for _, k := range ks {
			for _, p := range x.byDOB[k] {
				if p.surname != noGate && gate != nil && !gate(p.surname) {
					continue
				}
				each(p.id, viaDate)
			}
		}
		// Records without a birth date are found by name alone.
		x.nameCandidates(q, []uint32{0}, each)
		return
	}
	var years []uint32
	if d.Year != 0 {
		years = []uint32{uint32(d.Year - 1), uint32(d.Year), uint32(d.Year + 1)}
	} else {
		years = append(years, 0)
		for y := 1900; y <= 2030; y++ {
			years = append(years, uint32(y))
		}
	}
	x.nameCandidates(q, years, each)
}

// nameCandidates reports, once each, the records that share a name
// skeleton with the traveller and were born in one of years (0: no birth
// date on record).
func (x *Index) nameCandidates(q *query, years []uint32, each func(id uint32, how uint8)) {
	seen := map[uint32]bool{}
	done := map[string]bool{}
	for _, qs := range q.names {
		for _, t := range qs {
			if t.forms.isInitial() || isParticle(t.forms.forms) {
				continue
			}
			for _, s := range t.forms.skelStr {
				if done[s] {
					continue
				}
				done[s] = true
				for _, y := range years {
					for _, id := range x.byName[x.nameKey(s, y)] {
						if !seen[id] {
							seen[id] = true
							each(id, viaName)
						}
					}
				}
			}
		}
	}
}

// score compares q with record id and reports whether the record is worth
// reporting (referred, hit, or sharing an identifier).
func (x *Index) score(q *query, id uint32, how uint8, mm memo) (scored, bool) {
	rec := &x.records[id]
	if !rec.live {
		return scored{}, false
	}
	w := &x.Weights
	s := scored{id: id}
	if how&viaIdentifier != 0 {
		s.idMatch = sharedIdentifier(q.ids, rec.ids)
		if s.idMatch == "" {
			return scored{}, false // hash collision
		}
	}
	s.date, s.dateWhy = compareDates(q.dob, rec.dob)
	if s.date == dateDifferent && s.idMatch == "" {
		return scored{}, false
	}
	// Without an identifier, a record whose surname matches none of the
	// traveller's tokens cannot reach a refer: skip it cheaply.
	if s.idMatch == "" && !x.namePartsCompatible(q, rec, mm) {
		return scored{}, false
	}
	// Best pairing of the traveller's names with the record's names.
	s.name.score = math.Inf(-1)
	start := 0
	for k := 0; k <= len(rec.toks); k++ {
		if k < len(rec.toks) && rec.toks[k] != nameBreak {
			continue
		}
		rs := rec.toks[start:k]
		start = k + 1
		for qi, qs := range q.names {
			r := x.scoreName(qs, rs, mm)
			if r.score > s.name.score {
				s.name, s.qname = r, qi
			}
		}
	}
	if math.IsInf(s.name.score, -1) {
		s.name.score = w.MissingSurname + w.MissingGiven
	}
	s.total = s.name.score
	switch s.date {
	case dateExact:
		s.total += w.DateExact
	case datePartial:
		s.total += w.DatePartial
		s.commonness = x.commonness(rec, partialDateShare(q.dob, rec.dob))
		s.total += s.commonness
	case dateNear:
		s.total += w.DateNear
		s.commonness = x.commonness(rec, nearDateShare)
		s.total += s.commonness
	case dateDifferent:
		s.total += w.DateDifferent
	}
	if q.sex != trex.SexUnknown && rec.sex != trex.SexUnknown {
		if q.sex == rec.sex {
			s.total += w.SexAgree
		} else {
			s.total += w.SexDisagree
			s.sexBad = true
		}
	}
	if len(q.nats) > 0 && rec.nat != "" && !sharesNationality(q.nats, rec.nat) {
		s.total += w.NationalityDisagree
		s.natBad = true
	}
	if s.idMatch != "" {
		s.total += w.Identifier
	}
	switch {
	case s.idMatch != "" && s.name.agree && (s.date == dateExact || s.date == datePartial) && !s.sexBad:
		s.verdict = trex.Hit
	case s.idMatch != "":
		s.verdict = trex.Refer
	case s.total >= w.Refer:
		s.verdict = trex.Refer
	default:
		return scored{}, false
	}
	return s, true
}

func sharedIdentifier(qids []string, rids string) string {
	for _, r := range strings.Split(rids, "\x00") {
		for _, q := range qids {
			if q == r {
				return q
			}
		}
	}
	return ""
}

func sharesNationality(q []string, rec string) bool {
	for _, r := range strings.Split(rec, ",") {
		for _, n := range q {
			if sameCountry(n, r) {
				return true
			}
		}
	}
	return false
}

// report orders the scored candidates and turns them into matches.
func (x *Index) report(q *query, found []scored) (trex.Verdict, []trex.Match) {
	if len(found) == 0 {
		return trex.Clear, nil
	}
	rank := func(v trex.Verdict) int {
		if v == trex.Hit {
			return 0
		}
		return 1
	}
	slices.SortFunc(found, func(a, b scored) int {
		if rank(a.verdict) != rank(b.verdict) {
			return rank(a.verdict) - rank(b.verdict)
		}
		if a.total != b.total {
			if a.total > b.total {
				return -1
			}
			return 1
		}
		return strings.Compare(x.records[a.id].key, x.records[b.id].key)
	})
	verdict := found[0].verdict
	matches := make([]trex.Match, 0, len(found))
	for _, s := range found {
		matches = append(matches, x.explain(q, s))
	}
	return verdict, matches
}

// probability maps a score to 0..1, the refer threshold to 0.5.
func (x *Index) probability(total float64) float64 {
	sc := x.Weights.Scale
	if sc <= 0 {
		sc = 1
	}
	p := 1 / (1 + math.Exp(-(total-x.Weights.Refer)/sc))
	return math.Round(p*1000) / 1000
}

// namePartsCompatible reports whether rec can still reach a refer on its
// name: some name of rec has its (first) surname token and, when it has a
// single given name, that given name matched by tokens of the traveller.
// Without either, the weights cannot add up to the refer threshold (this is
// checked against the weights in use); records whose names have no parts
// always pass.
func (x *Index) namePartsCompatible(q *query, rec *record, mm memo) bool {
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

func (x *Index) nameCompatible(q *query, rs []uint32, mm memo, surnameNeeded, givenNeeded bool) bool {
	sur, giv := -1, -1
	givens := 0
	for j, t := range rs {
		switch t & 3 {
		case roleUnknown:
			return true
		case roleSurname:
			if sur < 0 {
				sur = j
			}
		case roleGiven:
			if giv < 0 {
				giv = j
			}
			givens++
		}
	}
	found := func(j int) bool { return x.tokenFound(q, rs[j]>>2, mm) }
	if surnameNeeded && sur >= 0 && !found(sur) {
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
// token tok (or holds it run together with another word).
func (x *Index) tokenFound(q *query, tok uint32, mm memo) bool {
	rf := x.tokens.toks[tok]
	for _, qs := range q.names {
		for i, qt := range qs {
			if i >= maxTokens {
				break
			}
			if c := mm.get(i, qt.forms, tok, rf); c.matched() || runTogether(qt.forms, rf) {
				return true
			}
		}
	}
	return false
}

// Shares of birth dates that a near or partial date relation admits by
// chance: about ten near dates among some 22,000 days of birth in a
// register; a known year is one of about sixty, a known month one of 720.
const nearDateShare = 10.0 / 22000

func partialDateShare(a, b uint32) float64 {
	da, db := unpackDate(a), unpackDate(b)
	if da.Month != 0 && db.Month != 0 {
		return 1.0 / 720
	}
	return 1.0 / 60
}

// commonness weighs how many namesakes of rec the register should hold
// whose birth date relates to the traveller's by chance alone (dateShare
// is the chance of that relation). For rare names it is about zero; for a
// name thousands share, a near or partial date cannot single out one of
// them, and the weight pushes the candidate below the refer threshold.
func (x *Index) commonness(rec *record, dateShare float64) float64 {
	sur, giv := noGate, noGate
	for _, t := range rec.toks {
		if t == nameBreak {
			break
		}
		switch t & 3 {
		case roleSurname, roleUnknown:
			if sur == noGate {
				sur = t >> 2
			} else if giv == noGate && t&3 == roleUnknown {
				giv = t >> 2
			}
		case roleGiven:
			if giv == noGate {
				giv = t >> 2
			}
		}
	}
	n := float64(len(x.byKey))
	if sur == noGate || giv == noGate || n == 0 {
		return 0
	}
	namesakes := float64(x.tokens.holders[sur]) * float64(x.tokens.holders[giv]) / n
	expected := namesakes * dateShare
	return -x.Weights.Commonness * math.Log1p(20*expected)
}
