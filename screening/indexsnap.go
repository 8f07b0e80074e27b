package screening

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"unsafe"

	"trex"
)

// The snapshot of an index is its interned name parts, its live records
// (numbered anew, densely), and its lookups and statistics as flat
// tables (flat.go), so that a node restarting on an unchanged replica
// reads them as they are: nothing is hashed or entered in a map per
// record. The hashes are keyed by the index's seed, which the snapshot
// keeps.
//
//	"TXIX" version, 3 zero bytes, seed (uint64)
//	uvarint T, then T token texts (uvarint length, bytes; empty: a free slot)
//	uvarint R, then R records: uvarint key length, key, uvarint n, n
//	  uvarint tokens (0: name break, else tokenID<<2|role + 1), uvarint
//	  dob, sex, nationalities, identifiers (each uvarint length, bytes)
//	zero bytes to a multiple of 8, then arrays, each a uint64 count and
//	  the items, padded with zeros to a multiple of 8: the name table's
//	  keys (uint64), offsets (uint32), records (uint32); the identifier
//	  table's, the key table's; the birth-date table's keys (uint32),
//	  offsets (uint32), postings (record, surname token: uint32 each);
//	  the name pairs' keys (uint64) and counts (uint32); the statistics
//	  (uint64: records by sex ×3, dateCollisions, dated, yearSquares);
//	  the birth years (uint32) and their counts (uint32)
//
// Integers of fixed size are little-endian. An index whose tables sit at
// an aligned address on a little-endian machine reads them in place.
const (
	snapMagic   = "TXIX"
	snapVersion = 2
)

// maxSnapTokenLen bounds one token text in a snapshot (a name part is
// far shorter).
const maxSnapTokenLen = 1 << 10

// AppendSnapshot appends the index's snapshot to b.
func (x *Index) AppendSnapshot(b []byte) []byte {
	c := x.Capture()
	defer c.Release()
	return c.AppendTo(b)
}

// CaptureSnapshot is Capture for border.SnapshotMatcher: write appends
// the captured snapshot to a buffer, release ends the capture.
func (x *Index) CaptureSnapshot() (write func(b []byte) []byte, release func()) {
	c := x.Capture()
	return c.AppendTo, c.Release
}

// Capture is an index's contents at one moment, taken in constant time,
// to be written out (AppendTo) while the index goes on changing.
type Capture struct {
	x       *Index
	records []record
	toks    []*tokenForms
	seed    uint64
	gen     uint64
	once    sync.Once
}

// Capture takes the index's contents as they are now, for AppendTo.
// The index's record and token slots are shared with the capture until
// Release: the first change after it copies them (copy on write), so a
// capture costs the index nothing when no change comes before Release.
func (x *Index) Capture() *Capture {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.sharedBy++
	return &Capture{x: x, records: x.records, toks: x.tokens.toks, seed: x.seed, gen: x.gen}
}

// Release ends the capture; it must not be used after.
func (c *Capture) Release() {
	c.once.Do(func() {
		c.x.mu.Lock()
		defer c.x.mu.Unlock()
		if c.gen == c.x.gen {
			c.x.sharedBy--
		}
	})
}

// unshareLocked gives the index its own record and token slots when a
// capture shares them, before they are changed.
func (x *Index) unshareLocked() {
	if x.sharedBy == 0 {
		return
	}
	x.records = slices.Clone(x.records)
	x.tokens.toks = slices.Clone(x.tokens.toks)
	x.sharedBy = 0
	x.gen++
}

