package screening

import (
	"encoding/binary"
	"iter"

	"github.com/cespare/xxhash/v2"
)

// frozen are the lookups of the records an index loaded from a snapshot:
// flat tables, read from the snapshot as they are (see flat.go). Records
// [0, Index.baseN) are entered in them and nowhere else; their slots are
// never reused, and a record removed since the load is marked in gone (a
// bit per record, which a lookup reads instead of the record, so that
// the surname gate still dismisses most postings without touching their
// records). Records put since the load are in the index's maps. An index
// built by Put alone has no frozen lookups.
type frozen struct {
	names *flatTable  // nameKey → records
	ids   *flatTable  // idKey → records holding the identifier
	keys  *flatTable  // keyHash → the record with that key
	dates *flatDates  // packed birth date → postings
	pairs *flatCounts // pairKey → records (see nameStats.pairs)
	gone  []uint64    // bit id: record id was removed since the load
}

// removed reports whether base record id was removed since the load.
func (f *frozen) removed(id uint32) bool { return f.gone[id/64]&(1<<(id%64)) != 0 }

// remove marks base record id removed.
func (f *frozen) remove(id uint32) { f.gone[id/64] |= 1 << (id % 64) }

// hashString is s and tail hashed after the index's seed: the seed is kept in the
// snapshot, so that the keys of its tables stay valid when loaded, and is
// chosen at random for each new index, so that nobody outside can pick
// names that fall under one key.
func hashString(seed uint64, s string, tail ...byte) uint64 {
	var buf [64]byte
	if 8+len(s)+len(tail) <= len(buf) { // most: one call, no streaming
		binary.LittleEndian.PutUint64(buf[:], seed)
		n := 8 + copy(buf[8:], s)
		n += copy(buf[n:], tail)
		return xxhash.Sum64(buf[:n])
	}
	var d xxhash.Digest // the same hash, streamed
	d.Reset()
	binary.LittleEndian.PutUint64(buf[:], seed)
	d.Write(buf[:8])
	d.WriteString(s)
	d.Write(tail)
	return d.Sum64()
}

func (x *Index) nameKey(skel string, year uint32) uint64 {
	return hashString(x.seed, skel, byte(year), byte(year>>8))
}

func (x *Index) idKey(v string) uint64 { return hashString(x.seed, v, 0) }

func (x *Index) keyHash(k string) uint64 { return hashString(x.seed, k, 1) }

// inBase reports whether record slot id belongs to the frozen lookups.
func (x *Index) inBase(id uint32) bool { return id < x.baseN }

// lookupKey returns the record holding key.
func (x *Index) lookupKey(key string) (uint32, bool) {
	if id, ok := x.byKey[key]; ok {
		return id, true
	}
	for _, id := range x.base.keys.get(x.keyHash(key)) {
		if rec := &x.records[id]; rec.live && rec.key == key {
			return id, true
		}
	}
	return 0, false
}

// dobPostings are the postings of the records born on packed date k.
func (x *Index) dobPostings(k uint32) iter.Seq[posting] {
	return func(yield func(posting) bool) {
		for _, p := range x.base.dates.get(k) {
			if !x.base.removed(p.id) && !yield(p) {
				return
			}
		}
		for _, p := range x.byDOB[k] {
			if !yield(p) {
				return
			}
		}
	}
}

// dobCount is how many records are born on packed date k.
func (x *Index) dobCount(k uint32) int {
	n := len(x.byDOB[k])
	for _, p := range x.base.dates.get(k) {
		if !x.base.removed(p.id) {
			n++
		}
	}
	return n
}

// nameHolders are the records under name key k.
func (x *Index) nameHolders(k uint64) iter.Seq[uint32] {
	return x.holders(x.base.names, x.byName, k)
}

// idHolders are the records holding the identifier of key k, the first
// holder put first among those put since a load.
func (x *Index) idHolders(k uint64) iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		for _, id := range x.base.ids.get(k) {
			if !x.base.removed(id) && !yield(id) {
				return
			}
		}
		if id, ok := x.byID[k]; ok {
			if !yield(id) {
				return
			}
			for _, d := range x.byIDDup[k] {
				if !yield(d) {
					return
				}
			}
		}
	}
}

func (x *Index) holders(t *flatTable, m map[uint64][]uint32, k uint64) iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		for _, id := range t.get(k) {
			if !x.base.removed(id) && !yield(id) {
				return
			}
		}
		for _, id := range m[k] {
			if !yield(id) {
				return
			}
		}
	}
}

// pairCounts counts records by name pair (see nameStats.pairs): the
// counts loaded with a snapshot, and over them the current count of each
// pair that changed since.
type pairCounts struct {
	base    *flatCounts
	changed map[uint64]uint32
	n       int // pairs with a count above zero
}

func newPairCounts() pairCounts { return pairCounts{changed: make(map[uint64]uint32)} }

func (p *pairCounts) get(k uint64) uint32 {
	if v, ok := p.changed[k]; ok {
		return v
	}
	return p.base.get(k)
}

// add adds delta to the count of k.
func (p *pairCounts) add(k uint64, delta int) {
	old := p.get(k)
	v := uint32(max(0, int(old)+delta))
	switch {
	case old == 0 && v > 0:
		p.n++
	case old > 0 && v == 0:
		p.n--
	}
	if v == p.base.get(k) {
		delete(p.changed, k) // as loaded: nothing to keep
	} else {
		p.changed[k] = v
	}
}

// len is how many pairs some record holds.
func (p *pairCounts) len() int { return p.n }
