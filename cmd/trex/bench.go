package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"trex"
	"trex/internal/parallel"
	"trex/paxlst"
	"trex/romanize"
	"trex/screening"
	"trex/synth"
)

// runBench measures trex's hot paths on this machine and prints a table
// that can be compared across commits: propagation registry → border,
// name + birth-date and document checks, index memory, and manifest
// screening.
func runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	describe(fs, `Usage: trex bench [flags]

Measures propagation, check latency, index memory and manifest screening on this machine
and prints a table.
`)
	records := fs.Int("records", 1_000_000, "records in the screening index")
	queries := fs.Int("queries", 5000, "checks to time")
	changes := fs.Int("changes", 300, "restrictions to time through the exchange")
	if err := fs.Parse(args); err != nil {
		return err
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "measure\tp50\tp99\tnote\t\n")
	fmt.Fprintf(os.Stderr, "machine: %d CPUs, %s/%s, %s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())

	// Screening at scale.
	fmt.Fprintf(os.Stderr, "building an index of %d synthetic records...\n", *records)
	gen := synth.New(42)
	people := make([]trex.Person, *records)
	for i := range people {
		people[i] = gen.Person()
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix := screening.New()
	for i, p := range people {
		ix.Put(trex.Subject{Key: fmt.Sprintf("R%07d", i), Person: p})
	}
	build := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	fmt.Fprintf(w, "index build\t%.1f µs/record\t\t%d records in %s\t\n", float64(build.Microseconds())/float64(*records), *records, build.Round(time.Millisecond))
	fmt.Fprintf(w, "index memory\t%.0f B/record\t\theap growth, names shared with the loaded records\t\n", float64(after.HeapAlloc-before.HeapAlloc)/float64(*records))

	rnd := synth.New(99)
	var nameLat, docLat []time.Duration
	flagged := 0
	for i := 0; i < *queries; i++ {
		p := people[rnd.Intn(len(people))]
		q := trex.Person{Names: []trex.Name{{Surname: romanize.ICAOName(p.Names[0].Surname), Given: romanize.ICAOName(p.Names[0].Given)}}, BirthDate: p.BirthDate, Sex: p.Sex}
		t0 := time.Now()
		if v, _, _ := ix.Match(ctx, q, nil); v != trex.Clear {
			flagged++
		}
		nameLat = append(nameLat, time.Since(t0))
		if len(p.Documents) > 0 {
			q.Documents = p.Documents
			t0 = time.Now()
			ix.Match(ctx, trex.Person{Documents: p.Documents}, nil)
			docLat = append(docLat, time.Since(t0))
		}
	}
	row(w, "name + birth-date check", nameLat, fmt.Sprintf("%d checks, %.1f%% flagged", len(nameLat), 100*float64(flagged)/float64(len(nameLat))))
	// The common case: a traveller who is not listed, from the same
	// population.
	strangers := synth.New(4242)
	var unlistedLat []time.Duration
	unlistedFlagged := 0
	for i := 0; i < *queries; i++ {
		p := strangers.Person()
		q := trex.Person{Names: []trex.Name{{Surname: romanize.ICAOName(p.Names[0].Surname), Given: romanize.ICAOName(p.Names[0].Given)}}, BirthDate: p.BirthDate, Sex: p.Sex}
		t0 := time.Now()
		if v, _, _ := ix.Match(ctx, q, nil); v != trex.Clear {
			unlistedFlagged++
		}
		unlistedLat = append(unlistedLat, time.Since(t0))
	}
	row(w, "unlisted traveller check", unlistedLat, fmt.Sprintf("%d checks, %.2f%% referred (namesakes born the same day included)", len(unlistedLat), 100*float64(unlistedFlagged)/float64(len(unlistedLat))))
	row(w, "document-only check", docLat, fmt.Sprintf("%d checks", len(docLat)))

	// 500-traveller manifests: parse and screen everyone, on all cores.
	for _, mix := range manifestMixes {
		manifest := syntheticManifest(manifestTravellers(people, rnd, 500, mix.listed))
		var manLat []time.Duration
		for i := 0; i < 30; i++ {
			t0 := time.Now()
			if err := screenManifest(ctx, ix, manifest); err != nil {
				return err
			}
			manLat = append(manLat, time.Since(t0))
		}
		row(w, "500-traveller PAXLST, "+mix.name, manLat, "parse + screen every traveller")
	}
	people, ix = nil, nil
	runtime.GC()

	// Propagation through the real exchange.
	dir, err := os.MkdirTemp("", "trex-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	d, err := startDemo(ctx, demoConfig{DataDir: dir, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	defer d.Close()
	var prop []time.Duration
	for i := 0; i < *changes; i++ {
		took, err := propagate(ctx, d, gen.Person())
		if err != nil {
			return err
		}
		prop = append(prop, took)
	}
	row(w, "propagation registry → border", prop, "commit, outbox, sign, JetStream, verify, replica, index")
	return w.Flush()
}

func row(w io.Writer, name string, lat []time.Duration, note string) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t\n", name, fmtDur(percentile(lat, 0.50)), fmtDur(percentile(lat, 0.99)), note)
}

// percentile returns the p-th percentile (0..1) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[int(p*float64(len(sorted)-1))]
}

