package screening

import (
	"context"
	"reflect"
	"testing"

	"trex"
	"trex/bench"
)

// plainPathRegister is a register and the mixed checks trex bench sends
// against it (unlisted travellers, every romanisation, typos, birth-date
// errors, passport zones), with name-only and document-only checks added.
func plainPathRegister(t *testing.T, records, queries int) (*Index, []trex.Person) {
	t.Helper()
	people := bench.Register(7, records)
	ix := New()
	for i, p := range people {
		ix.Put(trex.Subject{Key: bench.RegisterID(i), Person: p})
	}
	var qs []trex.Person
	for i, q := range bench.Queries(people, 17, queries, 0.5) {
		qs = append(qs, q.Person)
		switch {
		case i%7 == 0: // a supervisor's name-only search
			qs = append(qs, trex.Person{Names: q.Person.Names, Sex: q.Person.Sex})
		case i%5 == 0 && q.Listed >= 0 && len(people[q.Listed].Documents) > 0:
			qs = append(qs, trex.Person{Documents: people[q.Listed].Documents})
		case i%11 == 0: // a birth year alone
			p := q.Person
			p.BirthDate = trex.PartialDate{Year: p.BirthDate.Year}
			qs = append(qs, p)
		}
	}
	return ix, qs
}

// withPlainComparisons runs fn with the work-saving shortcuts off.
func withPlainComparisons(fn func()) {
	plainComparisons = true
	defer func() { plainComparisons = false }()
	fn()
}

// TestShortcutsChangeNoAnswer checks the checks against the plain path:
// the same verdict, the same matches in the same order, with the same
// scores, reasons and evidence, for a few thousand mixed checks.
func TestShortcutsChangeNoAnswer(t *testing.T) {
	records, queries := 30_000, 3_000
	if testing.Short() || raceDetector {
		records, queries = 5_000, 600
	}
	ix, qs := plainPathRegister(t, records, queries)
	// Some subjects are not in force: they must be skipped the same way.
	eligible := func(key string) bool { return key[len(key)-1] != '3' }
	expectPlainPathAnswers(t, ix, qs, func(i int) func(string) bool {
		if i%2 == 0 {
			return eligible
		}
		return nil
	})
}

// expectPlainPathAnswers makes each check of qs (check i with the
// in-force test eligible(i)) with the work-saving shortcuts and on the
// plain path, and fails unless both give the same verdict, the same
// matches in the same order with the same scores, reasons and evidence,
// and the same error, or unless at least a tenth of the checks flag
// someone (otherwise the comparison proves little).
func expectPlainPathAnswers(t *testing.T, ix *Index, qs []trex.Person, eligible func(i int) func(string) bool) {
	t.Helper()
	type answer struct {
		v   trex.Verdict
		ms  []trex.Match
		err string
	}
	run := func() []answer {
		out := make([]answer, len(qs))
		for i, q := range qs {
			v, ms, err := ix.Match(context.Background(), q, eligible(i))
			out[i] = answer{v: v, ms: ms}
			if err != nil {
				out[i].err = err.Error()
			}
		}
		return out
	}
	fast := run()
	var plain []answer
	withPlainComparisons(func() { plain = run() })
	flagged, differ := 0, 0
	for i := range qs {
		if fast[i].v != trex.Clear {
			flagged++
		}
		if !reflect.DeepEqual(fast[i], plain[i]) {
			if differ++; differ <= 5 {
				t.Errorf("check %d (%+v): with shortcuts %v %d matches %q, plain %v %d matches %q", i, qs[i],
					fast[i].v, len(fast[i].ms), fast[i].err, plain[i].v, len(plain[i].ms), plain[i].err)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d checks answered differently with the shortcuts", differ, len(qs))
	}
	if flagged < len(qs)/10 {
		t.Errorf("only %d of %d checks flagged anyone: the comparison proves little", flagged, len(qs))
	}
	if differ == 0 {
		t.Logf("%d checks, %d flagged, all answered as the plain path answers", len(qs), flagged)
	}
}

// TestTypoEnvelopesNeverRefuseATypo compares tokens pairwise with and
// without the envelopes: every pair of the register's tokens and the
// travellers' tokens compares the same.
func TestTypoEnvelopesNeverRefuseATypo(t *testing.T) {
	people := bench.Register(11, 3_000)
	seen := map[string]bool{}
	var toks []*tokenForms
	add := func(p trex.Person) {
		for _, n := range p.Names {
			for _, nt := range nameTokens(n) {
				if !seen[nt.text] {
					seen[nt.text] = true
					toks = append(toks, newTokenForms(nt.text))
				}
			}
		}
	}
	for _, p := range people[:400] {
		add(p)
	}
	for _, q := range bench.Queries(people, 3, 400, 0.3) {
		add(q.Person)
	}
	apart, typos := 0, 0
	for _, a := range toks {
		for _, b := range toks {
			got := compareTokens(a, b)
			var want cmp
			withPlainComparisons(func() { want = compareTokens(a, b) })
			if got != want {
				t.Fatalf("%s ~ %s: %+v with envelopes, %+v without", a.text, b.text, got, want)
			}
			if skelTypoApart(a, b) {
				apart++
			}
			if want.out == outTypo {
				typos++
			}
		}
	}
	if apart == 0 || typos == 0 {
		t.Fatalf("%d tokens: %d pairs apart, %d typos: the test proves nothing", len(toks), apart, typos)
	}
	t.Logf("%d tokens, %d pairs: %d told apart by the envelopes, %d typos kept", len(toks), len(toks)*len(toks), apart, typos)
}
