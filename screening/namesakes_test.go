package screening

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"trex"
)

// namesakeSearchOf runs the name search of a check of who over every birth
// year within bounds b, reporting nothing, and returns the postings it read
// and its refusal.
func namesakeSearchOf(ix *Index, who trex.Person, b nameBounds) (int, error) {
	var q query
	ix.prepare(&q, who)
	mm := newMemo(memoMinSlots)
	return ix.namesakeSearch(&q, everyBirthYear[:], b, func(id uint32) bool { return ix.namesake(&q, id, mm) },
		func(uint32, uint8) bool { return true })
}

// TestNameOnlySearchIsBounded fills a register with more holders of one
// name (the commonest surname and the commonest given name) than a check
// without a full birth date may score: a search on that name is refused as
// too many namesakes (whatever else the traveller's name holds), while a
// rare surname with the common given name, the common surname with a rare
// given name, a rare name, and the common name with a birth year or a full
// birth date are screened. The work a search does (the postings of the
// name keys it reads) stays within maxNamePostings in every case, and a
// search whose keys hold more is refused before it reads any.
func TestNameOnlySearchIsBounded(t *testing.T) {
	ix := New()
	common := trex.Name{Surname: "СМИРНОВ", Given: "ИВАН"}
	n := maxNameCandidates + maxNameCandidates/4
	for i := range n {
		d := trex.PartialDate{Year: 1940 + i%70, Month: 1 + i%12, Day: 1 + i%28}
		ix.Put(trex.Subject{Key: fmt.Sprintf("C%06d", i), Person: trex.Person{Names: []trex.Name{common}, BirthDate: d, Sex: trex.SexMale}})
	}
	ix.Put(trex.Subject{Key: "RARE", Person: trex.Person{Names: []trex.Name{{Surname: "ЦЫБУЛЬСКИЙ", Given: "ЕВСТАФИЙ"}},
		BirthDate: trex.MustPartialDate("1971-03-04"), Sex: trex.SexMale}})
	ix.Put(trex.Subject{Key: "RAREIVAN", Person: trex.Person{Names: []trex.Name{{Surname: "КОРНЕЙЧУК", Given: "ИВАН"}},
		BirthDate: trex.MustPartialDate("1966-08-21"), Sex: trex.SexMale}})
	// No search can read more postings than the register holds, each
	// key read once.
	held := 0
	for _, ids := range ix.byName {
		held += len(ids)
	}
	if held > maxNamePostings {
		t.Fatalf("the register holds %d postings, more than the bound %d: the test would test the wrong refusal", held, maxNamePostings)
	}

	refused := []trex.Person{
		{Names: []trex.Name{{Surname: "SMIRNOV", Given: "IVAN"}}},
		// Many tokens, each a common name, do not multiply the work.
		{Names: []trex.Name{{Full: strings.TrimSpace(strings.Repeat("SMIRNOV IVAN ", 6))}}},
	}
	for _, who := range refused {
		_, ms, err := ix.Match(context.Background(), who, nil)
		if trex.ErrorCode(err) != trex.EINVALID || !strings.Contains(err.Error(), "too many namesakes") {
			t.Fatalf("%+v: got %d matches and error %v, want a refusal for too many namesakes", who, len(ms), err)
		}
		if len(ms) != 0 {
			t.Fatalf("%+v: a refused search returned %d matches", who, len(ms))
		}
	}
	answered := []struct {
		who  trex.Person
		want string // the key referred, "" for none
	}{
		{trex.Person{Names: []trex.Name{{Surname: "TSYBULSKII", Given: "EVSTAFII"}}}, "RARE"},
		// A rare surname with the commonest given name: the given name's
		// holders are read, but none of them is a namesake.
		{trex.Person{Names: []trex.Name{{Surname: "KORNEICHUK", Given: "IVAN"}}}, "RAREIVAN"},
		// The commonest surname with a given name none of them holds.
		{trex.Person{Names: []trex.Name{{Surname: "SMIRNOV", Given: "EVSTAFII"}}}, ""},
	}
	for _, c := range answered {
		v, ms, err := ix.Match(context.Background(), c.who, nil)
		if err != nil {
			t.Fatalf("%+v: %v, want it screened", c.who, err)
		}
		got := ""
		for _, m := range ms {
			got += m.RestrictionID
		}
		if got != c.want || (c.want == "") != (v == trex.Clear) {
			t.Fatalf("%+v: %v with matches %q, want %q referred", c.who, v, got, c.want)
		}
	}
	// The work, refused or not.
	for _, who := range append(refused, answered[0].who, answered[1].who, answered[2].who) {
		postings, _ := namesakeSearchOf(ix, who, nameSearchBounds)
		if postings > held || postings > maxNamePostings {
			t.Fatalf("%+v: read %d postings, want at most %d (the register's) and %d (the bound)", who, postings, held, maxNamePostings)
		}
	}
	// A search whose keys hold more postings than the bound is refused
	// before it reads any, with its own answer; a rare name is not.
	tight := nameBounds{postings: n / 2, namesakes: maxNameCandidates}
	for _, who := range []trex.Person{refused[0], refused[1], answered[1].who} {
		postings, err := namesakeSearchOf(ix, who, tight)
		if trex.ErrorCode(err) != trex.EINVALID || !strings.Contains(err.Error(), "too common") || postings != 0 {
			t.Fatalf("%+v within %d postings: read %d, error %v; want a refusal as too common before reading", who, tight.postings, postings, err)
		}
	}
	if postings, err := namesakeSearchOf(ix, answered[0].who, tight); err != nil || postings == 0 || postings > 8 {
		t.Fatalf("rare name within %d postings: read %d, error %v; want it searched", tight.postings, postings, err)
	}

	// A birth year narrows the search to three years of births.
	if _, _, err := ix.Match(context.Background(), trex.Person{Names: []trex.Name{{Surname: "SMIRNOV", Given: "IVAN"}},
		BirthDate: trex.PartialDate{Year: 1975}}, nil); err != nil {
		t.Fatalf("common name with a birth year: %v", err)
	}
	v, ms, err := ix.Match(context.Background(), trex.Person{Names: []trex.Name{{Surname: "SMIRNOV", Given: "IVAN"}},
		BirthDate: trex.MustPartialDate("1941-02-02"), Sex: trex.SexMale}, nil)
	if err != nil || v == trex.Clear {
		t.Fatalf("common name with a full birth date: %v, %v; want it screened and referred", v, err)
	}
	for _, m := range ms {
		if m.Verdict != trex.Refer {
			t.Fatalf("common name with a full birth date: %s %s", m.RestrictionID, m.Verdict)
		}
	}
}