// AppendTo appends the captured index's snapshot to b. It takes no lock.
func (c *Capture) AppendTo(b []byte) []byte {
	start := len(b)
	b = append(b, snapMagic...)
	b = append(b, snapVersion, 0, 0, 0)
	b = binary.LittleEndian.AppendUint64(b, c.seed)
	b = binary.AppendUvarint(b, uint64(len(c.toks)))
	for _, tf := range c.toks {
		if tf == nil {
			b = append(b, 0)
			continue
		}
		b = appendString(b, tf.text)
	}
	live := 0
	for i := range c.records {
		if c.records[i].live {
			live++
		}
	}
	b = binary.AppendUvarint(b, uint64(live))
	for i := range c.records {
		rec := &c.records[i]
		if !rec.live {
			continue
		}
		b = appendString(b, rec.key)
		b = binary.AppendUvarint(b, uint64(len(rec.toks)))
		for _, t := range rec.toks {
			if t == nameBreak {
				b = append(b, 0)
			} else {
				b = binary.AppendUvarint(b, uint64(t)+1)
			}
		}
		b = binary.AppendUvarint(b, uint64(rec.dob))
		b = appendString(b, string(rec.sex))
		b = appendString(b, rec.nat)
		b = appendString(b, rec.ids)
	}
	b = pad8(b, start)
	return c.appendTables(b, start)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func pad8(b []byte, start int) []byte {
	for (len(b)-start)%8 != 0 {
		b = append(b, 0)
	}
	return b
}

// ErrSnapshot is wrapped by every error LoadSnapshot returns for data
// that is not a whole, valid snapshot.
var ErrSnapshot = errors.New("not a valid index snapshot")

// LoadSnapshot replaces the index's contents with the snapshot data (as
// AppendSnapshot wrote it). Data that is truncated, of another version,
// or inconsistent is refused with an error wrapping ErrSnapshot, and the
// index is left as it was. The weights are kept. The index reads its
// tables and strings from data: data must not be changed after a load.
func (x *Index) LoadSnapshot(data []byte) error {
	y, err := decodeSnapshot(data)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSnapshot, err)
	}
	x.replace(y)
	return nil
}

// Reset empties the index; the weights are kept.
func (x *Index) Reset() { x.replace(New()) }

// replace gives x the contents of y.
func (x *Index) replace(y *Index) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.records, x.free, x.byKey = y.records, y.free, y.byKey
	x.byDOB, x.byName, x.byID, x.byIDDup = y.byDOB, y.byName, y.byID, y.byIDDup
	x.tokens, x.strs, x.strBytes, x.seed = y.tokens, y.strs, y.strBytes, y.seed
	x.base, x.baseN, x.count = y.base, y.baseN, y.count
	x.stats = y.stats // the query token cache depends on no record: kept
	x.refreshLimitLocked(true)
	// Captures keep the slices they took; these are new.
	x.sharedBy = 0
	x.gen++
}

// snapReader reads a snapshot, remembering the first error.
type snapReader struct {
	s   string // the whole snapshot, so that keys and texts share it
	b   []byte // the same bytes
	off int
	err error
}

func (r *snapReader) uvarint(max uint64, what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:min(len(r.b), r.off+binary.MaxVarintLen64)])
	if n <= 0 {
		r.err = fmt.Errorf("%s at byte %d: truncated or overlong number", what, r.off)
		return 0
	}
	r.off += n
	if v > max {
		r.err = fmt.Errorf("%s at byte %d: %d is more than %d", what, r.off, v, max)
		return 0
	}
	return v
}

func (r *snapReader) str(max int, what string) string {
	n := int(r.uvarint(uint64(max), what))
	if r.err != nil {
		return ""
	}
	if n > len(r.s)-r.off {
		r.err = fmt.Errorf("%s at byte %d: truncated", what, r.off)
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

// left is how many bytes remain: no count may exceed it, since each
// entry takes at least one byte.
func (r *snapReader) left() uint64 { return uint64(len(r.s) - r.off) }

// fixed returns the next array of items of size bytes each (a uint64
// count, the items, padding to a multiple of 8).
func (r *snapReader) fixed(size int, what string) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b)-r.off < 8 {
		r.err = fmt.Errorf("%s at byte %d: truncated", what, r.off)
		return nil
	}
	n := binary.LittleEndian.Uint64(r.b[r.off:])
	r.off += 8
	if n > uint64(len(r.b)-r.off)/uint64(size) {
		r.err = fmt.Errorf("%s at byte %d: %d items do not fit", what, r.off, n)
		return nil
	}
	items := r.b[r.off : r.off+int(n)*size]
	r.off += (len(items) + 7) &^ 7
	if r.off > len(r.b) {
		r.err = fmt.Errorf("%s at byte %d: truncated", what, r.off)
		return nil
	}
	return items
}

