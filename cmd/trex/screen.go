package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"trex"
	"trex/ftm"
	"trex/screening"
)

const screenUsage = `Usage: trex screen --records R.jsonl --queries Q.jsonl [--evidence] [--calibration FILE]
       trex screen --split synth|population [--seed S] [--size N] [--split-queries Q] [--json]

Screens travellers against restriction-list persons. Both files hold
FollowTheMoney Person entities, one JSON object per line. For each query one
JSON line goes to stdout:

  {"id": "<query id>", "decision": "hit"|"refer"|"clear",
   "matches": [{"id": "<record id>", "score": 0.97, "reasons": [...]}]}

most likely match first. Lines that cannot be read are reported on stderr
with their line number and skipped. --evidence adds each match's per-field
evidence, among it name_frequency: how many records of this register are
expected to agree as well by chance. --calibration writes the chance
model's estimates for the records (birth dates, namesakes, the threshold
and the share of birth-date entry errors it still refers) as JSON to FILE
("-" for stderr).

--split builds a held-out split instead (a register of --size persons
drawn from synth's few hundred names or from its population model, and
--split-queries listed and as many unlisted travellers rendered as a
border reads them), screens it and prints recall, false flags and hit
precision by category: the figures the quality tests assert
(seed 2026 for synth, 2027 for population, 50000 records, 3000 queries).

Flags:
`

// screenResult is one output line of trex screen.
type screenResult struct {
	ID       string        `json:"id"`
	Decision trex.Verdict  `json:"decision"`
	Matches  []screenMatch `json:"matches"`
}

type screenMatch struct {
	ID       string          `json:"id"`
	Score    float64         `json:"score"`
	Decision trex.Verdict    `json:"decision"`
	Reasons  []string        `json:"reasons"`
	Evidence []trex.Evidence `json:"evidence,omitempty"`
}

func runScreen(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), screenUsage)
		fs.PrintDefaults()
	}
	records := fs.String("records", "", "restriction-list persons, FtM JSON lines (required)")
	queries := fs.String("queries", "", "travellers to screen, FtM JSON lines (required)")
	evidence := fs.Bool("evidence", false, "include the per-field evidence of every match")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "queries screened in parallel")
	calibration := fs.String("calibration", "", "write the chance model's estimates for the records as JSON to `FILE` (- for stderr)")
	split := fs.String("split", "", "screen a held-out `split` of synth persons (synth or population) and print its figures")
	seed := fs.Uint64("seed", 0, "the split's seed (default 2026 for synth, 2027 for population)")
	size := fs.Int("size", 50_000, "the split's register size")
	splitQueries := fs.Int("split-queries", 3000, "the split's listed (and unlisted) travellers")
	asJSON := fs.Bool("json", false, "print the split's figures as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *split != "" {
		return runSplit(ctx, os.Stdout, *split, *seed, *size, *splitQueries, *asJSON)
	}
	if *records == "" || *queries == "" {
		fs.Usage()
		return fmt.Errorf("screen: --records and --queries are both required")
	}
	var calib io.Writer
	switch *calibration {
	case "":
	case "-":
		calib = os.Stderr
	default:
		f, err := os.Create(*calibration)
		if err != nil {
			return fmt.Errorf("screen: calibration: %w", err)
		}
		defer f.Close()
		calib = f
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	if err := screenFiles(ctx, *records, *queries, out, os.Stderr, *workers, *evidence, calib); err != nil {
		out.Flush()
		return err
	}
	return out.Flush()
}

// runSplit screens the held-out split named kind and writes its figures
// to out.
func runSplit(ctx context.Context, out io.Writer, kind string, seed uint64, size, queries int, asJSON bool) error {
	cfg := screening.SplitConfig{Seed: seed, Records: size, Queries: queries}
	switch kind {
	case "synth":
		if seed == 0 {
			cfg.Seed = 2026
		}
	case "population":
		cfg.Population = true
		if seed == 0 {
			cfg.Seed = 2027
		}
	default:
		return fmt.Errorf("screen: --split %q: want synth or population", kind)
	}
	rep, err := screening.RunSplit(ctx, cfg)
	if err != nil {
		return fmt.Errorf("screen: %w", err)
	}
	if asJSON {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return fmt.Errorf("screen: %w", err)
		}
		_, err = out.Write(append(b, '\n'))
		return err
	}
	_, err = io.WriteString(out, rep.String())
	return err
}

