package screening

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"trex"
)

// zipfNames draws names whose surname and given name follow Zipf's law
// over a few thousand surnames and a few hundred given names: a register
// large enough that the commonest names have hundreds of bearers. The
// names are random words far apart, so that namesakes, not misspellings,
// make the chance agreements.
type zipfNames struct {
	r        *rand.Rand
	sur, giv *rand.Zipf
}

func newZipfNames(seed uint64) *zipfNames {
	r := rand.New(rand.NewPCG(seed, seed^0x9e37))
	return &zipfNames{r: r, sur: rand.NewZipf(r, 1.1, 1, 3999), giv: rand.NewZipf(r, 1.2, 1, 299)}
}

// word is the name of rank k in a list: ten letters drawn from a
// generator seeded by the rank and the list.
func word(list, k uint64) string {
	r := rand.New(rand.NewPCG(list, k))
	b := make([]byte, 10)
	for i := range b {
		b[i] = "BDFGKLMNPRSTVZ"[r.IntN(14)]
		if i%2 == 1 {
			b[i] = "AEIOU"[r.IntN(5)]
		}
	}
	return string(b)
}

func (z *zipfNames) person() trex.Person {
	return trex.Person{
		Names:     []trex.Name{{Surname: word(1, z.sur.Uint64()), Given: word(2, z.giv.Uint64())}},
		BirthDate: trex.PartialDate{Year: 1950 + z.r.IntN(50), Month: 1 + z.r.IntN(12), Day: 1 + z.r.IntN(28)},
		Sex:       trex.SexMale,
	}
}

// TestChanceLimitHoldsTheNearDateBudget holds the decision limit to what
// it is worked out for: unlisted travellers drawn from the register's
// population are referred on a near birth date by a namesake no more
// often than Weights.NearDateFlags allows (twice it, for the noise of
// 20,000 draws), at two register sizes; and the limit stays within its
// bounds.
func TestChanceLimitHoldsTheNearDateBudget(t *testing.T) {
	if raceDetector {
		t.Skip("registers of 20,000 and 80,000 records and 20,000 checks: not in race runs")
	}
	z := newZipfNames(11)
	ix := New()
	n := 0
	for _, size := range []int{20_000, 80_000} {
		for ; n < size; n++ {
			ix.Put(trex.Subject{Key: "r" + strconv.Itoa(n), Person: z.person()})
		}
		limit, s := ix.ChanceLimit(), ix.meanNearShare()
		if limit < 1.5*s || limit > chanceLimitCap {
			t.Errorf("%d records: limit %.3g outside [%.3g, %.3g]", size, limit, 1.5*s, chanceLimitCap)
		}
		strangers := newZipfNames(uint64(size))
		const draws = 20_000
		nearFlags := 0
		for i := 0; i < draws; i++ {
			p := strangers.person()
			_, ms := matchAll(ix, p)
			for _, m := range ms {
				if m.Verdict != trex.Clear && hasEvidence(m, "birth_date", "near") {
					nearFlags++
					break
				}
			}
		}
		rate := float64(nearFlags) / draws
		t.Logf("%d records: limit %.3g, near-date false flags %.4f (%d of %d)", size, limit, rate, nearFlags, draws)
		if rate > 2*ix.Weights.NearDateFlags {
			t.Errorf("%d records: near-date false flags %.4f, want <= %.4f", size, rate, 2*ix.Weights.NearDateFlags)
		}
	}
}

func hasEvidence(m trex.Match, field, outcome string) bool {
	for _, e := range m.Evidence {
		if e.Field == field && e.Outcome == outcome {
			return true
		}
	}
	return false
}

