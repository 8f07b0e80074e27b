package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/ftm"
	"trex/romanize"
	"trex/synth"
)

func writeLines(t testing.TB, path string, lines []string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func entityLine(t testing.TB, id string, p trex.Person) string {
	t.Helper()
	b, err := json.Marshal(ftm.FromPerson(id, p))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// latinOf renders a Cyrillic person as a passport shows it (ICAO 9303, no
// patronymic).
func latinOf(p trex.Person) trex.Person {
	n := p.Names[0]
	return trex.Person{Names: []trex.Name{{Surname: romanize.ICAOName(n.Surname), Given: romanize.ICAOName(n.Given)}}, BirthDate: p.BirthDate, Sex: p.Sex, Documents: p.Documents}
}

// TestScreenFiles runs the batch command end to end on small files with
// bad lines in both.
func TestScreenFiles(t *testing.T) {
	dir := t.TempDir()
	gen := synth.New(1)
	a, b := gen.Person(), gen.Person()
	a.Documents = []trex.Document{{Kind: "passport", Number: "123456789"}}
	recs := filepath.Join(dir, "records.jsonl")
	writeLines(t, recs, []string{entityLine(t, "ra", a), "{not json", entityLine(t, "rb", b), `{"id":"rc","schema":"Company","properties":{"name":["X"]}}`})
	qa := latinOf(a)
	qb := latinOf(b)
	qb.Documents = nil
	stranger := trex.Person{Names: []trex.Name{{Full: "John Smith"}}, BirthDate: trex.MustPartialDate("1950-01-01")}
	qs := filepath.Join(dir, "queries.jsonl")
	writeLines(t, qs, []string{entityLine(t, "q1", qa), "", "[]", entityLine(t, "q2", qb), entityLine(t, "q3", stranger)})

	var out, errw bytes.Buffer
	if err := screenFiles(context.Background(), recs, qs, &out, &errw, 2, false, nil); err != nil {
		t.Fatal(err)
	}
	var got []screenResult
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r screenResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		got = append(got, r)
	}
	want := []struct {
		id, first string
		v         trex.Verdict
	}{{"q1", "ra", trex.Hit}, {"q2", "rb", trex.Refer}, {"q3", "", trex.Clear}}
	if len(got) != len(want) {
		t.Fatalf("got %d result lines, want %d:\n%s", len(got), len(want), out.String())
	}
	for i, w := range want {
		r := got[i]
		if r.ID != w.id || r.Decision != w.v {
			t.Errorf("line %d: %s %s, want %s %s", i+1, r.ID, r.Decision, w.id, w.v)
		}
		if w.first != "" && (len(r.Matches) == 0 || r.Matches[0].ID != w.first || len(r.Matches[0].Reasons) == 0) {
			t.Errorf("line %d: matches %+v, want %s first with reasons", i+1, r.Matches, w.first)
		}
		if w.first == "" && len(r.Matches) != 0 {
			t.Errorf("line %d: clear with matches %+v", i+1, r.Matches)
		}
	}
	for _, wantErr := range []string{"records.jsonl:2:", "records.jsonl:4:", "queries.jsonl:3:"} {
		if !strings.Contains(errw.String(), wantErr) {
			t.Errorf("stderr lacks %q:\n%s", wantErr, errw.String())
		}
	}
}

// TestScreenFlags: missing flags are an error that says what to do.
func TestScreenFlags(t *testing.T) {
	err := runScreen(context.Background(), []string{"--records", "x.jsonl"})
	if err == nil || !strings.Contains(err.Error(), "--queries") {
		t.Fatalf("got %v, want an error naming --queries", err)
	}
	if err := runScreen(context.Background(), []string{"--records", "/nonexistent/r.jsonl", "--queries", "/nonexistent/q.jsonl"}); err == nil {
		t.Fatal("missing files: want an error")
	}
}

// TestScreenCalibration: --calibration writes the chance model's
// estimates for the records, read from them.
func TestScreenCalibration(t *testing.T) {
	dir := t.TempDir()
	gen := synth.New(3)
	var lines []string
	for i := 0; i < 3000; i++ {
		lines = append(lines, entityLine(t, fmt.Sprintf("r%d", i), gen.Person()))
	}
	recs, qs, calib := filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "q.jsonl"), filepath.Join(dir, "calib.json")
	writeLines(t, recs, lines)
	writeLines(t, qs, []string{entityLine(t, "q1", latinOf(gen.Person()))})
	if err := runScreen(context.Background(), []string{"--records", recs, "--queries", qs, "--calibration", calib}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(calib)
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Records             int     `json:"records"`
		BirthDays           float64 `json:"birth_days"`
		MaxChance           float64 `json:"max_chance"`
		NearDistinguishable float64 `json:"near_distinguishable"`
		Namesakes           struct {
			Max float64 `json:"max"`
		} `json:"namesakes"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("calibration %s: %v", data, err)
	}
	if c.Records != 3000 || c.BirthDays < 10000 || c.MaxChance <= 0 || c.NearDistinguishable <= 0 || c.Namesakes.Max < 1 {
		t.Errorf("calibration %s: want the register's figures", data)
	}
}

// BenchmarkScreenRun measures trex screen on 200,000 synthetic records and
// 6,000 queries (half of them on the list), from files to encoded output.
// Under -short it uses a tenth of that.
func BenchmarkScreenRun(b *testing.B) {
	nrec, nq := 200_000, 6_000
	if testing.Short() {
		nrec, nq = 20_000, 600
	}
	dir := b.TempDir()
	gen := synth.New(99)
	people := make([]trex.Person, nrec)
	lines := make([]string, nrec)
	for i := range people {
		people[i] = gen.Person()
		lines[i] = entityLine(b, fmt.Sprintf("r%07d", i), people[i])
	}
	recs := filepath.Join(dir, "records.jsonl")
	writeLines(b, recs, lines)
	lines = lines[:0]
	for i := 0; i < nq; i++ {
		var p trex.Person
		if i%2 == 0 {
			p = latinOf(people[(i*7919)%nrec])
		} else {
			p = latinOf(gen.Person())
		}
		lines = append(lines, entityLine(b, fmt.Sprintf("q%05d", i), p))
	}
	qs := filepath.Join(dir, "queries.jsonl")
	writeLines(b, qs, lines)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var out bytes.Buffer
		if err := screenFiles(context.Background(), recs, qs, &out, &bytes.Buffer{}, 0, false, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/run")
		b.ReportMetric(float64(bytes.Count(out.Bytes(), []byte("\n"))), "results")
	}
}

// TestScreenSplitReproducesTheHeldOutFigures runs trex screen --split on a
// small population split and checks that it reports what
// screening.RunSplit measures, and refuses an unknown split or a size out
// of range.
func TestScreenSplitReproducesTheHeldOutFigures(t *testing.T) {
	var out bytes.Buffer
	if err := runSplit(context.Background(), &out, "population", 0, 5000, 300, true); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Generator string `json:"generator"`
		Seed      uint64 `json:"seed"`
		All       struct {
			Listed, Found, Unlisted, Flagged int
		} `json:"all"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out.String())
	}
	if got.Generator != "population" || got.Seed != 2027 || got.All.Listed != 300 || got.All.Unlisted != 300 {
		t.Errorf("split report %+v", got)
	}
	if got.All.Found < 290 {
		t.Errorf("found %d of 300 listed travellers", got.All.Found)
	}
	out.Reset()
	if err := runSplit(context.Background(), &out, "population", 0, 5000, 300, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "population split, seed 2027, 5000 records") || !strings.Contains(out.String(), "dob-error") {
		t.Errorf("text report:\n%s", out.String())
	}
	if err := runSplit(context.Background(), &out, "mine", 0, 5000, 300, false); err == nil || !strings.Contains(err.Error(), "synth or population") {
		t.Errorf("unknown split: %v", err)
	}
	if err := runSplit(context.Background(), &out, "synth", 0, 20_000_000, 300, false); err == nil {
		t.Error("a split of twenty million records was not refused")
	}
}
