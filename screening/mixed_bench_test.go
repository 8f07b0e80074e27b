package screening

import (
	"testing"

	"trex"
	"trex/bench"
)

// mixedQueries draws the query mix trex bench times (package bench: half
// unlisted travellers, half listed persons in any romanisation, with
// typos, date errors, passport zones) against the benchmark register, and
// splits it as bench.InProcess does: travellers with a birth date, and the
// documents alone of listed persons who hold one.
func mixedQueries(people []trex.Person, n int) (nameDOB, documents []trex.Person) {
	for _, q := range bench.Queries(people, 99, n, 0.5) {
		if q.Kind == bench.KindMRZ || q.Person.BirthDate.IsZero() {
			continue
		}
		nameDOB = append(nameDOB, q.Person)
		if q.Listed >= 0 && len(people[q.Listed].Documents) > 0 {
			documents = append(documents, trex.Person{Documents: people[q.Listed].Documents})
		}
	}
	return nameDOB, documents
}

// BenchmarkCheckMixed times the checks of trex bench's in-process phase
// against the shared benchmark index: name + birth date (the mix of
// unlisted and listed travellers) and a listed person's document alone.
func BenchmarkCheckMixed(b *testing.B) {
	ix, people := benchSetup(b)
	nameDOB, documents := mixedQueries(people, 8192)
	b.Run("name-dob", func(b *testing.B) {
		flagged := 0
		timeChecks(b, ix, nameDOB, func(v trex.Verdict) {
			if v != trex.Clear {
				flagged++
			}
		})
		b.ReportMetric(float64(flagged)/float64(b.N), "flagged/op")
	})
	b.Run("document", func(b *testing.B) {
		timeChecks(b, ix, documents, func(trex.Verdict) {})
	})
}
