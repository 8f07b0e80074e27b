package screening

import (
	"testing"

	"trex"
)

// BenchmarkCheckRealNameClasses measures checks of travellers whose names
// take the weaker readings (Central Asian, Turkic, Romanian, foreign-origin
// and short given names, in their own Latin spelling) and who are not on
// the list, at the birth dates of listed persons: the work the readings
// add to a check that ends clear.
func BenchmarkCheckRealNameClasses(b *testing.B) {
	ix, people := benchSetup(b)
	var pairs []namePair
	for _, ps := range [][]namePair{centralAsianSame, russianFormsSame, foreignOriginSame, givenNameFormsSame, realNamesHeldOut} {
		pairs = append(pairs, ps...)
	}
	queries := make([]trex.Person, 4096)
	for i := range queries {
		queries[i] = trex.Person{Names: []trex.Name{pairs[i%len(pairs)].traveller}, BirthDate: people[(i*7919)%len(people)].BirthDate}
	}
	flagged := 0
	timeChecks(b, ix, queries, func(v trex.Verdict) {
		if v != trex.Clear {
			flagged++
		}
	})
	b.ReportMetric(float64(flagged)/float64(b.N), "flagged/op")
}
