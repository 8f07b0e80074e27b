package screening

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"trex"
	"trex/bench"
	"trex/romanize"
	"trex/synth"
)

var benchRecords = flag.Int("screening.records", 1_000_000, "records in the screening benchmarks' index (50,000 under -short)")

var benchPopulation = flag.String("screening.population", "simple", "the person model of the screening benchmarks' register: simple (synth.New) or population (synth.NewPopulation)")

var benchLoaded = flag.Bool("screening.loaded", false, "the screening benchmarks' index is loaded from its own snapshot (its lookups flat tables) rather than built by Put")

// benchIndex is built once per run and shared by the benchmarks.
var benchIndex struct {
	once    sync.Once
	ix      *Index
	people  []trex.Person
	bytes   float64 // heap bytes per record
	buildNs float64
}

func benchSetup(b *testing.B) (*Index, []trex.Person) {
	b.Helper()
	benchIndex.once.Do(func() {
		n := *benchRecords
		if testing.Short() {
			n = 50_000
		}
		model, err := bench.ModelNamed(*benchPopulation)
		if err != nil {
			b.Fatal(err)
		}
		gen := model(42)
		people := make([]trex.Person, n)
		for i := range people {
			people[i] = gen.Person()
		}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		ix := New()
		for i, p := range people {
			ix.Put(trex.Subject{Key: fmt.Sprintf("R%07d", i), Person: p})
		}
		benchIndex.buildNs = float64(time.Since(start).Nanoseconds()) / float64(n)
		runtime.GC()
		runtime.ReadMemStats(&after)
		benchIndex.bytes = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
		if *benchLoaded {
			loaded := New()
			if err := loaded.LoadSnapshot(ix.AppendSnapshot(nil)); err != nil {
				b.Fatal(err)
			}
			ix = loaded
		}
		benchIndex.ix, benchIndex.people = ix, people
	})
	return benchIndex.ix, benchIndex.people
}

// latinTraveller renders p as a border sees it: ICAO Latin surname and
// given name, no patronymic, birth date and sex; with a passport number
// when withDoc.
func latinTraveller(p trex.Person, withDoc bool) trex.Person {
	n := p.Names[0]
	t := trex.Person{Names: []trex.Name{{Surname: romanize.ICAOName(n.Surname), Given: romanize.ICAOName(n.Given)}}, BirthDate: p.BirthDate, Sex: p.Sex}
	if withDoc {
		for _, id := range p.Identifiers {
			t.Documents = append(t.Documents, trex.Document{Kind: "passport", Number: id.Value})
		}
	}
	return t
}

func reportLatencies(b *testing.B, lat []time.Duration, unit string) {
	b.Helper()
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))].Nanoseconds()) / 1e3
	}
	b.ReportMetric(pct(0.50), "p50-"+unit)
	b.ReportMetric(pct(0.99), "p99-"+unit)
}

// timeChecks runs the checks b.N times and reports wall-time and
// thread-CPU-time percentiles (the latter excludes time the thread spent
// descheduled on a busy machine).
func timeChecks(b *testing.B, ix *Index, queries []trex.Person, count func(trex.Verdict)) {
	b.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wall := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c0, okCPU := threadCPU()
		start := time.Now()
		v, _ := matchAll(ix, queries[i%len(queries)])
		wall = append(wall, time.Since(start))
		if c1, ok := threadCPU(); ok && okCPU {
			cpu = append(cpu, c1-c0)
		}
		count(v)
	}
	b.StopTimer()
	reportLatencies(b, wall, "µs")
	reportLatencies(b, cpu, "cpu-µs")
}

// BenchmarkCheckNameDOB measures a name + birth-date check (no document)
// of a traveller who is on the list, against the full index.
func BenchmarkCheckNameDOB(b *testing.B) {
	ix, people := benchSetup(b)
	queries := make([]trex.Person, 4096)
	for i := range queries {
		queries[i] = latinTraveller(people[(i*7919)%len(people)], false)
	}
	flagged := 0
	timeChecks(b, ix, queries, func(v trex.Verdict) {
		if v != trex.Clear {
			flagged++
		}
	})
	b.ReportMetric(float64(flagged)/float64(b.N), "flagged/op")
	b.ReportMetric(float64(ix.Len()), "records")
}

