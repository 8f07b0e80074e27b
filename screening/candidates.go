package screening

import (
	"context"
	"slices"
	"sync/atomic"

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
	agrees := func(id uint32) bool { return x.namesake(q, id, mm) }
	var err error
	seen := 0
	refusal := x.blockingCandidates(q, gate, agrees, func(id uint32, how uint8) bool {
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
	if err == nil && refusal != nil {
		return out[:0], refusal
	}
	return out, err
}

// namesake reports whether record id, found by name alone, may still be
// referred on its name: a record whose name parts the traveller's name
// cannot match is one score refuses, and no namesake.
func (x *Index) namesake(q *query, id uint32, mm *memo) bool {
	rec := &x.records[id]
	return rec.live && x.namePartsCompatible(q, rec, mm)
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
// record is reported; records it refuses cannot be referred. agrees, when
// not nil, is asked about a record found by name alone: records it refuses
// cannot be referred either, and are neither reported nor counted as
// namesakes.
//
// Reporting stops when each returns false. A traveller without a full
// birth date is searched within the bounds of namesakeSearch, whose
// refusal blockingCandidates returns.
func (x *Index) blockingCandidates(q *query, gate func(surnameTok uint32) bool, agrees func(id uint32) bool, each func(id uint32, how uint8) bool) (refusal error) {
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
			if !x.gatedDatePostings(k, gate, each) {
				return nil
			}
		}
		// Records without a birth date are found by name alone.
		x.nameCandidates(q, noBirthYear[:], each)
		return nil
	}
	years := everyBirthYear[:]
	if d.Year != 0 {
		years = []uint32{uint32(d.Year - 1), uint32(d.Year), uint32(d.Year + 1)}
	}
	_, refusal = x.namesakeSearch(q, years, nameSearchBounds, agrees, each)
	return refusal
}

// noBirthYear is the year key of records without a birth date.
var noBirthYear = [1]uint32{0}

// everyBirthYear are the year keys a name is searched under without a
// birth year: no birth date on record, and every year from 1900 to 2030.
var everyBirthYear = func() (ys [1 + 2030 - 1900 + 1]uint32) {
	for i := 1; i < len(ys); i++ {
		ys[i] = uint32(1900 + i - 1)
	}
	return ys
}()

// querySkeletons appends to buf, once each, the name skeletons the
// traveller's tokens are searched under (initials and particles are not).
func querySkeletons(q *query, buf []string) []string {
	for _, qs := range q.names {
		for i, t := range qs {
			if t.forms.isInitial() || queryParticle(qs, i) {
				continue
			}
			for _, s := range t.forms.skelStr {
				if !slices.Contains(buf, s) {
					buf = append(buf, s)
				}
			}
		}
	}
	return buf
}

// nameCandidates reports, once each, the records that share a name
// skeleton with the traveller and were born in one of years (0: no birth
// date on record), until each returns false.
func (x *Index) nameCandidates(q *query, years []uint32, each func(id uint32, how uint8) bool) {
	var buf [16]string
	seen := map[uint32]bool{}
	for _, s := range querySkeletons(q, buf[:0]) {
		for _, y := range years {
			for id := range x.nameHolders(x.nameKey(s, y)) {
				if seen[id] {
					continue
				}
				seen[id] = true
				if !each(id, viaName) {
					return
				}
			}
		}
	}
}

// nameBounds bound a search by name without a full birth date.
type nameBounds struct {
	// postings bounds the entries of the name keys read: the work.
	postings int
	// namesakes bounds the records that agree with the name: the answer.
	namesakes int
}

// nameSearchBounds are the bounds of every check without a full birth
// date (see limits.go).
var nameSearchBounds = nameBounds{postings: maxNamePostings, namesakes: maxNameCandidates}

// namesakeSearch reports, once each, the records that share a name
// skeleton with the traveller, were born in one of years, and that agrees
// (when not nil) accepts, until each returns false. It returns the
// postings it read.
//
// Its work is bounded twice. Before reading anything it counts the
// postings under the traveller's name keys (the index knows their
// lengths) and refuses the search when they are more than b.postings: a
// part of the name is too common to search without a birth year. Then it
// reads them, and refuses the search as soon as more than b.namesakes
// distinct records agree with the name. Records agrees refuses (say, a
// holder of the traveller's given name whose surname is none of the
// traveller's) cannot be referred, so they count toward neither bound
// but the first: a rare surname with a common given name is answered.
func (x *Index) namesakeSearch(q *query, years []uint32, b nameBounds, agrees func(id uint32) bool, each func(id uint32, how uint8) bool) (postings int, refusal error) {
	var buf [16]string
	skels := querySkeletons(q, buf[:0])
	total := 0
	for _, s := range skels {
		for _, y := range years {
			total += x.nameKeyLen(x.nameKey(s, y))
		}
	}
	if total > b.postings {
		return 0, tooCommonName(total, b.postings)
	}
	seen := map[uint32]struct{}{}
	// The postings are read a batch at a time, the batch's records
	// warmed first (see warmNames).
	var batch [readAhead]uint32
	n := 0
	visit := func() (stop bool) {
		x.warmNames(batch[:n])
		for _, id := range batch[:n] {
			postings++
			if agrees != nil && !agrees(id) {
				continue
			}
			if _, ok := seen[id]; ok {
				continue
			}
			if len(seen) == b.namesakes {
				refusal = tooManyNamesakes(b.namesakes)
				return true
			}
			seen[id] = struct{}{}
			if !each(id, viaName) {
				return true
			}
		}
		n = 0
		return false
	}
	for _, s := range skels {
		for _, y := range years {
			for id := range x.nameHolders(x.nameKey(s, y)) {
				batch[n] = id
				if n++; n == len(batch) && visit() {
					return postings, refusal
				}
			}
		}
	}
	visit()
	return postings, refusal
}

// warmSink receives what warmNames read; nothing reads it.
var warmSink atomic.Uint32

// readAhead is how many records a name search warms at once.
const readAhead = 32

// warmNames reads the first name token of each record of ids, the loads
// one after another with nothing waiting on them, so that the processor
// overlaps their cache misses: a search by name reads records scattered
// over the whole register, and waiting for one miss at a time would be
// most of its work. What it read is kept in warmSink, so that the
// compiler keeps the loads.
func (x *Index) warmNames(ids []uint32) {
	var toks [readAhead][]uint32
	for i, id := range ids {
		toks[i] = x.records[id].toks
	}
	var sum uint32
	for _, t := range toks[:len(ids)] {
		if len(t) > 0 {
			sum += t[0]
		}
	}
	warmSink.Add(sum)
}

// nameKeyLen is how many postings name key k holds (records removed from
// a loaded index since the load included: the entries a search reads).
func (x *Index) nameKeyLen(k uint64) int {
	return len(x.base.names.get(k)) + len(x.byName[k])
}
