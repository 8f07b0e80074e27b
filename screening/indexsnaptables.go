package screening

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"unsafe"
)

// appendTables derives the captured records' lookups and statistics, as
// Put enters them one by one, and appends them as flat tables (see
// indexsnap.go). Records are numbered as AppendTo writes them: the live
// ones in order.
func (c *Capture) appendTables(b []byte, start int) []byte {
	v := &Index{records: c.records, seed: c.seed}
	v.tokens.toks = c.toks
	live := 0
	for i := range c.records {
		if c.records[i].live {
			live++
		}
	}
	// Room for the usual number of keys per record, so that the lists
	// are not copied as they grow.
	names := make([]kv[uint64, uint32], 0, 4*live)
	ids := make([]kv[uint64, uint32], 0, 2*live)
	keys := make([]kv[uint64, uint32], 0, live)
	dates := make([]kv[uint32, posting], 0, live)
	pairKeys := make([]uint64, 0, live)
	var st nameStats
	byYear := map[uint32]uint32{}
	n := uint32(0)
	for i := range c.records {
		rec := &c.records[i]
		if !rec.live {
			continue
		}
		id := n
		n++
		keys = append(keys, kv[uint64, uint32]{v.keyHash(rec.key), id})
		v.forEachKey(rec, func(_ map[uint64][]uint32, k uint64) { names = append(names, kv[uint64, uint32]{k, id}) },
			func(k uint32) {
				dates = append(dates, kv[uint32, posting]{k, posting{id: id, surname: gateToken(rec)}})
			},
			func(k uint64) { ids = append(ids, kv[uint64, uint32]{k, id}) })
		st.bySex[sexIndex(rec.sex)]++
		if sur, giv := nameKeyOf(rec); sur != noGate && giv != noGate {
			pairKeys = append(pairKeys, pairKey(sur, giv))
		}
		if rec.dob != 0 && unpackDate(rec.dob).IsFull() {
			st.dated++
			byYear[rec.dob>>9]++
		}
	}
	nt, dt, it, kt := newFlatTable(names), newFlatDates(dates), newFlatTable(ids), newFlatTable(keys)
	for i := range dt.keys {
		if unpackDate(dt.keys[i]).IsFull() {
			c := int(dt.offs[i+1] - dt.offs[i])
			st.dateCollisions += c * (c - 1)
		}
	}
	slices.Sort(pairKeys)
	var pc flatCounts
	for i, k := range pairKeys {
		if i == 0 || k != pairKeys[i-1] {
			pc.keys = append(pc.keys, k)
			pc.vals = append(pc.vals, 0)
		}
		pc.vals[len(pc.vals)-1]++
	}
	years := make([]uint32, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	slices.Sort(years)
	counts := make([]uint32, len(years))
	for i, y := range years {
		counts[i] = byYear[y]
		st.yearSquares += int(counts[i]) * int(counts[i])
	}
	for _, t := range []*flatTable{nt, it, kt} {
		b = appendU64s(b, start, t.keys)
		b = appendU32s(b, start, t.offs)
		b = appendU32s(b, start, t.vals)
	}
	b = appendU32s(b, start, dt.keys)
	b = appendU32s(b, start, dt.offs)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(dt.vals)))
	for _, p := range dt.vals {
		b = binary.LittleEndian.AppendUint32(b, p.id)
		b = binary.LittleEndian.AppendUint32(b, p.surname)
	}
	b = pad8(b, start)
	b = appendU64s(b, start, pc.keys)
	b = appendU32s(b, start, pc.vals)
	b = appendU64s(b, start, []uint64{uint64(st.bySex[0]), uint64(st.bySex[1]), uint64(st.bySex[2]),
		uint64(st.dateCollisions), uint64(st.dated), uint64(st.yearSquares)})
	b = appendU32s(b, start, years)
	b = appendU32s(b, start, counts)
	return b
}

func appendU64s(b []byte, start int, vs []uint64) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(len(vs)))
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	return pad8(b, start)
}

func appendU32s(b []byte, start int, vs []uint32) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(len(vs)))
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return pad8(b, start)
}

// nativeLittleEndian: the tables' bytes are the machine's integers.
var nativeLittleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// u64s reads little-endian uint64s: in place when the machine and the
// address allow, else copied.
func u64s(b []byte) []uint64 {
	if len(b) == 0 {
		return nil
	}
	if nativeLittleEndian && uintptr(unsafe.Pointer(&b[0]))%8 == 0 {
		return unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), len(b)/8)
	}
	out := make([]uint64, len(b)/8)
	for i := range out {
		out[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return out
}

// u32s reads little-endian uint32s as u64s does.
func u32s(b []byte) []uint32 {
	if len(b) == 0 {
		return nil
	}
	if nativeLittleEndian && uintptr(unsafe.Pointer(&b[0]))%4 == 0 {
		return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)/4)
	}
	out := make([]uint32, len(b)/4)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

