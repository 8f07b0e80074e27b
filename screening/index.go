package screening

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"trex"
	"trex/romanize"
)

// Roles of a name token in a record or a traveller's name.
const (
	roleSurname    = 0
	roleGiven      = 1
	rolePatronymic = 2
	roleUnknown    = 3 // from a full name that was not split into parts
)

// nameBreak separates the names of a record that has several.
const nameBreak = ^uint32(0)

// record is one indexed subject, kept compact: name tokens are ids into
// the token table with the role in the low two bits.
type record struct {
	key  string
	toks []uint32 // tokenID<<2 | role, names separated by nameBreak
	dob  uint32   // packed birth date, 0 when unknown
	sex  trex.Sex
	nat  string // nationalities, upper-case, comma-separated (interned)
	ids  string // normalised identifiers, NUL-separated
	live bool
}

// Index is the screening index. It implements trex.Matcher. The zero value
// is not usable; call New.
type Index struct {
	mu      sync.RWMutex
	records []record
	free    []uint32
	byKey   map[string]uint32
	byDOB   map[uint32][]posting // packed birth date → records
	byName  map[uint64][]uint32  // hash(skeleton, birth year) → records
	byID    map[uint64]uint32    // hash(identifier) → record (first holder)
	byIDDup map[uint64][]uint32  // further holders of an identifier
	tokens  tokenTable
	strs    map[string]string // interned short strings (nationalities)
	// strBytes is what strs holds, within maxInternBytes.
	strBytes int
	// seed keys the hashes of names, identifiers and keys (see
	// hashString); a snapshot keeps it.
	seed uint64
	// base are the lookups of the records loaded from a snapshot, slots
	// [0, baseN); the maps above hold the records put since.
	base  frozen
	baseN uint32
	// count is how many records are live.
	count int
	// sharedBy counts the captures sharing records and tokens.toks; gen
	// counts the times the index stopped sharing them (see Capture).
	sharedBy int
	gen      uint64
	qtokens  queryTokens
	// stats are the register's name and birth-date statistics the chance
	// model reads (see chanceMatches).
	stats nameStats

	// Weights used to score candidates; see DefaultWeights. Set them
	// before the index is shared: Match reads them without locking.
	Weights Weights
}

var _ trex.Matcher = (*Index)(nil)

// New returns an empty index with the default weights.
func New() *Index {
	return &Index{
		byKey:   make(map[string]uint32),
		byDOB:   make(map[uint32][]posting),
		byName:  make(map[uint64][]uint32),
		byID:    make(map[uint64]uint32),
		byIDDup: make(map[uint64][]uint32),
		tokens:  tokenTable{ids: make(map[string]uint32), bySkel: make(map[string]uint32)},
		strs:    make(map[string]string),
		seed:    rand.Uint64(),
		stats:   nameStats{pairs: newPairCounts(), limit: &limitMemo{}},
		Weights: DefaultWeights(),
	}
}

// tokenTable interns name tokens: each distinct token is analysed once and
// shared by every record that holds it. A token no record holds any more
// is dropped and its id reused, so that the table follows the register
// rather than everything it ever held.
type tokenTable struct {
	ids  map[string]uint32
	toks []*tokenForms // nil for a free id
	// holders counts, per token, the indexed records that hold it (as a
	// surname or a given name), to tell common names from rare ones.
	holders []uint32
	// refs counts, per token, its occurrences in indexed records, in any
	// role.
	refs []uint32
	free []uint32
	// bySkel sums the holders of the tokens by their first phonetic
	// skeleton: how many records hold a name that reads so.
	bySkel map[string]uint32
	// byInitial sums the holders of the tokens by the first letter of
	// their first rendering.
	byInitial [128]int
}

