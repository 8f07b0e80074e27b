package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"trex"
	"trex/internal/parallel"
	"trex/paxlst"
	"trex/romanize"
	"trex/synth"
)

// runBench measures a border node, its API, the registry and the
// exchange on this machine (see package bench and docs/performance.md)
// and prints a table, or with --json the figures as one JSON object.
func runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	describe(fs, `Usage: trex bench [flags]

Measures a border node holding --records restrictions (cold start from its replica, memory,
checks in process and over HTTP), the registry's creates, and propagation of a burst and of a
steady stream of creates to --nodes border nodes, and prints a table (or JSON with --json).
With --side-by-side it also loads the same register into PostgreSQL (--postgres) with the
design a team would build first (ICAO-romanised names, pg_trgm, birth-date variants, exact
documents) and sends the same checks through it and through the node's API.
`)
	var cfg benchConfig
	fs.IntVar(&cfg.Records, "records", 1_000_000, "restrictions the measured border node holds")
	fs.IntVar(&cfg.Checks, "checks", 20_000, "checks sent over HTTP")
	fs.IntVar(&cfg.Conns, "conns", 32, "connections the HTTP load generator keeps")
	fs.IntVar(&cfg.Creates, "creates", 10_000, "restrictions created in the burst (and for the registry's create rate)")
	fs.IntVar(&cfg.Nodes, "nodes", 3, "border nodes the exchange delivers to")
	fs.Float64Var(&cfg.SteadyRate, "steady-rate", 500, "creates per second of the steady load")
	fs.DurationVar(&cfg.SteadyFor, "steady-for", 10*time.Second, "how long the steady load runs")
	fs.StringVar(&cfg.Skip, "skip", "", "phases to leave out, comma-separated: node, http, registry, exchange")
	fs.BoolVar(&cfg.SideBySide, "side-by-side", false, "also run the checks through PostgreSQL's pg_trgm first design (needs the node and http phases)")
	fs.StringVar(&cfg.Postgres, "postgres", "postgres://127.0.0.1:5432/test?sslmode=disable", "PostgreSQL for --side-by-side (a schema of its own, dropped after)")
	fs.BoolVar(&cfg.PostgresDateFirst, "postgres-date-first", false, "with --side-by-side: also ask PostgreSQL the date-first form of the query (similarity() after the birth-date index instead of the % operator; same answers)")
	fs.StringVar(&cfg.Population, "population", "simple", "person model of the register and the travellers: simple (synth.New) or population (synth.NewPopulation)")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	fs.StringVar(&cfg.HTTPProfile, "http-cpuprofile", "", "write a CPU profile of the HTTP checks alone to this file; samples carry the label side=server or side=loadgen (go tool pprof -tags)")
	fs.StringVar(&cfg.HTTPMemProfile, "http-memprofile", "", "write the allocations profile to this file after the HTTP checks, and to this file with .before added before them (go tool pprof -sample_index=alloc_space -diff_base FILE.before trex FILE)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" && cfg.HTTPProfile != "" {
		return fmt.Errorf("bench: --cpuprofile and --http-cpuprofile each take the one CPU profiler: give one of them")
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Fprintf(os.Stderr, "machine: %d CPUs, %s/%s, %s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	rep, err := runBenchPhases(ctx, cfg, os.Stderr)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return rep.Print(os.Stdout)
}

// percentile returns the p-th percentile (0..1) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[int(p*float64(len(sorted)-1))]
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