// decodeTables reads the tables and statistics that follow the records
// and checks them: sorted keys, offsets that fill their lists, records
// within the nr read, every record under its own key once.
func (y *Index) decodeTables(r *snapReader, nr int, nt uint64) error {
	table := func(what string) *flatTable {
		t := &flatTable{keys: u64s(r.fixed(8, what)), offs: u32s(r.fixed(4, what)), vals: u32s(r.fixed(4, what))}
		if r.err == nil && !checkFlat(t.keys, t.offs, len(t.vals)) {
			r.err = fmt.Errorf("%s table is not in order", what)
		}
		if r.err == nil && slices.ContainsFunc(t.vals, func(v uint32) bool { return int(v) >= nr }) {
			r.err = fmt.Errorf("%s table names a record the snapshot does not hold", what)
		}
		return t
	}
	names, ids, keys := table("name"), table("identifier"), table("key")
	dt := &flatDates{keys: u32s(r.fixed(4, "birth date")), offs: u32s(r.fixed(4, "birth date"))}
	if flat := r.fixed(8, "birth date"); r.err == nil {
		ps := u32s(flat)
		dt.vals = make([]posting, len(ps)/2)
		if len(dt.vals) > 0 && nativeLittleEndian && uintptr(unsafe.Pointer(&ps[0]))%4 == 0 {
			dt.vals = unsafe.Slice((*posting)(unsafe.Pointer(&ps[0])), len(ps)/2)
		} else {
			for i := range dt.vals {
				dt.vals[i] = posting{id: ps[2*i], surname: ps[2*i+1]}
			}
		}
		if !checkFlat(dt.keys, dt.offs, len(dt.vals)) {
			r.err = errors.New("birth date table is not in order")
		}
		for _, p := range dt.vals {
			if r.err == nil && (int(p.id) >= nr || p.surname != noGate && uint64(p.surname) >= nt) {
				r.err = errors.New("birth date table names a record or token the snapshot does not hold")
			}
		}
	}
	pc := &flatCounts{keys: u64s(r.fixed(8, "name pairs")), vals: u32s(r.fixed(4, "name pairs"))}
	if r.err == nil && (len(pc.keys) != len(pc.vals) || !slices.IsSorted(pc.keys) || slices.Contains(pc.vals, 0)) {
		r.err = errors.New("name pairs are not in order")
	}
	scalars := u64s(r.fixed(8, "statistics"))
	years, counts := u32s(r.fixed(4, "birth years")), u32s(r.fixed(4, "birth years"))
	if r.err != nil {
		return r.err
	}
	if len(scalars) != 6 || len(years) != len(counts) {
		return errors.New("statistics of another shape")
	}
	if r.off != len(r.b) {
		return fmt.Errorf("%d bytes after the last table", len(r.b)-r.off)
	}
	if err := y.checkKeys(keys); err != nil {
		return err
	}
	names.index()
	ids.index()
	keys.index()
	y.base = frozen{names: names, ids: ids, keys: keys, dates: dt, pairs: pc, gone: make([]uint64, (nr+63)/64)}
	st := &y.stats
	st.pairs = newPairCounts()
	st.pairs.base, st.pairs.n = pc, len(pc.keys)
	st.limit = &limitMemo{}
	for _, c := range pc.vals {
		st.countPair(0, c)
	}
	for i := range 3 {
		st.bySex[i] = int(scalars[i])
	}
	st.dateCollisions, st.dated, st.yearSquares = int(scalars[3]), int(scalars[4]), int(scalars[5])
	st.byYear = make(map[uint32]int, len(years))
	for i, yr := range years {
		st.byYear[yr] = int(counts[i])
	}
	return nil
}

// checkKeys checks that every record is under the hash of its key in the
// key table, once, and that no two records share a key. The hashes are
// taken in record order and compared in table order, so that neither
// pass jumps about the records.
func (y *Index) checkKeys(t *flatTable) error {
	if len(t.vals) != len(y.records) {
		return fmt.Errorf("the key table holds %d records, the snapshot %d", len(t.vals), len(y.records))
	}
	hashes := make([]uint64, len(y.records))
	for i := range y.records {
		hashes[i] = y.keyHash(y.records[i].key)
	}
	seen := make([]bool, len(y.records))
	for i, k := range t.keys {
		list := t.vals[t.offs[i]:t.offs[i+1]]
		for j, id := range list {
			if seen[id] || hashes[id] != k {
				return fmt.Errorf("record %d is not under its key", id)
			}
			seen[id] = true
			for _, o := range list[:j] { // keys that share a hash: rare
				if y.records[o].key == y.records[id].key {
					return fmt.Errorf("record %d repeats a key", id)
				}
			}
		}
	}
	return nil
}
