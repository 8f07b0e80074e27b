package screening

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"syscall"
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

// live counts the postings of live records.
func (t *flatDates) live(x *Index) (n int) {
	if t == nil {
		return 0
	}
	for _, p := range t.vals {
		if x.records[p.id].live {
			n++
		}
	}
	return n
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
		"empty":   nil,
		"foreign": append([]byte("NOPE"), snap[4:]...),
		"version": append(append([]byte(snapMagic), snapVersion+1), snap[5:]...),
		// A snapshot of the first format (lookups derived on load) is
		// refused, and the node rebuilds.
		"version 1": append(append([]byte(snapMagic), 1), snap[5:]...),
		"trailing":  append(append([]byte{}, snap...), 0),
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
	runtime.GC()
	b.ResetTimer()
	cpu0 := processCPU()
	for b.Loop() {
		if err := New().LoadSnapshot(snap); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/restriction")
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/n, "cpu-ns/restriction")
}

// TestSnapshotRebuildsTheSameStructures: what a load reads (lookups,
// token counts, statistics) is what the index held, over a register with
// removals. Records are numbered anew in a snapshot, so the lookups are
// compared by the keys of the records they list, key by key, and by
// their sizes.
func TestSnapshotRebuildsTheSameStructures(t *testing.T) {
	ix, held := snapRegister(4, 3000)
	y := New()
	if err := y.LoadSnapshot(ix.AppendSnapshot(nil)); err != nil {
		t.Fatal(err)
	}
	sameStructures(t, ix, y, held)
}

// sameStructures fails t unless x and y hold the same records (by key)
// under the same lookups and statistics.
func sameStructures(t *testing.T, x, y *Index, held map[string]trex.Person) {
	t.Helper()
	eq := func(what string, a, b any) {
		t.Helper()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs after loading", what)
		}
	}
	if x.Len() != len(held) || y.Len() != len(held) {
		t.Fatalf("held %d, index %d, loaded %d", len(held), x.Len(), y.Len())
	}
	eq("token holders", x.tokens.holders, y.tokens.holders)
	eq("token refs", x.tokens.refs, y.tokens.refs)
	eq("holders by skeleton", x.tokens.bySkel, y.tokens.bySkel)
	eq("holders by initial", x.tokens.byInitial, y.tokens.byInitial)
	eq("interned", x.strs, y.strs)
	eq("records by sex", x.stats.bySex, y.stats.bySex)
	eq("birth-date statistics", [3]int{x.stats.dateCollisions, x.stats.dated, x.stats.yearSquares},
		[3]int{y.stats.dateCollisions, y.stats.dated, y.stats.yearSquares})
	eq("birth years", x.stats.byYear, y.stats.byYear)
	eq("name pairs", x.stats.pairs.len(), y.stats.pairs.len())
	keysOf := func(ix *Index, ids func(func(uint32) bool)) []string {
		var out []string
		for id := range ids {
			out = append(out, ix.records[id].key)
		}
		slices.Sort(out)
		return out
	}
	postings := map[string]int{}
	for k := range held {
		ida, ok1 := x.lookupKey(k)
		idb, ok2 := y.lookupKey(k)
		if !ok1 || !ok2 {
			t.Fatalf("key %s: held %v, loaded %v", k, ok1, ok2)
		}
		a, b := &x.records[ida], &y.records[idb]
		eq("record "+k, *a, *b)
		sur, giv := nameKeyOf(a)
		eq("name pair of "+k, x.stats.pairs.get(pairKey(sur, giv)), y.stats.pairs.get(pairKey(sur, giv)))
		x.forEachKey(a, func(_ map[uint64][]uint32, n uint64) {
			postings["name"]++
			eq("name key of "+k, keysOf(x, x.nameHolders(n)), keysOf(y, y.nameHolders(n)))
		}, func(d uint32) {
			postings["date"]++
			eq("birth date of "+k, x.dobCount(d), y.dobCount(d))
			var pa, pb []string
			for p := range x.dobPostings(d) {
				pa = append(pa, x.records[p.id].key+"/"+itoa(int(p.surname)))
			}
			for p := range y.dobPostings(d) {
				pb = append(pb, y.records[p.id].key+"/"+itoa(int(p.surname)))
			}
			slices.Sort(pa)
			slices.Sort(pb)
			eq("postings of "+k, pa, pb)
		}, func(i uint64) {
			postings["identifier"]++
			eq("identifier of "+k, keysOf(x, x.idHolders(i)), keysOf(y, y.idHolders(i)))
		})
	}
	// Nothing beyond: the lookups hold as many live postings as the
	// records' keys make.
	live := func(ids []uint32) (n int) {
		for _, id := range ids {
			if y.records[id].live {
				n++
			}
		}
		return n
	}
	n := map[string]int{"name": live(y.base.names.vals), "identifier": live(y.base.ids.vals), "date": y.base.dates.live(y)}
	for _, l := range y.byName {
		n["name"] += len(l)
	}
	for _, l := range y.byDOB {
		n["date"] += len(l)
	}
	for _, l := range y.byIDDup {
		n["identifier"] += len(l)
	}
	n["identifier"] += len(y.byID)
	for what, got := range n {
		if got != postings[what] {
			t.Errorf("%s postings: %d held, %d from the records", what, got, postings[what])
		}
	}
}