// intern returns the id of tok, adding it when new, and counts one more
// occurrence of it; release undoes that.
func (t *tokenTable) intern(tok string) uint32 {
	if id, ok := t.ids[tok]; ok {
		t.refs[id]++
		return id
	}
	tf := newTokenForms(tok)
	var id uint32
	if n := len(t.free); n > 0 {
		id = t.free[n-1]
		t.free = t.free[:n-1]
		t.toks[id], t.holders[id], t.refs[id] = tf, 0, 1
	} else {
		id = uint32(len(t.toks))
		t.toks = append(t.toks, tf)
		t.holders = append(t.holders, 0)
		t.refs = append(t.refs, 1)
	}
	t.ids[tf.text] = id
	return id
}

// release counts one occurrence of each token of rec less, dropping the
// tokens no record holds any more.
func (t *tokenTable) release(rec *record) {
	for _, v := range rec.toks {
		if v == nameBreak {
			continue
		}
		id := v >> 2
		if t.refs[id]--; t.refs[id] == 0 {
			delete(t.ids, t.toks[id].text)
			t.toks[id] = nil
			t.free = append(t.free, id)
		}
	}
}

// live is how many distinct tokens the table holds.
func (t *tokenTable) live() int { return len(t.ids) }

// count adds delta to the holders of the surname and given-name tokens of
// rec (each distinct token once).
func (t *tokenTable) count(rec *record, delta int) {
	heldTokens(rec, func(id uint32) {
		t.holders[id] = uint32(int(t.holders[id]) + delta)
		t.countByForm(id, delta)
	})
}

// countByForm adds delta to the sums by first letter and by skeleton
// for token id.
func (t *tokenTable) countByForm(id uint32, delta int) {
	if f := t.toks[id].forms; len(f) > 0 && f[0] != "" && f[0][0] < 128 {
		t.byInitial[f[0][0]] += delta
	}
	if sk := t.toks[id].skelStr; len(sk) > 0 {
		if n := int(t.bySkel[sk[0]]) + delta; n > 0 {
			t.bySkel[sk[0]] = uint32(n)
		} else {
			delete(t.bySkel, sk[0])
		}
	}
}

// heldTokens calls fn with each distinct surname and given-name token of
// rec, within maxTokens: the tokens rec counts as a holder of.
func heldTokens(rec *record, fn func(id uint32)) {
	var seen [maxTokens]uint32
	n := 0
outer:
	for _, v := range rec.toks {
		if v == nameBreak || v&3 == rolePatronymic || n == maxTokens {
			continue
		}
		id := v >> 2
		for _, o := range seen[:n] {
			if o == id {
				continue outer
			}
		}
		seen[n] = id
		n++
		fn(id)
	}
}

// Len reports how many subjects are indexed.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.count
}

// Put adds or replaces the subject with s.Key. The names are read into
// tokens before the index is locked, so that goroutines loading a
// register together hold the lock only to store.
func (x *Index) Put(s trex.Subject) {
	var texts [][]nameToken
	for _, n := range s.Person.Names {
		if n.IsZero() {
			continue
		}
		n = cutName(n)
		spaced, twice := spacedReading(n)
		both := [2]trex.Name{n, spaced}
		for _, n := range both[:1+b2i(twice)] {
			if len(texts) == maxRecordNames {
				break
			}
			texts = append(texts, nameTokens(n))
		}
	}
	nat := nationalities(s.Person.Nationality)
	ids := strings.Join(identifiers(s.Person), "\x00")
	x.mu.Lock()
	defer x.mu.Unlock()
	x.unshareLocked()
	if id, ok := x.lookupKey(s.Key); ok {
		x.removeLocked(id)
	}
	rec := record{
		key:  s.Key,
		dob:  packDate(s.Person.BirthDate),
		sex:  s.Person.Sex,
		nat:  x.intern(nat),
		ids:  ids,
		live: true,
	}
	for _, nts := range texts {
		if len(rec.toks) > 0 {
			rec.toks = append(rec.toks, nameBreak)
		}
		for _, nt := range nts {
			rec.toks = append(rec.toks, x.tokens.intern(nt.text)<<2|uint32(nt.role))
		}
	}
	rec.toks = append(rec.toks[:0:0], rec.toks...) // trim capacity
	var id uint32
	if n := len(x.free); n > 0 {
		id = x.free[n-1]
		x.free = x.free[:n-1]
		x.records[id] = rec
	} else {
		id = uint32(len(x.records))
		x.records = append(x.records, rec)
	}
	x.count++
	x.indexLocked(id)
}