// TestChanceLimitFollowsTheRegister holds that the limit is worked out
// from the register as it stands: a snapshot loads the same limit, a
// register emptied again falls back on Weights.MaxChance with no counts
// left over, and a register too small to stand for a population uses
// Weights.MaxChance.
func TestChanceLimitFollowsTheRegister(t *testing.T) {
	z := newZipfNames(12)
	ix := New()
	const size = 30_000
	for i := 0; i < size; i++ {
		ix.Put(trex.Subject{Key: "r" + strconv.Itoa(i), Person: z.person()})
	}
	limit := ix.ChanceLimit()
	if limit == ix.Weights.MaxChance {
		t.Logf("the limit of %d records is the small register's, %.3g", size, limit)
	}
	loaded := New()
	if err := loaded.LoadSnapshot(ix.AppendSnapshot(nil)); err != nil {
		t.Fatal(err)
	}
	// The register's own curve may trail it by a thousandth of its
	// changes; the loaded one is built from the statistics as they stand.
	fresh := ix.buildLimitCurve(ix.meanNearShare()).limit(&ix.Weights)
	if got := loaded.ChanceLimit(); got != fresh {
		t.Errorf("limit after a snapshot %.6g, want %.6g", got, fresh)
	}
	for i := 0; i < size; i++ {
		ix.Remove("r" + strconv.Itoa(i))
	}
	if len(ix.stats.pairHist) != 0 {
		t.Errorf("an emptied register still counts %d name-pair sizes", len(ix.stats.pairHist))
	}
	if got := ix.ChanceLimit(); got != ix.Weights.MaxChance {
		t.Errorf("limit of an emptied register %.3g, want %.3g", got, ix.Weights.MaxChance)
	}
	for i := 0; i < minRecordsForLimit-1; i++ {
		ix.Put(trex.Subject{Key: "s" + strconv.Itoa(i), Person: z.person()})
	}
	if got := ix.ChanceLimit(); got != ix.Weights.MaxChance {
		t.Errorf("limit of %d records %.3g, want %.3g", minRecordsForLimit-1, got, ix.Weights.MaxChance)
	}
}

// TestChanceLimitFollowsTheWeights holds that the limit is worked out
// again when the weights it rests on change: a twentieth of the budget
// for near-date false flags gives a smaller limit, and a register too
// small to stand for a population follows MaxChance.
func TestChanceLimitFollowsTheWeights(t *testing.T) {
	z := newZipfNames(13)
	ix := New()
	for i := 0; i < 2*minRecordsForLimit; i++ {
		ix.Put(trex.Subject{Key: "r" + strconv.Itoa(i), Person: z.person()})
	}
	wide := ix.ChanceLimit()
	ix.Weights.NearDateFlags /= 20
	if narrow := ix.ChanceLimit(); narrow >= wide || narrow < 1.5*ix.meanNearShare() {
		t.Errorf("limit at a twentieth of the budget %.3g, want in [%.3g, %.3g)", narrow, 1.5*ix.meanNearShare(), wide)
	}
	small := New()
	small.Put(trex.Subject{Key: "one", Person: z.person()})
	_ = small.ChanceLimit()
	small.Weights.MaxChance = 0.003
	if got := small.ChanceLimit(); got != 0.003 {
		t.Errorf("small register's limit after MaxChance changed %.3g, want 0.003", got)
	}
}

// TestChanceLimitIsBuiltByTheWriter holds that checks only read the
// decision limit's curve: screening travellers builds none, the curve
// trails the register by at most a thousandth of its records, a change of
// the weights takes effect without one, and changes beyond a thousandth
// build it again.
func TestChanceLimitIsBuiltByTheWriter(t *testing.T) {
	z := newZipfNames(14)
	ix := New()
	size := 2 * minRecordsForLimit
	for i := 0; i < size; i++ {
		ix.Put(trex.Subject{Key: "r" + strconv.Itoa(i), Person: z.person()})
	}
	memo := ix.stats.limit
	if lag := ix.stats.version - memo.v.Load().version; lag > uint64(size>>10) {
		t.Errorf("curve %d changes behind the register, want <= %d", lag, size>>10)
	}
	built := memo.builds.Load()
	strangers := newZipfNames(99)
	for i := 0; i < 500; i++ {
		matchAll(ix, strangers.person())
	}
	wide := ix.ChanceLimit()
	ix.Weights.NearDateFlags /= 20
	narrow := ix.ChanceLimit()
	if got := memo.builds.Load(); got != built {
		t.Errorf("checks built the curve %d times, want none", got-built)
	}
	if narrow >= wide {
		t.Errorf("limit at a twentieth of the budget %.3g, want below %.3g without a new curve", narrow, wide)
	}
	for i := 0; i <= size>>10; i++ {
		ix.Put(trex.Subject{Key: "s" + strconv.Itoa(i), Person: z.person()})
	}
	if memo.builds.Load() == built {
		t.Errorf("%d changes to a register of %d built no new curve", size>>10+1, size)
	}
}

