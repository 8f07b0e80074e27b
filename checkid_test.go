package trex_test

import (
	"strings"
	"testing"
	"time"

	"trex"
)

// TestCheckIDsSortByTimeAndDoNotRepeat: IDs made in later milliseconds
// sort after earlier ones, IDs of one millisecond differ, and an ID is
// "C" and 20 characters of the base32 hex alphabet.
func TestCheckIDsSortByTimeAndDoNotRepeat(t *testing.T) {
	at := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	var before, group string // the greatest ID of earlier milliseconds, of this one
	for i := range 2000 {
		if i%10 == 0 {
			before = max(before, group)
		}
		id := trex.NewCheckID(at.Add(time.Duration(i/10) * time.Millisecond))
		if len(id) != 21 || id[0] != 'C' || strings.Trim(id[1:], "0123456789ABCDEFGHIJKLMNOPQRSTUV") != "" {
			t.Fatalf("check ID %q: want C and 20 base32 hex characters", id)
		}
		if seen[id] {
			t.Fatalf("check ID %q made twice", id)
		}
		seen[id] = true
		if id <= before {
			t.Fatalf("check ID %q of a later millisecond sorts before %q", id, before)
		}
		group = max(group, id)
	}
	// The random half differs within a millisecond: not a counter.
	a, b := trex.NewCheckID(at), trex.NewCheckID(at)
	if a[:10] != b[:10] || a == b {
		t.Errorf("two IDs of one millisecond: %s, %s", a, b)
	}
}
