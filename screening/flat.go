package screening

import (
	stdcmp "cmp"
	"slices"
)

// The lookups of a loaded index are flat: sorted keys, the offsets of
// each key's values, and the values, all in a few slices that a snapshot
// holds as they are, so that loading one reads them instead of entering
// millions of entries in hash maps. They are never changed: what changes
// after a load goes to the index's maps (see base.go).

// flatTable maps uint64 keys (hashes: spread evenly over their range) to
// lists of record ids. A directory by the keys' top bits finds a key's
// neighbourhood at once; a short search finds the key.
type flatTable struct {
	keys []uint64 // sorted, distinct
	offs []uint32 // len(keys)+1: key i's values are vals[offs[i]:offs[i+1]]
	vals []uint32
	dir  []uint32 // len 1<<bits + 1: keys with top bits p are keys[dir[p]:dir[p+1]]
	bits uint8
}

// kv is one value of a key, to build a table from.
type kv[K stdcmp.Ordered, V any] struct {
	k K
	v V
}

// newFlatTable builds a table of ps, which must come in the order of
// their values (records in slot order): a stable sort by key keeps each
// key's values in that order.
func newFlatTable(ps []kv[uint64, uint32]) *flatTable {
	ps = radixSort(ps, 64, func(p kv[uint64, uint32]) uint64 { return p.k })
	t := &flatTable{}
	t.keys, t.offs, t.vals = groupSorted(ps)
	t.index()
	return t
}

// index builds the directory from the keys: a linear pass, one entry
// per four keys or so.
func (t *flatTable) index() {
	bits := uint8(0)
	for bits < 30 && 4<<bits < len(t.keys) { // about four keys a slot

		bits++
	}
	t.bits = bits
	t.dir = make([]uint32, 1<<bits+1)
	k := 0
	for p := range 1 << bits {
		t.dir[p] = uint32(k)
		for k < len(t.keys) && t.prefix(t.keys[k]) == uint64(p) {
			k++
		}
	}
	t.dir[1<<bits] = uint32(len(t.keys))
}

func (t *flatTable) prefix(k uint64) uint64 {
	if t.bits == 0 {
		return 0
	}
	return k >> (64 - t.bits)
}

// get returns the values of k (nil when absent); they must not be changed.
func (t *flatTable) get(k uint64) []uint32 {
	if t == nil || len(t.keys) == 0 {
		return nil
	}
	p := t.prefix(k)
	lo, hi := t.dir[p], t.dir[p+1]
	for i := lo; i < hi; i++ {
		switch {
		case t.keys[i] == k:
			return t.vals[t.offs[i]:t.offs[i+1]]
		case t.keys[i] > k:
			return nil
		}
	}
	return nil
}

// flatDates maps packed birth dates to their postings, by binary search
// (a register has some tens of thousands of distinct dates).
type flatDates struct {
	keys []uint32 // sorted, distinct
	offs []uint32
	vals []posting
}

// newFlatDates builds a table of ps, in the order of their records as
// newFlatTable does.
func newFlatDates(ps []kv[uint32, posting]) *flatDates {
	ps = radixSort(ps, 32, func(p kv[uint32, posting]) uint64 { return uint64(p.k) })
	t := &flatDates{}
	t.keys, t.offs, t.vals = groupSorted(ps)
	return t
}

// groupSorted splits ps, sorted by key, into its distinct keys, the
// offsets of each key's values (len(keys)+1 of them) and the values.
func groupSorted[K stdcmp.Ordered, V any](ps []kv[K, V]) (keys []K, offs []uint32, vals []V) {
	vals, offs = make([]V, len(ps)), []uint32{0}
	for i, p := range ps {
		if i == 0 || p.k != ps[i-1].k {
			if i > 0 {
				offs = append(offs, uint32(i))
			}
			keys = append(keys, p.k)
		}
		vals[i] = p.v
	}
	if len(ps) > 0 {
		offs = append(offs, uint32(len(ps)))
	}
	return keys, offs, vals
}

func (t *flatDates) get(k uint32) []posting {
	if t == nil {
		return nil
	}
	if i, ok := slices.BinarySearch(t.keys, k); ok {
		return t.vals[t.offs[i]:t.offs[i+1]]
	}
	return nil
}

// flatCounts maps uint64 keys to counts, by binary search.
type flatCounts struct {
	keys []uint64 // sorted, distinct
	vals []uint32
}

func (t *flatCounts) get(k uint64) uint32 {
	if t == nil {
		return 0
	}
	if i, ok := slices.BinarySearch(t.keys, k); ok {
		return t.vals[i]
	}
	return 0
}

// checkFlat reports whether keys are strictly increasing and offs are
// the offsets of len(keys) non-empty lists that fill n values: what a
// snapshot's tables must be before they are searched.
func checkFlat[K stdcmp.Ordered](keys []K, offs []uint32, n int) bool {
	if len(keys) == 0 {
		return len(offs) <= 1 && n == 0 && (len(offs) == 0 || offs[0] == 0)
	}
	if len(offs) != len(keys)+1 || offs[0] != 0 || int(offs[len(keys)]) != n {
		return false
	}
	for i := range keys {
		if offs[i+1] <= offs[i] || i > 0 && keys[i] <= keys[i-1] {
			return false
		}
	}
	return true
}

// radixSort sorts ps by the low bits of key, stably (items of one key
// keep their order), sixteen bits a pass: a few sequential passes where a
// comparison sort of tens of millions of items would take seconds. It
// returns the sorted slice, ps or a buffer of its size.
func radixSort[T any](ps []T, bits int, key func(T) uint64) []T {
	if len(ps) < 2 {
		return ps
	}
	buf := make([]T, len(ps))
	var count [1 << 16]int
	for shift := 0; shift < bits; shift += 16 {
		clear(count[:])
		for _, p := range ps {
			count[key(p)>>shift&0xffff]++
		}
		if count[key(ps[0])>>shift&0xffff] == len(ps) {
			continue // one digit: nothing moves
		}
		at := 0
		for i, c := range count {
			count[i] = at
			at += c
		}
		for _, p := range ps {
			d := key(p) >> shift & 0xffff
			buf[count[d]] = p
			count[d]++
		}
		ps, buf = buf, ps
	}
	return ps
}
