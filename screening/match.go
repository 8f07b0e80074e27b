package screening

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"trex"
)

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
	// chance is how many records the register is expected to hold that
	// agree with the traveller as this one does by chance alone (see
	// chanceMatches).
	chance float64
	// doc is how the traveller's document numbers stand to the record's
	// when they share none (see documentRelation).
	doc docRelation
}

// Match returns the verdict and the matches for a traveller, most likely
// first. Match.RestrictionID holds the subject key. Subjects eligible
// refuses are skipped before they are scored, so that one not in force can
// neither be reported nor end the search early; a nil eligible admits all.
// Match returns ctx's error, and no matches, when ctx ends during the
// search, and an EINVALID error for a name part longer than any name.
// eligible is called with the index's read lock held: it must not call
// back into the index.
func (x *Index) Match(ctx context.Context, traveller trex.Person, eligible func(key string) bool) (trex.Verdict, []trex.Match, error) {
	if err := ctx.Err(); err != nil {
		return trex.Clear, nil, fmt.Errorf("screening: %w", err)
	}
	if err := checkNameSizes(traveller); err != nil {
		return trex.Clear, nil, fmt.Errorf("screening: %w", err)
	}
	var q query
	x.prepare(&q, traveller)
	mm := memoPool.Get().(*memo)
	defer releaseMemo(mm)
	x.mu.RLock()
	defer x.mu.RUnlock()
	found, err := x.check(ctx, &q, mm, eligible)
	mm.found = found // keep the grown buffer
	if err != nil {
		return trex.Clear, nil, fmt.Errorf("screening: %w", err)
	}
	v, ms := x.report(&q, found)
	return v, ms, nil
}

// score compares q with record id and reports whether the record is worth
// reporting (referred, hit, or sharing an identifier).
func (x *Index) score(q *query, id uint32, how uint8, mm *memo) (scored, bool) {
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
	s.name, s.qname = x.bestName(q, rec, mm)
	s.total = s.name.score
	switch s.date {
	case dateExact:
		s.total += w.DateExact
	case datePartial:
		s.total += w.DatePartial
	case dateNear:
		s.total += w.DateNear
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
	// A near or partial birth date singles a person out only when the
	// register is not expected to hold namesakes with such a date by
	// chance.
	// An exact one does too when a part of the name agrees only by an
	// initial or a truncation.
	chanceBound := s.date == dateNear || s.date == datePartial || (s.date == dateExact && weakAgreement(&s.name))
	if s.date != dateDifferent && s.date != dateUnknown {
		s.chance = x.chanceMatches(q, rec, s.date, &s.name)
	}
	if s.idMatch == "" {
		s.doc = documentRelation(q.ids, rec.ids)
		if s.doc == docOther && w.UnrecordedDocument > 0 {
			s.chance /= w.UnrecordedDocument
		}
	}
	switch {
	case s.idMatch != "" && s.name.agree && (s.date == dateExact || s.date == datePartial) && !s.sexBad:
		s.verdict = trex.Hit
	case s.idMatch != "":
		s.verdict = trex.Refer
	case s.total >= w.Refer && (!chanceBound || s.chance <= x.chanceLimit()):
		s.verdict = trex.Refer
	default:
		return scored{}, false
	}
	return s, true
}

// bestName pairs the traveller's names with the record's names and returns
// the best pairing and which of the traveller's names it uses.
func (x *Index) bestName(q *query, rec *record, mm *memo) (nameResult, int) {
	best := nameResult{score: math.Inf(-1)}
	qname := 0
	start := 0
	for k := 0; k <= len(rec.toks); k++ {
		if k < len(rec.toks) && rec.toks[k] != nameBreak {
			continue
		}
		rs := rec.toks[start:k]
		start = k + 1
		for qi, qs := range q.names {
			r := x.scoreName(qs, rs, mm)
			if r.score > best.score {
				best, qname = r, qi
			}
		}
	}
	if math.IsInf(best.score, -1) {
		best.score = x.Weights.MissingSurname + x.Weights.MissingGiven
	}
	return best, qname
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