// screenFiles indexes the records, screens the queries and writes one
// result line per query to out, in input order. Unreadable lines are
// reported on errw and skipped. When calib is not nil, the chance model's
// calibration for the records goes to it as one JSON object.
func screenFiles(ctx context.Context, records, queries string, out, errw io.Writer, workers int, evidence bool, calib io.Writer) error {
	ix := screening.New()
	n, err := readPersons(ctx, records, errw, func(id string, p trex.Person) {
		ix.Put(trex.Subject{Key: id, Person: p})
	})
	if err != nil {
		return fmt.Errorf("screen: records: %w", err)
	}
	if n == 0 {
		fmt.Fprintf(errw, "screen: %s holds no usable records; every query will be clear\n", records)
	}
	if calib != nil {
		b, err := json.MarshalIndent(ix.Calibration(), "", "  ")
		if err != nil {
			return fmt.Errorf("screen: calibration: %w", err)
		}
		if _, err := calib.Write(append(b, '\n')); err != nil {
			return fmt.Errorf("screen: calibration: %w", err)
		}
	}
	if err := screenQueries(ctx, ix, queries, out, errw, workers, evidence); err != nil {
		return fmt.Errorf("screen: queries: %w", err)
	}
	return nil
}

// readPersons decodes FtM persons line by line, reporting bad lines on
// errw and skipping them. It returns how many persons it read.
func readPersons(ctx context.Context, path string, errw io.Writer, each func(id string, p trex.Person)) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if line%4096 == 0 && ctx.Err() != nil {
			return n, ctx.Err()
		}
		if len(trimSpace(sc.Bytes())) == 0 {
			continue
		}
		e, p, err := ftm.Decode(sc.Bytes(), ftm.Options{Strict: false})
		if err != nil {
			fmt.Fprintf(errw, "%s:%d: skipped: %s\n", path, line, trex.ErrorMessage(err))
			continue
		}
		if e.ID == "" {
			fmt.Fprintf(errw, "%s:%d: skipped: entity has no id\n", path, line)
			continue
		}
		each(e.ID, p)
		n++
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}

// screenQueries matches the queries in parallel and writes the results in
// input order.
func screenQueries(ctx context.Context, ix *screening.Index, path string, out, errw io.Writer, workers int, evidence bool) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq int
		id  string
		p   trex.Person
	}
	jobs := make(chan job, 256)
	results := make(chan struct {
		seq  int
		line []byte
	}, 256)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				v, ms, err := ix.Match(ctx, j.p, nil)
				if err != nil {
					results <- struct {
						seq  int
						line []byte
					}{j.seq, []byte(fmt.Sprintf(`{"id":%q,"decision":"refer","matches":[],"error":%q}`+"\n", j.id, err.Error()))}
					continue
				}
				r := screenResult{ID: j.id, Decision: v, Matches: make([]screenMatch, 0, len(ms))}
				for _, m := range ms {
					sm := screenMatch{ID: m.RestrictionID, Score: m.Score, Decision: m.Verdict, Reasons: m.Reasons}
					if evidence {
						sm.Evidence = m.Evidence
					}
					r.Matches = append(r.Matches, sm)
				}
				b, err := json.Marshal(r)
				if err != nil {
					b = []byte(fmt.Sprintf(`{"id":%q,"decision":"refer","matches":[],"error":"encoding failed"}`, j.id))
				}
				results <- struct {
					seq  int
					line []byte
				}{j.seq, append(b, '\n')}
			}
		}()
	}
	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		_, readErr = readPersons(ctx, path, errw, func(id string, p trex.Person) {
			jobs <- job{seq, id, p}
			seq++
		})
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int][]byte{}
	next := 0
	var writeErr error
	for r := range results {
		pending[r.seq] = r.line
		for {
			line, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if writeErr == nil {
				_, writeErr = out.Write(line)
			}
		}
	}
	if readErr != nil {
		return readErr
	}
	return writeErr
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