// crowdedYears draws Zipf names, as zipfNames does, born in 1950–1999
// with half of them in the five years 1980–1984: a register whose births
// crowd a few years, as a baby boom's do.
type crowdedYears struct{ *zipfNames }

func (z crowdedYears) person() trex.Person {
	p := z.zipfNames.person()
	if z.r.IntN(2) == 0 {
		p.BirthDate.Year = 1980 + z.r.IntN(5)
	}
	return p
}

// crowded reports whether year is one of crowdedYears' crowded ones.
func crowded(year int) bool { return year >= 1980 && year <= 1984 }

// TestChanceLimitFollowsHowBirthsSpreadOverYears holds the limit worked
// out over names and birth years together on a register whose births
// crowd a few years: unlisted travellers drawn from its population are
// referred on a near birth date by a namesake within the budget (twice
// it, for the noise of the draws), and an entry error in the birth date of
// a listed person born in a thin year, where fewer namesakes share each
// day, is referred more often than one in a crowded year.
func TestChanceLimitFollowsHowBirthsSpreadOverYears(t *testing.T) {
	if raceDetector {
		t.Skip("a register of 40,000 records and 14,000 checks: not in race runs")
	}
	z := crowdedYears{newZipfNames(31)}
	ix := New()
	var people []trex.Person
	for i := 0; i < 40_000; i++ {
		p := z.person()
		ix.Put(trex.Subject{Key: "r" + strconv.Itoa(i), Person: p})
		people = append(people, p)
	}
	strangers := crowdedYears{newZipfNames(32)}
	const draws = 8000
	nearFlags := 0
	for i := 0; i < draws; i++ {
		_, ms := matchAll(ix, strangers.person())
		for _, m := range ms {
			if m.Verdict != trex.Clear && hasEvidence(m, "birth_date", "near") {
				nearFlags++
				break
			}
		}
	}
	rate := float64(nearFlags) / draws
	if rate > 2*ix.Weights.NearDateFlags {
		t.Errorf("near-date false flags %.4f, want <= %.4f", rate, 2*ix.Weights.NearDateFlags)
	}
	r := rand.New(rand.NewPCG(33, 34))
	var found, listed [2]int // thin, crowded
	for i := 0; i < 6000; i++ {
		k := r.IntN(len(people))
		q := people[k]
		q.BirthDate = entryError(r, q.BirthDate)
		if q.BirthDate.Year != people[k].BirthDate.Year {
			continue // an error in the year moves the date out of its year's crowd
		}
		c := 0
		if crowded(q.BirthDate.Year) {
			c = 1
		}
		listed[c]++
		if _, ms := matchAll(ix, q); referred(ms, "r"+strconv.Itoa(k)) {
			found[c]++
		}
	}
	thin, crowd := ratio(found[0], listed[0]), ratio(found[1], listed[1])
	t.Logf("limit %.3g; near-date false flags %.4f; entry-error recall %.4f in thin years (%d), %.4f in crowded ones (%d)",
		ix.ChanceLimit(), rate, thin, listed[0], crowd, listed[1])
	if thin <= crowd {
		t.Errorf("entry-error recall %.4f in thin years, %.4f in crowded ones: want the thin years' higher", thin, crowd)
	}
}
