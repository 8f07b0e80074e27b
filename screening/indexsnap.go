package screening

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"trex"
)

// The snapshot of an index is its interned name parts and its packed
// records, in their slots, so that a node restarting on an unchanged
// replica reloads them instead of reading every name again. The lookups
// (birth dates, name keys, identifiers) and the statistics are derived
// from the records on load: they are keyed by a hash seeded per process.
//
//	"TXIX" version
//	uvarint T, then T token texts (uvarint length, bytes; empty: a free slot)
//	uvarint R, then R records: uvarint key length, key (empty: a free slot),
//	  and for a record: uvarint n, n uvarint tokens (0: name break,
//	  else tokenID<<2|role + 1), uvarint dob, sex, nationalities,
//	  identifiers (each uvarint length, bytes)
const (
	snapMagic   = "TXIX"
	snapVersion = 1
)

// maxSnapTokenLen bounds one token text in a snapshot (a name part is
// far shorter).
const maxSnapTokenLen = 1 << 10

// AppendSnapshot appends the index's snapshot to b.
func (x *Index) AppendSnapshot(b []byte) []byte {
	x.mu.RLock()
	defer x.mu.RUnlock()
	b = append(b, snapMagic...)
	b = append(b, snapVersion)
	b = binary.AppendUvarint(b, uint64(len(x.tokens.toks)))
	for _, tf := range x.tokens.toks {
		if tf == nil {
			b = append(b, 0)
			continue
		}
		b = appendString(b, tf.text)
	}
	b = binary.AppendUvarint(b, uint64(len(x.records)))
	for i := range x.records {
		rec := &x.records[i]
		if !rec.live {
			b = append(b, 0)
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
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrSnapshot is wrapped by every error LoadSnapshot returns for data
// that is not a whole, valid snapshot.
var ErrSnapshot = errors.New("not a valid index snapshot")

// LoadSnapshot replaces the index's contents with the snapshot data (as
// AppendSnapshot wrote it). Data that is truncated, of another version,
// or inconsistent is refused with an error wrapping ErrSnapshot, and the
// index is left as it was. The weights are kept.
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
	x.stats = y.stats // the query token cache depends on no record: kept
}

// snapReader reads a snapshot, remembering the first error.
type snapReader struct {
	s   string // the whole snapshot, so that keys and texts share it
	off int
	err error
}

func (r *snapReader) uvarint(max uint64, what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint([]byte(r.s[r.off:min(len(r.s), r.off+binary.MaxVarintLen64)]))
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

func decodeSnapshot(data []byte) (*Index, error) {
	if len(data) < len(snapMagic)+1 || string(data[:len(snapMagic)]) != snapMagic {
		return nil, errors.New("no snapshot header")
	}
	if v := data[len(snapMagic)]; v != snapVersion {
		return nil, fmt.Errorf("version %d, this build reads %d", v, snapVersion)
	}
	r := &snapReader{s: string(data), off: len(snapMagic) + 1}
	y := New()
	nt := r.uvarint(min(r.left(), math.MaxUint32>>2), "token count")
	y.tokens.toks = make([]*tokenForms, nt)
	y.tokens.holders = make([]uint32, nt)
	y.tokens.refs = make([]uint32, nt)
	y.tokens.ids = make(map[string]uint32, nt)
	for i := range y.tokens.toks {
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
		tf := newTokenForms(text)
		if tf.text != text {
			return nil, fmt.Errorf("token %d is not in the form the index keeps", i)
		}
		y.tokens.toks[i] = tf
		y.tokens.ids[text] = uint32(i)
	}
	nr := r.uvarint(min(r.left(), math.MaxUint32-1), "record count")
	if r.err != nil {
		return nil, r.err
	}
	y.records = make([]record, nr)
	y.byKey = make(map[string]uint32, nr)
	y.byName = make(map[uint64][]uint32, nr)
	y.byID = make(map[uint64]uint32, nr)
	maxToks := uint64(maxRecordNames * (maxTokens + 1))
	for i := range y.records {
		key := r.str(len(r.s), "key")
		if r.err != nil {
			return nil, r.err
		}
		if key == "" {
			y.free = append(y.free, uint32(i))
			continue
		}
		if _, dup := y.byKey[key]; dup {
			return nil, fmt.Errorf("record %d repeats a key", i)
		}
		rec := record{key: key, live: true}
		n := r.uvarint(min(r.left(), maxToks), "token list")
		rec.toks = make([]uint32, n)
		for k := range rec.toks {
			v := r.uvarint(math.MaxUint32, "token")
			if v == 0 {
				rec.toks[k] = nameBreak
				continue
			}
			v--
			if id := v >> 2; id >= nt || y.tokens.toks[id] == nil {
				if r.err == nil {
					r.err = fmt.Errorf("record %d names token %d, which the snapshot does not hold", i, id)
				}
				break
			}
			rec.toks[k] = uint32(v)
			y.tokens.refs[v>>2]++
		}
		rec.dob = uint32(r.uvarint(math.MaxUint32, "birth date"))
		rec.sex = trex.Sex(r.str(maxIdentifierLen, "sex"))
		rec.nat = y.intern(r.str(maxIdentifiers*(maxIdentifierLen+1), "nationalities"))
		rec.ids = r.str(maxIdentifiers*(maxIdentifierLen+1), "identifiers")
		if r.err != nil {
			return nil, r.err
		}
		y.records[i] = rec
	}
	if r.off != len(r.s) {
		return nil, fmt.Errorf("%d bytes after the last record", len(r.s)-r.off)
	}
	for i, tf := range y.tokens.toks {
		if tf != nil && y.tokens.refs[i] == 0 {
			return nil, fmt.Errorf("token %d is held by no record", i)
		}
	}
	y.deriveLookups()
	return y, nil
}

// deriveLookups enters the loaded records in the lookups and statistics,
// as Put does one by one, the name keys on one goroutine and the rest on
// another (they share no map); the sums by skeleton and first letter are
// added up by token rather than by record.
func (y *Index) deriveLookups() {
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range y.records {
			if y.records[i].live {
				y.indexNamesLocked(uint32(i))
			}
		}
	})
	for i := range y.records {
		if y.records[i].live {
			heldTokens(&y.records[i], func(id uint32) { y.tokens.holders[id]++ })
			y.indexRestLocked(uint32(i))
		}
	}
	for id, n := range y.tokens.holders {
		if n > 0 {
			y.tokens.countByForm(uint32(id), int(n))
		}
	}
	wg.Wait()
}