// TestLoadedIndexChangesAsTheIndex: a loaded index that goes on changing
// (records put, replaced and removed, loaded ones among them) answers as
// the index it was loaded from after the same changes, and its own
// snapshot loads to the same again.
func TestLoadedIndexChangesAsTheIndex(t *testing.T) {
	for seed := uint64(21); seed <= 22; seed++ {
		ix, held := snapRegister(seed, 1500)
		y := New()
		if err := y.LoadSnapshot(ix.AppendSnapshot(nil)); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(seed, 3))
		extra := bench.Register(seed+100, 600)
		keys := slices.Sorted(maps.Keys(held))
		for i, p := range extra {
			switch rng.IntN(3) {
			case 0: // a new record
				k := "extra-" + itoa(i)
				ix.Put(trex.Subject{Key: k, Person: p})
				y.Put(trex.Subject{Key: k, Person: p})
				held[k] = p
			case 1: // a loaded record changed
				k := keys[rng.IntN(len(keys))]
				ix.Put(trex.Subject{Key: k, Person: p})
				y.Put(trex.Subject{Key: k, Person: p})
				held[k] = p
			default: // a record removed
				k := keys[rng.IntN(len(keys))]
				ix.Remove(k)
				y.Remove(k)
				delete(held, k)
			}
		}
		sameStructures(t, ix, y, held)
		z := New()
		if err := z.LoadSnapshot(y.AppendSnapshot(nil)); err != nil {
			t.Fatal(err)
		}
		sameStructures(t, ix, z, held)
		var register []trex.Person
		for _, k := range slices.Sorted(maps.Keys(held)) {
			register = append(register, held[k])
		}
		qs := bench.Queries(register, seed, 300, 0.5)
		want := answers(t, ix, qs)
		matched := 0
		for i := 1; i < len(want); i += 2 {
			matched += len(want[i].([]trex.Match))
		}
		if matched == 0 {
			t.Fatal("no query matched anything; the comparison shows nothing")
		}
		for name, got := range map[string][]any{"loaded then changed": answers(t, y, qs), "reloaded": answers(t, z, qs)} {
			for i := 1; i < len(want); i += 2 {
				if !reflect.DeepEqual(want[i-1:i+1], got[i-1:i+1]) {
					t.Fatalf("seed %d %s, query %d: index %v, loaded %v", seed, name, i/2, want[i-1:i+1], got[i-1:i+1])
				}
			}
		}
	}
}

// TestCaptureIsTheMomentTaken: a capture writes the index as it was when
// taken, whatever changes come before it is written.
func TestCaptureIsTheMomentTaken(t *testing.T) {
	ix, _ := snapRegister(5, 400)
	before := ix.AppendSnapshot(nil)
	c := ix.Capture()
	for i, p := range bench.Register(6, 50) {
		ix.Put(trex.Subject{Key: "later-" + itoa(i), Person: p})
		ix.Remove(bench.RegisterID(i))
	}
	got := c.AppendTo(nil)
	c.Release()
	// The seed is the same and records are written in slot order, so
	// the two are byte for byte the same.
	if !slices.Equal(before, got) {
		t.Fatal("the capture wrote the index as changed after it was taken")
	}
	if slices.Equal(before, ix.AppendSnapshot(nil)) {
		t.Fatal("the changes after the capture are not in the index")
	}
}

// processCPU is the process's CPU time (user and system) in nanoseconds:
// a load runs on several goroutines, and on a shared machine its wall
// time measures the neighbours too.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkAppendSnapshot writes the snapshot of an index of 200k
// restrictions of the bench register (lookups derived from the records,
// encoded); the figure is the time per restriction.
func BenchmarkAppendSnapshot(b *testing.B) {
	const n = 200_000
	ix := New()
	for i, p := range bench.Register(11, n) {
		ix.Put(trex.Subject{Key: bench.RegisterID(i), Person: p})
	}
	runtime.GC()
	b.ResetTimer()
	cpu0 := processCPU()
	for b.Loop() {
		ix.AppendSnapshot(nil)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/restriction")
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/n, "cpu-ns/restriction")
}

// TestSnapshotRefusesKeysNotInTheirTable: a snapshot whose records do not
// stand under their own keys in its key table (here a key overwritten
// with another record's, which would hold one key twice) is refused.
func TestSnapshotRefusesKeysNotInTheirTable(t *testing.T) {
	people := bench.Register(12, 2)
	ix := New()
	ix.Put(trex.Subject{Key: "KEY-A", Person: people[0]})
	ix.Put(trex.Subject{Key: "KEY-B", Person: people[1]})
	snap := ix.AppendSnapshot(nil)
	if err := New().LoadSnapshot(snap); err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(snap, []byte("KEY-B"))
	copy(snap[i:], "KEY-A")
	if err := New().LoadSnapshot(snap); !errors.Is(err, ErrSnapshot) {
		t.Fatalf("a snapshot holding a key twice: %v", err)
	}
}
