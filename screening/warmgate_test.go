package screening

import (
	"fmt"
	"reflect"
	"testing"

	"trex"
	"trex/bench"
	"trex/synth"
)

// populationRegister is a register of realistic name variety (the
// population model: tens of thousands of surnames) as a border node holds
// it after a restart: loaded from a snapshot, then changed (records
// added, changed and removed), so that a check reads the loaded
// birth-date lists, the postings put since, and skips removed records.
// It returns the mixed checks trex bench sends against it.
func populationRegister(t *testing.T, records, queries int) (*Index, []trex.Person) {
	t.Helper()
	people := bench.RegisterFrom(synth.NewPopulation, 31, records)
	built := New()
	for i, p := range people {
		built.Put(trex.Subject{Key: bench.RegisterID(i), Person: p})
	}
	ix := New()
	if err := ix.LoadSnapshot(built.AppendSnapshot(nil)); err != nil {
		t.Fatal(err)
	}
	later := bench.RegisterFrom(synth.NewPopulation, 32, records/10)
	for i, p := range later {
		switch i % 3 {
		case 0:
			ix.Put(trex.Subject{Key: fmt.Sprintf("L%07d", i), Person: p})
		case 1:
			ix.Put(trex.Subject{Key: bench.RegisterID(i * 7 % records), Person: p})
		default:
			ix.Remove(bench.RegisterID(i * 5 % records))
		}
	}
	var qs []trex.Person
	for _, q := range bench.QueriesFrom(synth.NewPopulation, append(people, later...), 33, queries, 0.5) {
		qs = append(qs, q.Person)
	}
	return ix, qs
}

// TestSurnameGateWarmingChangesNoAnswer checks the checks of a loaded and
// changed register of realistic names against the plain path (no
// warming, no shortcut in the token comparisons): the same verdicts, the
// same matches in the same order with the same scores, reasons and
// evidence.
func TestSurnameGateWarmingChangesNoAnswer(t *testing.T) {
	records, queries := 40_000, 2_000
	if testing.Short() || raceDetector {
		records, queries = 6_000, 400
	}
	ix, qs := populationRegister(t, records, queries)
	expectPlainPathAnswers(t, ix, qs, func(int) func(string) bool { return nil })
}

// TestTokenShortcutsNeverRefuseAMatch compares tokens of realistic name
// variety pairwise with and without the shortcuts that read only a
// token's first fields (the letter pairs of the first skeleton for a
// double surname written as one; the rendering bits before the
// renderings; the second bits of the cross-script readings): every
// comparison and every run-together answer is the same, and the
// shortcuts do refuse pairs.
func TestTokenShortcutsNeverRefuseAMatch(t *testing.T) {
	people := bench.RegisterFrom(synth.NewPopulation, 41, 3_000)
	seen := map[string]bool{}
	var toks []*tokenForms
	add := func(text string) {
		if !seen[text] {
			seen[text] = true
			toks = append(toks, newTokenForms(text))
		}
	}
	for _, p := range people[:300] {
		for _, n := range p.Names {
			for _, nt := range nameTokens(n) {
				add(nt.text)
			}
		}
	}
	for _, q := range bench.QueriesFrom(synth.NewPopulation, people, 42, 300, 0.3) {
		for _, n := range q.Person.Names {
			for _, nt := range nameTokens(n) {
				add(nt.text)
			}
		}
	}
	// Words run together, and words that hold others' letter pairs in
	// another order: what the letter-pair bits must not refuse, and what
	// they must.
	n := len(toks)
	for i := 0; i+1 < n && i < 200; i += 2 {
		add(toks[i].text + toks[i+1].text)
		add(toks[i+1].text + "-" + toks[i].text)
	}
	add("ABABABAB")
	add("BABA")
	add("AAAAAAAAAAAA")
	add("AAAA")
	refusedPairs, together, secondBits := 0, 0, 0
	for _, a := range toks {
		for _, b := range toks {
			got, gotT := compareTokens(a, b), runTogether(a, b)
			var want cmp
			var wantT bool
			withPlainComparisons(func() { want, wantT = compareTokens(a, b), runTogether(a, b) })
			if got != want || gotT != wantT {
				t.Fatalf("%s ~ %s: %+v %v with shortcuts, %+v %v without", a.text, b.text, got, gotT, want, wantT)
			}
			if wantT {
				together++
			}
			if a.script != b.script && a.altBits.forms.lo&b.formSet.lo != 0 && !a.altBits.forms.meets(b.formSet) {
				secondBits++
			}
			if len(a.skelStr) > 0 && len(b.skelStr) > 0 && b.skel0Len >= 4 && a.skel0Len >= b.skel0Len+3 && b.skel0Pairs&^a.skel0Pairs != 0 {
				refusedPairs++
			}
		}
	}
	if together == 0 || refusedPairs == 0 || secondBits == 0 {
		t.Fatalf("%d tokens: %d run together, %d refused by letter pairs, %d readings by their second bits: the test proves nothing",
			len(toks), together, refusedPairs, secondBits)
	}
	t.Logf("%d tokens: %d pairs run together, %d refused by their letter pairs alone, %d cross-script readings by their second bits",
		len(toks), together, refusedPairs, secondBits)
}

// TestGatedDatePostingsKeepsOrder checks that reading a birth-date list
// in warmed batches reports the same records in the same order as the
// list holds them, removed records left out, and stops when asked.
func TestGatedDatePostingsKeepsOrder(t *testing.T) {
	// Few birth dates, so that each list spans several batches.
	people := bench.RegisterFrom(synth.NewPopulation, 51, 3_000)
	built := New()
	for i, p := range people {
		p.BirthDate = trex.PartialDate{Year: 1970 + i%3, Month: 1 + i%2, Day: 1 + i%5}
		built.Put(trex.Subject{Key: bench.RegisterID(i), Person: p})
	}
	ix := New()
	if err := ix.LoadSnapshot(built.AppendSnapshot(nil)); err != nil {
		t.Fatal(err)
	}
	for i, p := range people[:600] {
		if i%2 == 0 {
			ix.Remove(bench.RegisterID(i * 3))
			continue
		}
		p.BirthDate = trex.PartialDate{Year: 1970 + i%3, Month: 1 + i%2, Day: 1 + i%5}
		ix.Put(trex.Subject{Key: fmt.Sprintf("L%07d", i), Person: p})
	}
	dates := 0
	for _, k := range ix.base.dates.keys {
		var want, got []uint32
		for p := range ix.dobPostings(k) {
			want = append(want, p.id)
		}
		ix.gatedDatePostings(k, func(uint32) bool { return true }, func(id uint32, _ uint8) bool {
			got = append(got, id)
			return true
		})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("date %d: %v read in batches, %v in the list", k, got, want)
		}
		if len(want) > gateAhead+1 {
			dates++
			stop := gateAhead + 1
			var some []uint32
			if ix.gatedDatePostings(k, nil, func(id uint32, _ uint8) bool {
				some = append(some, id)
				return len(some) < stop
			}) {
				t.Fatalf("date %d: reported going on after each stopped", k)
			}
			if !reflect.DeepEqual(some, want[:stop]) {
				t.Fatalf("date %d: stopped after %v, want %v", k, some, want[:stop])
			}
		}
	}
	if dates == 0 {
		t.Fatal("no birth-date list longer than a batch: the test proves nothing")
	}
}
