package screening

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"trex"
	"trex/bench"
)

// snapRegister builds an index of a random register with some records
// removed and replaced, so that it has free slots, and returns it and the
// persons it holds by key.
func snapRegister(seed uint64, n int) (*Index, map[string]trex.Person) {
	people := bench.Register(seed, n)
	rng := rand.New(rand.NewPCG(seed, 7))
	ix := New()
	held := map[string]trex.Person{}
	for i, p := range people {
		k := bench.RegisterID(i)
		ix.Put(trex.Subject{Key: k, Person: p})
		held[k] = p
		if i > 0 && rng.IntN(10) == 0 { // an older record lifted
			gone := bench.RegisterID(rng.IntN(i))
			ix.Remove(gone)
			delete(held, gone)
		}
	}
	return ix, held
}

func answers(t *testing.T, ix *Index, qs []bench.Query) []any {
	t.Helper()
	var out []any
	for _, q := range qs {
		v, ms, err := ix.Match(context.Background(), q.Person, nil)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v, ms)
	}
	return out
}

// TestSnapshotAnswersAsTheIndex: an index loaded from a snapshot answers
// every query with the same matches and scores as the index it was taken
// of, over random registers with removals.
func TestSnapshotAnswersAsTheIndex(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		ix, held := snapRegister(seed, 2000)
		snap := ix.AppendSnapshot(nil)
		loaded := New()
		if err := loaded.LoadSnapshot(snap); err != nil {
			t.Fatal(err)
		}
		if loaded.Len() != len(held) || ix.Len() != len(held) {
			t.Fatalf("seed %d: loaded %d, index %d, held %d", seed, loaded.Len(), ix.Len(), len(held))
		}
		var register []trex.Person
		for _, p := range held {
			register = append(register, p)
		}
		qs := bench.Queries(register, seed, 300, 0.5)
		want, got := answers(t, ix, qs), answers(t, loaded, qs)
		matched := 0
		for i := 1; i < len(want); i += 2 {
			matched += len(want[i].([]trex.Match))
			if !reflect.DeepEqual(want[i-1:i+1], got[i-1:i+1]) {
				t.Fatalf("seed %d query %d (%+v): index %v, loaded %v", seed, i/2, qs[i/2].Person, want[i-1:i+1], got[i-1:i+1])
			}
		}
		if matched == 0 {
			t.Fatalf("seed %d: no query matched anything; the comparison shows nothing", seed)
		}
		// The loaded index keeps working: a new record and a removal.
		p := register[0]
		loaded.Put(trex.Subject{Key: "new", Person: p})
		if _, ms, _ := loaded.Match(context.Background(), p, nil); !containsKey(ms, "new") {
			t.Fatalf("seed %d: a record put after loading is not found", seed)
		}
		loaded.Remove("new")
		if _, ms, _ := loaded.Match(context.Background(), p, nil); containsKey(ms, "new") || loaded.Len() != len(held) {
			t.Fatalf("seed %d: a record removed after loading is still held", seed)
		}
	}
}

func containsKey(ms []trex.Match, key string) bool {
	for _, m := range ms {
		if m.RestrictionID == key {
			return true
		}
	}
	return false
}