// BenchmarkCheckDocument measures a check whose document number belongs to
// a record (the exact-key path that ends in a hit).
func BenchmarkCheckDocument(b *testing.B) {
	ix, people := benchSetup(b)
	queries := make([]trex.Person, 4096)
	for i := range queries {
		queries[i] = latinTraveller(people[(i*7919)%len(people)], true)
	}
	hits := 0
	timeChecks(b, ix, queries, func(v trex.Verdict) {
		if v == trex.Hit {
			hits++
		}
	})
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}

// BenchmarkIndexSize reports the index's heap bytes per record (of the
// shared benchmark index) and times Put: each operation puts one record
// into a fresh index, replacing an earlier one once every person of the
// set is in.
func BenchmarkIndexSize(b *testing.B) {
	_, people := benchSetup(b)
	sample := people[:min(len(people), 200_000)]
	keys := make([]string, len(sample))
	for i := range keys {
		keys[i] = fmt.Sprintf("P%07d", i)
	}
	ix := New()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(sample)
		ix.Put(trex.Subject{Key: keys[k], Person: sample[k]})
	}
	b.StopTimer()
	b.ReportMetric(benchIndex.bytes, "bytes/record")
	b.ReportMetric(benchIndex.buildNs, "build-ns/record")
}

// BenchmarkCheckUnlisted measures the common case: a traveller who is not
// on the list, read from a passport (ICAO Latin name, birth date, sex),
// and reports how many are referred.
func BenchmarkCheckUnlisted(b *testing.B) {
	ix, _ := benchSetup(b)
	strangers := synth.New(4242)
	queries := make([]trex.Person, 4096)
	for i := range queries {
		queries[i] = latinTraveller(strangers.Person(), false)
	}
	flagged := 0
	timeChecks(b, ix, queries, func(v trex.Verdict) {
		if v != trex.Clear {
			flagged++
		}
	})
	b.ReportMetric(float64(flagged)/float64(b.N), "flagged/op")
	b.ReportMetric(float64(ix.Len()), "records")
}

// BenchmarkCheckNonICAO measures checks of listed travellers whose names
// are spelled in no single system (letter by letter in mixed styles), the
// slow path of the name comparison.
func BenchmarkCheckNonICAO(b *testing.B) {
	ix, people := benchSetup(b)
	r := rand.New(rand.NewPCG(9, 9))
	queries := make([]trex.Person, 4096)
	for i := range queries {
		p := people[(i*7919)%len(people)]
		n := p.Names[0]
		queries[i] = trex.Person{Names: []trex.Name{{Surname: mixedSpelling(r, n.Surname), Given: mixedSpelling(r, n.Given)}},
			BirthDate: p.BirthDate, Sex: p.Sex}
	}
	flagged := 0
	timeChecks(b, ix, queries, func(v trex.Verdict) {
		if v != trex.Clear {
			flagged++
		}
	})
	b.ReportMetric(float64(flagged)/float64(b.N), "flagged/op")
}

// BenchmarkCheckHugeName measures checks with absurdly long names, Latin
// or Cyrillic: one of 450,000 letters (refused) and one at the longest a
// name part may be (read within the token limits), and the heap they
// leave behind.
func BenchmarkCheckHugeName(b *testing.B) {
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{{Surname: "KOVALENKO", Given: "OLENA"}},
		BirthDate: trex.MustPartialDate("1980-01-02")}})
	for _, c := range []struct {
		name, word string
		bytes      int
	}{{"latin-450k", "KOVALENKO", 450_000}, {"cyrillic-450k", "КОВАЛЕНКО", 450_000},
		{"latin-limit", "KOVALENKO", maxNameBytes}, {"cyrillic-limit", "КОВАЛЕНКО", maxNameBytes}} {
		b.Run(c.name, func(b *testing.B) {
			names := make([]string, 16)
			for i := range names {
				names[i] = fmt.Sprint(i) + strings.Repeat(c.word, c.bytes/len(c.word)-1)
			}
			before := heapInUse()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ix.Match(context.Background(), trex.Person{Names: []trex.Name{{Surname: names[i%len(names)], Given: "OLENA"}}, BirthDate: trex.MustPartialDate("1980-01-02")}, nil)
			}
			b.StopTimer()
			b.ReportMetric(float64(int64(heapInUse())-int64(before))/(1<<20), "heap-MiB-kept")
		})
	}
}
