package sqlite

import (
	"math"
	"testing"
	"time"

	"trex"
)

// TestTimesDoNotWrapAround: bounds beyond what nanoseconds reach saturate
// (UnixNano wraps 2300 to 1715), and such dates are refused for storage
// rather than stored as another.
func TestTimesDoNotWrapAround(t *testing.T) {
	far := time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)
	early := time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := nanos(far); got != math.MaxInt64 {
		t.Errorf("nanos(2300) = %d (%v), want the maximum", got, fromNanos(got))
	}
	if got := nanos(early); got != math.MinInt64 {
		t.Errorf("nanos(1500) = %d, want the minimum", got)
	}
	now := time.Now().UTC()
	if got := fromNanos(nanos(now)); !got.Equal(now) {
		t.Errorf("round trip of now: %v, want %v", got, now)
	}
	for _, d := range []time.Time{far, early, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)} {
		if _, err := storedNanos("valid_until", d); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("storedNanos(%v) err = %v, want EINVALID", d, err)
		}
	}
	if n, err := storedNanos("valid_until", now); err != nil || n != now.UnixNano() {
		t.Errorf("storedNanos(now) = %d, %v", n, err)
	}
}
