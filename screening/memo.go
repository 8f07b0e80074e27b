package screening

import (
	"sync"
	"unsafe"
)

// memo caches token comparisons for one check: many candidates share
// surnames and given names. A comparison is keyed by the record token and
// the traveller token's slot (its place among all the traveller's tokens,
// across names), so each pair is compared once. Rows live in a small open-addressing
// table keyed by token id, cleared cheaply between checks.
type memo struct {
	slots []int32 // 1 + index into rows, 0 when empty; len is a power of two
	shift uint    // 32 - log2(len(slots))
	rows  []memoRow
	// found holds the scored candidates of a check until they are
	// reported.
	found []scored
}

// memoRow holds the comparisons of one record token with the traveller's
// tokens, by position.
type memoRow struct {
	tok   uint32
	known uint16 // bit i: cm[i] is computed
	found int8   // tokenFound's answer: 0 not asked yet, 1 found, -1 not
	cm    [maxTokens]cmp
}

const memoMinSlots = 1024

// memoPool recycles the per-check comparison caches.
var memoPool = sync.Pool{New: func() any { return newMemo(memoMinSlots) }}

func newMemo(slots int) *memo {
	m := &memo{slots: make([]int32, slots), rows: make([]memoRow, 0, slots/2)}
	for n := slots; n > 1; n >>= 1 {
		m.shift++
	}
	m.shift = 32 - m.shift
	return m
}

// memoMaxBytes bounds what a pooled memo keeps between checks: a check
// that compared unusually many tokens or scored unusually many candidates
// grows its memo, and the pool must not hold that memory for good.
const memoMaxBytes = 4 << 20

// bytes is the memory m holds.
func (m *memo) bytes() int {
	return len(m.slots)*int(unsafe.Sizeof(int32(0))) + cap(m.rows)*int(unsafe.Sizeof(memoRow{})) +
		cap(m.found)*int(unsafe.Sizeof(scored{}))
}

// releaseMemo empties mm and returns it to the pool, or drops it when a
// large check left it bigger than a pooled memo may stay.
func releaseMemo(mm *memo) {
	if mm.bytes() > memoMaxBytes {
		return
	}
	mm.reset()
	memoPool.Put(mm)
}

// reset empties the memo for the next check.
func (m *memo) reset() {
	clear(m.slots)
	m.rows = m.rows[:0]
	clear(m.found)
	m.found = m.found[:0]
}

// row returns the row of record token tok, adding it when new. The pointer
// is valid until the next call of row.
func (m *memo) row(tok uint32) *memoRow {
	mask := uint32(len(m.slots) - 1)
	for h := (tok * 0x9E3779B1) >> m.shift; ; h = (h + 1) & mask {
		s := m.slots[h]
		if s == 0 {
			if 2*(len(m.rows)+1) > len(m.slots) {
				m.grow()
				return m.row(tok)
			}
			m.rows = append(m.rows, memoRow{tok: tok})
			m.slots[h] = int32(len(m.rows))
			return &m.rows[len(m.rows)-1]
		}
		if r := &m.rows[s-1]; r.tok == tok {
			return r
		}
	}
}

// grow doubles the table and re-inserts the rows.
func (m *memo) grow() {
	bigger := newMemo(2 * len(m.slots))
	bigger.rows = append(bigger.rows, m.rows...)
	bigger.found = m.found
	mask := uint32(len(bigger.slots) - 1)
	for k := range bigger.rows {
		h := (bigger.rows[k].tok * 0x9E3779B1) >> bigger.shift
		for bigger.slots[h] != 0 {
			h = (h + 1) & mask
		}
		bigger.slots[h] = int32(k + 1)
	}
	*m = *bigger
}

// get compares the traveller's token q in slot qi with record token tokID
// (whose forms are r), or returns the comparison already made for that
// slot. A negative slot is compared without the memo.
func (m *memo) get(qi int8, q *tokenForms, tokID uint32, r *tokenForms) cmp {
	if qi < 0 {
		return compareTokens(q, r)
	}
	return m.row(tokID).get(qi, q, r)
}

func (row *memoRow) get(qi int8, q, r *tokenForms) cmp {
	if qi < 0 {
		return compareTokens(q, r)
	}
	if row.known&(1<<qi) != 0 {
		return row.cm[qi]
	}
	c := compareTokens(q, r)
	row.cm[qi] = c
	row.known |= 1 << qi
	return c
}
