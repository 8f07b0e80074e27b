package screening

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// TestHashStringOneWay: short strings (hashed in one call) and long ones
// (streamed) are the same hash of the seed, the string and the tail, and
// the seed changes it.
func TestHashStringOneWay(t *testing.T) {
	for n := range 80 {
		s := strings.Repeat("x", n)
		want := xxhash.Sum64([]byte("\x03\x00\x00\x00\x00\x00\x00\x00" + s + "\x07\x09"))
		if got := hashString(3, s, 7, 9); got != want {
			t.Fatalf("length %d: %x, want %x", n, got, want)
		}
		if hashString(4, s, 7, 9) == want {
			t.Fatalf("length %d: the seed does not change the hash", n)
		}
	}
}

// TestFlatTableFindsEveryKey: a flat table finds each key's values and
// nothing for keys it does not hold, at every size of its directory.
func TestFlatTableFindsEveryKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 3, 17, 1000, 20000} {
		want := map[uint64][]uint32{}
		var ps []kv[uint64, uint32]
		for i := range n {
			k := rng.Uint64()
			if i%5 == 0 && len(ps) > 0 {
				k = ps[rng.IntN(len(ps))].k // a key with several values
			}
			ps = append(ps, kv[uint64, uint32]{k, uint32(i)})
			want[k] = append(want[k], uint32(i))
		}
		tb := newFlatTable(ps)
		if !checkFlat(tb.keys, tb.offs, len(tb.vals)) {
			t.Fatalf("n=%d: table out of order", n)
		}
		for k, v := range want {
			if got := tb.get(k); !slices.Equal(got, v) {
				t.Fatalf("n=%d key %x: got %v, want %v", n, k, got, v)
			}
		}
		for range 1000 {
			if k := rng.Uint64(); want[k] == nil && tb.get(k) != nil {
				t.Fatalf("n=%d: found key %x it does not hold", n, k)
			}
		}
	}
}