// indexLocked enters the stored record id in the lookups and statistics.
func (x *Index) indexLocked(id uint32) {
	x.tokens.count(&x.records[id], +1)
	x.indexNamesLocked(id)
	x.indexRestLocked(id)
}

// indexNamesLocked enters record id under its name keys.
func (x *Index) indexNamesLocked(id uint32) {
	x.forEachKey(&x.records[id], func(m map[uint64][]uint32, k uint64) { m[k] = append(m[k], id) }, nil, nil)
}

// indexRestLocked enters record id under its key, birth date and
// identifiers, and in the statistics; it touches none of what
// indexNamesLocked does, so that a load runs both at once.
func (x *Index) indexRestLocked(id uint32) {
	x.byKey[x.records[id].key] = id
	x.forEachKey(&x.records[id], nil,
		func(k uint32) { x.byDOB[k] = append(x.byDOB[k], posting{id: id, surname: gateToken(&x.records[id])}) },
		func(k uint64) {
			if _, ok := x.byID[k]; ok {
				x.byIDDup[k] = append(x.byIDDup[k], id)
			} else {
				x.byID[k] = id
			}
		})
	x.countStats(&x.records[id], +1)
}

// Remove drops the subject with key; unknown keys are ignored.
func (x *Index) Remove(key string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.unshareLocked()
	if id, ok := x.lookupKey(key); ok {
		x.removeLocked(id)
	}
}

// removeLocked drops record id. A record of the frozen lookups leaves its
// slot empty for good (see frozen); others leave the maps and free it.
func (x *Index) removeLocked(id uint32) {
	rec := &x.records[id]
	x.countStats(rec, -1)
	x.count--
	if x.inBase(id) {
		x.base.remove(id)
		x.tokens.count(rec, -1)
		x.tokens.release(rec)
		*rec = record{}
		return
	}
	x.forEachKey(rec, func(m map[uint64][]uint32, k uint64) { setOrDelete(m, k, without(m[k], id, func() {})) },
		func(k uint32) { setOrDelete(x.byDOB, k, withoutPosting(x.byDOB[k], id, func() {})) },
		func(k uint64) {
			if x.byID[k] == id {
				if dups := x.byIDDup[k]; len(dups) > 0 {
					x.byID[k] = dups[len(dups)-1]
					setOrDelete(x.byIDDup, k, without(dups, dups[len(dups)-1], func() {}))
				} else {
					delete(x.byID, k)
				}
			} else {
				setOrDelete(x.byIDDup, k, without(x.byIDDup[k], id, func() {}))
			}
		})
	delete(x.byKey, rec.key)
	x.tokens.count(rec, -1)
	x.tokens.release(rec)
	*rec = record{}
	x.free = append(x.free, id)
}

// setOrDelete stores list under k, or deletes k when list is empty, so
// that a key whose last record went does not stay behind with nothing.
func setOrDelete[K comparable, V any](m map[K][]V, k K, list []V) {
	if len(list) == 0 {
		delete(m, k)
	} else {
		m[k] = list
	}
}