func fmtDur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.1f µs", float64(d.Nanoseconds())/1e3)
	default:
		return fmt.Sprintf("%.2f ms", float64(d.Nanoseconds())/1e6)
	}
}

// propagate places a restriction on p through the registry and returns how
// long it took to be in the border node's index.
func propagate(ctx context.Context, d *demo, p trex.Person) (time.Duration, error) {
	r := &trex.Restriction{Person: p, Kind: trex.KindCourtOrder, LegalBasis: "bench", Authority: demoAuthorities[0], ValidUntil: time.Now().Add(time.Hour)}
	t0 := time.Now()
	if err := d.Registry.Service.CreateRestriction(ctx, r); err != nil {
		return 0, err
	}
	if !pollUntil(10*time.Second, 20*time.Microsecond, func() bool { return d.Border.Node.Restriction(r.ID) != nil }) {
		return 0, fmt.Errorf("bench: %s not propagated within 10s", r.ID)
	}
	return time.Since(t0), nil
}

// manifestMixes are the flights the manifest measurements use: the worst
// case, where every traveller is on the list, and a realistic one.
var manifestMixes = []struct {
	name   string
	listed float64
}{{"all listed", 1}, {"2% listed", 0.02}}

// screenManifest reads a PAXLST and screens every traveller on all cores,
// as the API does.
func screenManifest(ctx context.Context, ix trex.Matcher, manifest []byte) error {
	ic, err := paxlst.Parse(manifest)
	if err != nil {
		return fmt.Errorf("bench manifest: %w", err)
	}
	persons := ic.Persons()
	parallel.For(len(persons), func(i int) { ix.Match(ctx, persons[i], nil) })
	return nil
}

// manifestTravellers picks n travellers for a synthetic manifest: a share
// listed drawn from the register, the rest strangers from another seed
// (with the same common names, so namesakes abound, but not on the list).
func manifestTravellers(register []trex.Person, rnd *synth.Generator, n int, listed float64) []trex.Person {
	strangers := synth.New(uint64(rnd.Intn(1 << 30)))
	out := make([]trex.Person, n)
	for i := range out {
		if float64(rnd.Intn(10000)) < listed*10000 {
			out[i] = register[rnd.Intn(len(register))]
		} else {
			out[i] = strangers.Person()
		}
	}
	return out
}

// syntheticManifest prints a PAXLST of the travellers, their names as
// passports spell them.
func syntheticManifest(travellers []trex.Person) []byte {
	var b strings.Builder
	b.WriteString("UNA:+.? 'UNB+UNOA:4+CARRIER+BORDER+261125:0930+BENCH1'UNH+M1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XX500'LOC+125+IST'DTM+189:2611251030:201'LOC+87+SVO'DTM+232:2611251400:201'")
	for i, p := range travellers {
		sex := "M"
		if p.Sex == trex.SexFemale {
			sex = "F"
		}
		bd := p.BirthDate
		fmt.Fprintf(&b, "NAD+FL+++%s:%s'ATT+2++%s'DTM+329:%02d%02d%02d'NAT+2+RUS'DOC+P+%d'",
			romanize.ICAOName(p.Names[0].Surname), romanize.ICAOName(p.Names[0].Given), sex, bd.Year%100, bd.Month, bd.Day, 700000000+i)
	}
	fmt.Fprintf(&b, "CNT+42:%d'UNT+%d+M1'UNZ+1+BENCH1'", len(travellers), 10+5*len(travellers))
	return []byte(b.String())
}