// BenchmarkCheckNameOnly times a supervisor's search on the name alone
// (the names of the mixed queries, without birth date or document)
// against the shared benchmark index, reporting the share refused and the
// postings a search reads besides the latencies.
func BenchmarkCheckNameOnly(b *testing.B) {
	ix, people := benchSetup(b)
	nameDOB, _ := mixedQueries(people, 4096)
	queries := make([]trex.Person, len(nameDOB))
	for i, p := range nameDOB {
		queries[i] = trex.Person{Names: p.Names, Sex: p.Sex}
	}
	refused, postings := 0, 0
	for _, q := range queries {
		n, err := namesakeSearchOf(ix, q, nameSearchBounds)
		postings += n
		if err != nil {
			refused++
		}
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wall := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c0, okCPU := threadCPU()
		start := time.Now()
		_, _, err := ix.Match(context.Background(), queries[i%len(queries)], nil)
		wall = append(wall, time.Since(start))
		if c1, ok := threadCPU(); ok && okCPU {
			cpu = append(cpu, c1-c0)
		}
		if err != nil && trex.ErrorCode(err) != trex.EINVALID {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportLatencies(b, wall, "µs")
	reportLatencies(b, cpu, "cpu-µs")
	b.ReportMetric(float64(refused)/float64(len(queries)), "refused")
	b.ReportMetric(float64(postings)/float64(len(queries)), "postings/search")
}

// TestNamesakeGateChangesNoAnswer searches the names of the bench mix
// without a full birth date with and without the namesake gate, unbounded,
// scoring every record reported: the same records are worth reporting,
// and the gate spared the scoring of most.
func TestNamesakeGateChangesNoAnswer(t *testing.T) {
	ix, qs := plainPathRegister(t, 5_000, 600)
	unbounded := nameBounds{postings: math.MaxInt, namesakes: math.MaxInt}
	searched, reported, gatedReported := 0, 0, 0
	for _, p := range qs {
		if len(p.Names) == 0 || p.BirthDate.IsFull() {
			continue
		}
		var q query
		ix.prepare(&q, p)
		mm := newMemo(memoMinSlots)
		years := everyBirthYear[:]
		if y := uint32(p.BirthDate.Year); y != 0 {
			years = []uint32{y - 1, y, y + 1}
		}
		worth := func(agrees func(uint32) bool) (ids []uint32, n int) {
			_, err := ix.namesakeSearch(&q, years, unbounded, agrees, func(id uint32, how uint8) bool {
				n++
				if _, ok := ix.score(&q, id, how, mm); ok {
					ids = append(ids, id)
				}
				return true
			})
			if err != nil {
				t.Fatalf("%+v: unbounded search refused: %v", p, err)
			}
			slices.Sort(ids)
			return ids, n
		}
		all, n := worth(nil)
		gated, gn := worth(func(id uint32) bool { return ix.namesake(&q, id, mm) })
		if !slices.Equal(all, gated) {
			t.Fatalf("%+v: %d records worth reporting without the gate, %d with it", p, len(all), len(gated))
		}
		searched++
		reported += n
		gatedReported += gn
	}
	if searched < 50 || gatedReported*2 > reported {
		t.Fatalf("%d searches, %d records reported without the gate and %d with it: the test proves little", searched, reported, gatedReported)
	}
	t.Logf("%d searches: %d records scored without the gate, %d with it, the same worth reporting", searched, reported, gatedReported)
}