// TestSnapshotRefusesBadData: a truncated snapshot, another version,
// another format and trailing bytes are refused, and the index is left as
// it was.
func TestSnapshotRefusesBadData(t *testing.T) {
	ix, _ := snapRegister(9, 300)
	snap := ix.AppendSnapshot(nil)
	cases := map[string][]byte{
		"empty":    nil,
		"foreign":  append([]byte("NOPE"), snap[4:]...),
		"version":  append(append([]byte(snapMagic), snapVersion+1), snap[5:]...),
		"trailing": append(append([]byte{}, snap...), 0),
	}
	for _, cut := range []int{5, 6, len(snap) / 3, len(snap) / 2, len(snap) - 1} {
		cases["cut at "+itoa(cut)] = snap[:cut]
	}
	target, _ := snapRegister(10, 50)
	before := target.Len()
	for name, data := range cases {
		err := target.LoadSnapshot(data)
		if !errors.Is(err, ErrSnapshot) {
			t.Errorf("%s: got %v, want an ErrSnapshot", name, err)
		}
		if target.Len() != before {
			t.Fatalf("%s: a refused snapshot changed the index", name)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// FuzzLoadSnapshot: no input makes the reader panic or run away; what it
// accepts is an index that answers and snapshots again to what loads.
func FuzzLoadSnapshot(f *testing.F) {
	ix, _ := snapRegister(3, 20)
	f.Add(ix.AppendSnapshot(nil))
	f.Add([]byte(snapMagic + "\x01\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		x := New()
		if err := x.LoadSnapshot(data); err != nil {
			if !errors.Is(err, ErrSnapshot) {
				t.Fatalf("error not wrapping ErrSnapshot: %v", err)
			}
			return
		}
		n := x.Len()
		x.Match(context.Background(), trex.Person{Names: []trex.Name{{Full: "Ivan Petrov"}}}, nil)
		y := New()
		if err := y.LoadSnapshot(x.AppendSnapshot(nil)); err != nil || y.Len() != n {
			t.Fatalf("accepted snapshot does not round-trip: %v (%d vs %d)", err, y.Len(), n)
		}
	})
}

// BenchmarkLoadSnapshot loads a snapshot of 200k restrictions of the
// bench register; the figure is the time per restriction.
func BenchmarkLoadSnapshot(b *testing.B) {
	const n = 200_000
	ix := New()
	for i, p := range bench.Register(11, n) {
		ix.Put(trex.Subject{Key: bench.RegisterID(i), Person: p})
	}
	snap := ix.AppendSnapshot(nil)
	b.ResetTimer()
	for b.Loop() {
		if err := New().LoadSnapshot(snap); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/restriction")
}

// TestSnapshotRebuildsTheSameStructures: what a load derives (lookups,
// token counts, statistics) is what the index held, over a register with
// removals; lists are compared as sets (a removal reorders them) and the
// lookups keyed by the per-process hash by their sizes.
func TestSnapshotRebuildsTheSameStructures(t *testing.T) {
	ix, _ := snapRegister(4, 3000)
	y := New()
	if err := y.LoadSnapshot(ix.AppendSnapshot(nil)); err != nil {
		t.Fatal(err)
	}
	eq := func(what string, a, b any) {
		t.Helper()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs after loading", what)
		}
	}
	eq("keys", ix.byKey, y.byKey)
	eq("token holders", ix.tokens.holders, y.tokens.holders)
	eq("token refs", ix.tokens.refs, y.tokens.refs)
	eq("holders by skeleton", ix.tokens.bySkel, y.tokens.bySkel)
	eq("holders by initial", ix.tokens.byInitial, y.tokens.byInitial)
	eq("name statistics", ix.stats, y.stats)
	eq("interned", ix.strs, y.strs)
	sorted := func(m map[uint32][]posting) map[uint32][]posting {
		out := map[uint32][]posting{}
		for k, v := range m {
			v = slices.Clone(v)
			slices.SortFunc(v, func(a, b posting) int { return int(a.id) - int(b.id) })
			out[k] = v
		}
		return out
	}
	eq("birth dates", sorted(ix.byDOB), sorted(y.byDOB))
	postings := func(m map[uint64][]uint32) (n int) {
		for _, v := range m {
			n += len(v)
		}
		return n
	}
	if len(ix.byName) != len(y.byName) || postings(ix.byName) != postings(y.byName) {
		t.Errorf("name keys: %d keys %d postings, loaded %d and %d", len(ix.byName), postings(ix.byName), len(y.byName), postings(y.byName))
	}
	if len(ix.byID) != len(y.byID) || postings(ix.byIDDup) != postings(y.byIDDup) {
		t.Errorf("identifiers: %d+%d, loaded %d+%d", len(ix.byID), postings(ix.byIDDup), len(y.byID), postings(y.byIDDup))
	}
}
