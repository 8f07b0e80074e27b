package screening

import (
	"context"

	"trex"
)

// checkEvery is how many candidates check scores between looks at its
// context.
const checkEvery = 256

// check finds and scores the candidates for q, using mm for scratch (the
// result lives in it). Records whose key eligible refuses are skipped
// before scoring. The caller holds the read lock.
func (x *Index) check(ctx context.Context, q *query, mm *memo, eligible func(string) bool) ([]scored, error) {
	out := mm.found[:0]
	admit := func(id uint32) bool {
		return eligible == nil || eligible(x.records[id].key)
	}
	// Exact keys first: an identifier that belongs to an eligible record
	// whose name and birth date agree settles the check. Ineligible
	// holders are left out before anything is settled.
	var byIDs [4]uint32
	byID := byIDs[:0]
	for _, v := range q.ids {
		k := x.idKey(v)
		for id := range x.idHolders(k) {
			byID = appendUnique(byID, id)
		}
	}
	hit := false
	for _, id := range byID {
		if !admit(id) {
			continue
		}
		if s, ok := x.score(q, id, viaIdentifier, mm); ok {
			out = append(out, s)
			hit = hit || s.verdict == trex.Hit
		}
	}
	if hit {
		return out, nil
	}
	if len(q.names) == 0 && q.dob == 0 {
		// A document alone: nothing but its identifiers can find anyone.
		return out, nil
	}
	var gate func(uint32) bool
	if x.surnameNeeded() {
		gate = func(tok uint32) bool { return x.tokenFound(q, tok, mm) }
	}
	var err error
	seen := 0
	many := x.blockingCandidates(q, gate, func(id uint32, how uint8) bool {
		if seen++; seen%checkEvery == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		for _, b := range byID {
			if b == id {
				return true // scored above
			}
		}
		if plainComparisons && !admit(id) {
			return true
		}
		// Scoring reads only the index, so the caller's eligible (a
		// lookup in a table as large as the register) is asked only about
		// the few records worth reporting: the same records are reported.
		if s, ok := x.score(q, id, how, mm); ok && admit(id) {
			out = append(out, s)
		}
		return true
	})
	if err == nil && many {
		return out[:0], tooManyNamesakes()
	}
	return out, err
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
//
// Reporting stops when each returns false, or, for a traveller without a
// full birth date, after maxNameCandidates records (too many reports
// that).
func (x *Index) blockingCandidates(q *query, gate func(surnameTok uint32) bool, each func(id uint32, how uint8) bool) (tooMany bool) {
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
		var near [maxNearDates]nearDate
		for _, v := range appendNearDates(near[:0], d) {
			add(packDate(v.date))
		}
		add(packDate(trex.PartialDate{Year: d.Year - 1}))
		add(packDate(trex.PartialDate{Year: d.Year + 1}))
		for _, k := range ks {
			for p := range x.dobPostings(k) {
				if p.surname != noGate && gate != nil && !gate(p.surname) {
					continue
				}
				if !each(p.id, viaDate) {
					return false
				}
			}
		}
		// Records without a birth date are found by name alone.
		x.nameCandidates(q, noBirthYear[:], 0, each)
		return false
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
	return x.nameCandidates(q, years, maxNameCandidates, each)
}

// noBirthYear is the year key of records without a birth date.
var noBirthYear = [1]uint32{0}

// nameCandidates reports, once each, the records that share a name
// skeleton with the traveller and were born in one of years (0: no birth
// date on record), until each returns false, or until limit records (when
// limit > 0) were reported and another is due: then it reports tooMany.
func (x *Index) nameCandidates(q *query, years []uint32, limit int, each func(id uint32, how uint8) bool) (tooMany bool) {
	seen := map[uint32]bool{}
	done := map[string]bool{}
	for _, qs := range q.names {
		for i, t := range qs {
			if t.forms.isInitial() || queryParticle(qs, i) {
				continue
			}
			for _, s := range t.forms.skelStr {
				if done[s] {
					continue
				}
				done[s] = true
				for _, y := range years {
					for id := range x.nameHolders(x.nameKey(s, y)) {
						if seen[id] {
							continue
						}
						if limit > 0 && len(seen) == limit {
							return true
						}
						seen[id] = true
						if !each(id, viaName) {
							return false
						}
					}
				}
			}
		}
	}
	return false
}
