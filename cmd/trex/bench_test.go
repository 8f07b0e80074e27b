package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"testing"
	"time"

	"trex"
	"trex/romanize"
	"trex/screening"
	"trex/synth"
)

func reportLatencies(b *testing.B, lat []time.Duration, unit string) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	scale := map[string]float64{"ms": float64(time.Millisecond), "µs": float64(time.Microsecond)}[unit]
	b.ReportMetric(float64(percentile(lat, 0.50))/scale, "p50-"+unit)
	b.ReportMetric(float64(percentile(lat, 0.99))/scale, "p99-"+unit)
}

// BenchmarkPropagation measures registry → border: from the API's commit of
// a new restriction to the border node holding it in its index, through the
// outbox relay, signing, JetStream, verification and the replica write.
func BenchmarkPropagation(b *testing.B) {
	td := startTestDemo(b, b.TempDir())
	gen := synth.New(7)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		took, err := propagate(ctx, td.demo, gen.Person())
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, took)
	}
	b.StopTimer()
	reportLatencies(b, lat, "ms")
}

// BenchmarkCheckAPI measures a name + birth-date check through the HTTP API
// (authentication, decoding, matching, encoding) against a border node
// holding 10,000 restrictions.
func BenchmarkCheckAPI(b *testing.B) {
	td := startTestDemo(b, b.TempDir())
	gen := synth.New(11)
	ctx := context.Background()
	var people []trex.Person
	for i := 0; i < 10000; i++ {
		p := gen.Person()
		people = append(people, p)
		r := trex.Restriction{ID: fmt.Sprintf("B%05d", i), Person: p, Kind: trex.KindCourtOrder, LegalBasis: "bench",
			Authority: "district-court", Status: trex.StatusActive, Version: 1,
			ValidFrom: time.Now().Add(-time.Hour), ValidUntil: time.Now().Add(time.Hour)}
		if err := td.Border.Node.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
			b.Fatal(err)
		}
	}
	hits := 0
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := people[i%len(people)]
		q := entity(map[string][]string{"lastName": {romanize.ICAOName(p.Names[0].Surname)}, "firstName": {romanize.ICAOName(p.Names[0].Given)}, "birthDate": {p.BirthDate.String()}})
		start := time.Now()
		var ans checkAnswer
		if code := call(b, td.srv.URL, "POST", "/v1/checks", td.Tokens.Officer, map[string]any{"traveller": q}, &ans); code != 200 {
			b.Fatalf("check: %d", code)
		}
		lat = append(lat, time.Since(start))
		if ans.Decision != trex.Clear {
			hits++
		}
	}
	b.StopTimer()
	reportLatencies(b, lat, "µs")
	b.ReportMetric(float64(hits)/float64(b.N), "flagged-ratio")
}

var manifestRecords = flag.Int("manifest.records", 1_000_000, "records indexed for BenchmarkManifest500")

// BenchmarkManifest500 reads a 500-passenger PAXLST and screens every
// traveller, on all cores as the API does, against an index of
// -manifest.records synthetic persons: the worst case, where every
// traveller is on the list, and a realistic flight, where 2% are.
func BenchmarkManifest500(b *testing.B) {
	gen := synth.New(42)
	people := make([]trex.Person, *manifestRecords)
	ix := screening.New()
	for i := range people {
		people[i] = gen.Person()
		ix.Put(trex.Subject{Key: fmt.Sprintf("R%07d", i), Person: people[i]})
	}
	for _, mix := range manifestMixes {
		b.Run(mix.name, func(b *testing.B) {
			manifest := syntheticManifest(manifestTravellers(people, synth.New(5), 500, mix.listed))
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if err := screenManifest(context.Background(), ix, manifest); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			reportLatencies(b, lat, "ms")
		})
	}
}
