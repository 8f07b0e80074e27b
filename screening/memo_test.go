package screening

import "testing"

// TestMemoGrows checks that the comparison cache keeps every row as it
// grows past its initial size, and is empty after a reset.
func TestMemoGrows(t *testing.T) {
	m := newMemo(memoMinSlots)
	const n = 10 * memoMinSlots
	for tok := uint32(0); tok < n; tok++ {
		m.row(tok * 7).found = int8(tok%2) + 1
	}
	if len(m.rows) != n {
		t.Fatalf("%d rows, want %d", len(m.rows), n)
	}
	for tok := uint32(0); tok < n; tok++ {
		if r := m.row(tok * 7); r.tok != tok*7 || r.found != int8(tok%2)+1 {
			t.Fatalf("row %d: %+v", tok*7, r)
		}
	}
	m.reset()
	if r := m.row(7); r.found != 0 || r.known != 0 || len(m.rows) != 1 {
		t.Fatalf("after reset: %+v, %d rows", r, len(m.rows))
	}
}