func decodeSnapshot(data []byte) (*Index, error) {
	if len(data) < 16 || string(data[:len(snapMagic)]) != snapMagic {
		return nil, errors.New("no snapshot header")
	}
	if v := data[len(snapMagic)]; v != snapVersion {
		return nil, fmt.Errorf("version %d, this build reads %d", v, snapVersion)
	}
	r := &snapReader{s: unsafe.String(&data[0], len(data)), b: data, off: 16}
	y := New()
	y.seed = binary.LittleEndian.Uint64(data[8:])
	nt := r.uvarint(min(r.left(), math.MaxUint32>>2), "token count")
	texts := make([]string, nt)
	y.tokens.toks = make([]*tokenForms, nt)
	y.tokens.holders = make([]uint32, nt)
	y.tokens.refs = make([]uint32, nt)
	y.tokens.ids = make(map[string]uint32, nt)
	for i := range texts {
		text := r.str(maxSnapTokenLen, "token")
		if r.err != nil {
			return nil, r.err
		}
		if text == "" {
			y.tokens.free = append(y.tokens.free, uint32(i))
			continue
		}
		if _, dup := y.tokens.ids[text]; dup {
			return nil, fmt.Errorf("token %d repeats another", i)
		}
		texts[i] = text
		y.tokens.ids[text] = uint32(i)
	}
	// The tokens are read (romanised, their skeletons found) on two
	// goroutines while the records are read.
	var formsErr error
	var wg sync.WaitGroup
	wg.Go(func() { formsErr = tokensForms(texts, y.tokens.toks) })
	nr, err := y.decodeRecords(r, texts)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if formsErr != nil {
		return nil, formsErr
	}
	if err := y.decodeTables(r, nr, nt); err != nil {
		return nil, err
	}
	for i, tf := range y.tokens.toks {
		if tf != nil && y.tokens.refs[i] == 0 {
			return nil, fmt.Errorf("token %d is held by no record", i)
		}
	}
	for i := range y.records {
		heldTokens(&y.records[i], func(id uint32) { y.tokens.holders[id]++ })
	}
	for id, n := range y.tokens.holders {
		if n > 0 {
			y.tokens.countByForm(uint32(id), int(n))
		}
	}
	return y, nil
}

// tokensForms fills forms with the forms of each non-empty text, on two
// goroutines.
func tokensForms(texts []string, forms []*tokenForms) error {
	half := len(texts) / 2
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for part, span := range [2][2]int{{0, half}, {half, len(texts)}} {
		wg.Go(func() {
			for i := span[0]; i < span[1]; i++ {
				if texts[i] == "" {
					continue
				}
				tf := newTokenForms(texts[i])
				if tf.text != texts[i] {
					errs[part] = fmt.Errorf("token %d is not in the form the index keeps", i)
					return
				}
				forms[i] = tf
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// decodeRecords reads the records; their token lists share one array.
func (y *Index) decodeRecords(r *snapReader, texts []string) (int, error) {
	nt := uint64(len(texts))
	nr := r.uvarint(min(r.left(), math.MaxUint32-1), "record count")
	if r.err != nil {
		return 0, r.err
	}
	y.records = make([]record, nr)
	var arena []uint32
	maxToks := uint64(maxRecordNames * (maxTokens + 1))
	for i := range y.records {
		key := r.str(len(r.s), "key")
		if r.err == nil && key == "" {
			r.err = fmt.Errorf("record %d has no key", i)
		}
		rec := record{key: key, live: true}
		n := r.uvarint(min(r.left(), maxToks), "token list")
		if r.err != nil {
			return 0, r.err
		}
		if len(arena)+int(n) > cap(arena) {
			arena = make([]uint32, 0, max(1<<16, int(n)))
		}
		at := len(arena)
		for range n {
			v := r.uvarint(math.MaxUint32, "token")
			if v == 0 {
				arena = append(arena, nameBreak)
				continue
			}
			v--
			if id := v >> 2; id >= nt || texts[id] == "" {
				if r.err == nil {
					r.err = fmt.Errorf("record %d names token %d, which the snapshot does not hold", i, id)
				}
				break
			}
			arena = append(arena, uint32(v))
			y.tokens.refs[v>>2]++
		}
		rec.toks = arena[at:len(arena):len(arena)]
		rec.dob = uint32(r.uvarint(math.MaxUint32, "birth date"))
		rec.sex = trex.Sex(r.str(maxIdentifierLen, "sex"))
		rec.nat = y.intern(r.str(maxIdentifiers*(maxIdentifierLen+1), "nationalities"))
		rec.ids = r.str(maxIdentifiers*(maxIdentifierLen+1), "identifiers")
		if r.err != nil {
			return 0, r.err
		}
		y.records[i] = rec
	}
	y.baseN, y.count = uint32(nr), int(nr)
	for r.off%8 != 0 {
		if r.off >= len(r.b) || r.b[r.off] != 0 {
			return 0, errors.New("no padding after the records")
		}
		r.off++
	}
	return int(nr), nil
}