// forEachKey calls the callbacks with every blocking key of rec: its birth
// date, its name-skeleton-plus-year keys, and its identifiers.
func (x *Index) forEachKey(rec *record, name func(map[uint64][]uint32, uint64), dob func(uint32), ident func(uint64)) {
	if rec.dob != 0 && dob != nil {
		dob(rec.dob)
	}
	if rec.ids != "" && ident != nil {
		for _, v := range strings.Split(rec.ids, "\x00") {
			ident(x.idKey(v))
		}
	}
	if name == nil {
		return
	}
	year := rec.dob >> 9
	var seenBuf [16]uint64
	seen := seenBuf[:0] // a record has few name keys: a list beats a map
	forms := func(k int) []string { return x.tokens.toks[rec.toks[k]>>2].forms }
	roleOf := func(k int) int {
		if rec.toks[k] == nameBreak {
			return -1
		}
		return int(rec.toks[k] & 3)
	}
	for i, t := range rec.toks {
		if t == nameBreak {
			continue
		}
		role := t & 3
		if role == rolePatronymic {
			continue
		}
		tf := x.tokens.toks[t>>2]
		if tf.isInitial() || particleIn(len(rec.toks), i, forms, roleOf) {
			continue
		}
		for _, s := range tf.skelStr {
			if k := x.nameKey(s, year); !slices.Contains(seen, k) {
				seen = append(seen, k)
				name(x.byName, k)
			}
		}
	}
}

func (x *Index) intern(s string) string {
	if v, ok := x.strs[s]; ok {
		return v
	}
	if x.strBytes+len(s) > maxInternBytes {
		return s // the table is full: this one is not shared
	}
	x.strs[s] = s
	x.strBytes += len(s)
	return s
}

// nationalities normalises a list of country codes (Unicode normalisation
// included, so that a fullwidth code is the code) to one string.
func nationalities(ns []string) string {
	var out []string
	for _, n := range ns {
		if len(out) == maxIdentifiers || len(n) > maxIdentifierLen {
			continue
		}
		if n = strings.ToUpper(strings.TrimSpace(romanize.Normalize(n))); n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, ",")
}

// identifiers returns the normalised document numbers and national IDs of
// p, without duplicates, within maxIdentifiers and maxIdentifierLen.
func identifiers(p trex.Person) []string {
	var out []string
	add := func(v string) {
		if len(out) == maxIdentifiers || len(v) > 4*maxIdentifierLen {
			return
		}
		v = trex.NormalizeDocumentNumber(v)
		if len(v) < 4 || len(v) > maxIdentifierLen {
			return
		}
		for _, o := range out {
			if o == v {
				return
			}
		}
		out = append(out, v)
	}
	for _, d := range p.Documents {
		add(d.Number)
	}
	for _, id := range p.Identifiers {
		add(id.Value)
	}
	return out
}

// nameToken is one word of a name and its role.
type nameToken struct {
	text string
	role int
}

// nameTokens splits a name into tokens with roles, within the limits of
// limitTokens. A name given only in full is split by the rules of
// splitFull.
func nameTokens(n trex.Name) []nameToken {
	return limitTokens(splitName(n))
}

func splitName(n trex.Name) []nameToken {
	if n.Surname == "" && n.Given == "" && n.Patronymic == "" {
		return splitFull(n.Full)
	}
	out := make([]nameToken, 0, 4) // room for the usual parts
	for _, t := range romanize.Tokens(n.Surname) {
		out = append(out, nameToken{t, roleSurname})
	}
	for _, t := range romanize.Tokens(n.Given) {
		out = append(out, nameToken{t, roleGiven})
	}
	for _, t := range romanize.Tokens(n.Patronymic) {
		out = append(out, nameToken{t, rolePatronymic})
	}
	return dropTitles(out)
}

// splitFull splits a full name. "SURNAME, Given" puts the surname first;
// otherwise the roles stay unknown and the comparison assigns them.
func splitFull(full string) []nameToken {
	var out []nameToken
	if i := strings.Index(full, ","); i > 0 {
		for _, t := range romanize.Tokens(full[:i]) {
			out = append(out, nameToken{t, roleSurname})
		}
		for _, t := range romanize.Tokens(full[i+1:]) {
			out = append(out, nameToken{t, roleGiven})
		}
		if len(out) > 0 && out[len(out)-1].role == roleGiven {
			return dropTitles(out)
		}
		out = out[:0]
	}
	for _, t := range romanize.Tokens(full) {
		out = append(out, nameToken{t, roleUnknown})
	}
	return dropTitles(out)
}
