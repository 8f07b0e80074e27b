package screening

import (
	"math"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"trex"
)

// The decision threshold for a referral resting on a near or partial birth
// date depends on the register's size. A fixed limit on the expected chance
// matches per check lets more unlisted travellers through as the register
// grows, since more of them have namesakes. So the limit is worked out
// from the false-flag rate the deployment accepts (Weights.NearDateFlags):
// the share of unlisted travellers that a namesake on the register, born
// on a date one entry error away from theirs, may get referred.
//
// The estimate leaves one out: unlisted travellers are drawn from the
// population the register is drawn from, so each of the register's N
// persons stands for a traveller, and the other records stand for the
// register that traveller meets. A person whose name the register holds c
// times then has c-1 namesakes. Each is born on one of the traveller's
// near dates with chance s·d: s the mean near-date share (nearShare), d
// the density of births in the traveller's year (yearDensities, one on
// average over travellers). The traveller is referred with chance about
// (c-1)·s·d, provided the chance model lets a candidate of that name
// through: (c-2)·s·d ≤ limit (a candidate's own record is not its
// namesake). Referrals resting on a near date then come to
//
//	Σ over names and years with (c-2)·s·d ≤ limit of (c/N)·P(year)·(c-1)·s·d
//
// of the unlisted travellers. Leaving one out weighs names by how often a
// fresh traveller bears them, not by how often the register does: most
// names the register holds once are borne by no other traveller. The
// limit is the largest for which that sum stays within NearDateFlags,
// within two bounds. It is never less than one and a half namesakes'
// worth (1.5·s): a near date that a single namesake could produce by
// chance is referred, however crowded the register's common names are,
// so that the recall of entry errors in rare names does not depend on
// them. And it is never more than chanceLimitCap. A register of fewer
// than minRecordsForLimit names is too small to stand for a population:
// its limit is Weights.MaxChance.
// The limit falls as the register grows and common names become more
// common, so the false-flag rate stays flat. The price is recall: a
// birth-date error in a name many persons bear is not referred.

// The limit is worked out on the writer's side: after a change to the
// register (countStats) or a snapshot load, once the statistics have moved
// by a thousandth of the register since the limit curve was last built
// (one change moves the limit by next to nothing, and building the curve
// reads every count of names). A check only loads the curve and reads the
// limit for the current weights off it, so the weights' changes take
// effect at once without a check ever reading the histogram.

// limitMemo holds the limit curve built for one version of the
// statistics. It is shared by copies of the statistics and read under the
// index's read lock while the writer replaces it, so the curve is swapped
// atomically.
type limitMemo struct {
	v atomic.Pointer[limitCurve]
	// builds counts the curves built, for the tests that hold a check to
	// reading the memo only.
	builds atomic.Uint64
}

// limitCurve is what the decision limit depends on besides the weights:
// for limits from the least (1.5·s) to the most (chanceLimitCap), spaced
// evenly on a log scale, the near-date false flags each would make
// (flagsAt). The flags grow with the limit.
type limitCurve struct {
	version uint64
	// small is set when the register is too small to stand for a
	// population (or has no spread of birth dates): its limit is
	// Weights.MaxChance.
	small bool
	// limits ascend; flags[i] is the share of unlisted travellers
	// referred on a near date at limits[i].
	limits, flags []float64
}

// limitCurvePoints is how many limits a curve holds: neighbours are under
// 2% apart, and a limit read off the curve is never above the one the
// budget allows.
const limitCurvePoints = 256

// limit is the decision limit for weights w (see the top of this file):
// the largest of the curve's limits whose flags keep within the budget,
// or the least when none does.
func (c *limitCurve) limit(w *Weights) float64 {
	if c.small {
		return w.MaxChance
	}
	i := sort.Search(len(c.flags), func(i int) bool { return c.flags[i] > w.NearDateFlags })
	return c.limits[max(i-1, 0)]
}

// countPair updates the histogram of pair counts when a name pair's count
// goes from old to now.
func (st *nameStats) countPair(old, now uint32) {
	if st.pairHist == nil {
		st.pairHist = make(map[uint32]int)
	}
	if old > 0 {
		if st.pairHist[old]--; st.pairHist[old] <= 0 {
			delete(st.pairHist, old)
		}
	}
	if now > 0 {
		st.pairHist[now]++
	}
}

// chanceLimit is the most expected chance matches per check that a
// referral resting on a near or partial birth date may have in this
// register. It reads the curve the writer last built and never builds
// one: a register that has never changed has none, and is empty.
func (x *Index) chanceLimit() float64 {
	if st := &x.stats; st.limit != nil {
		if c := st.limit.v.Load(); c != nil {
			return c.limit(&x.Weights)
		}
	}
	return x.Weights.MaxChance
}

// refreshLimitLocked builds the limit curve again when the statistics have
// moved by more than a thousandth of the register since it was last built,
// or always when force is set. The caller holds the write lock and has
// applied the change.
func (x *Index) refreshLimitLocked(force bool) {
	st := &x.stats
	if st.limit == nil {
		st.limit = &limitMemo{}
	}
	if c := st.limit.v.Load(); !force && c != nil && st.version-c.version <= uint64(x.count>>10) {
		return
	}
	st.limit.v.Store(x.buildLimitCurve(x.meanNearShare()))
	st.limit.builds.Add(1)
}

// buildLimitCurve works out the limit curve for a mean near-date share s
// from the histogram of name-pair counts and the spread of births over the
// years. A traveller's chance matches follow the births of their year
// (entryErrorShare): the share of a day of year y is s times the year's
// density (yearDensities). So the flags are summed over names and birth
// years together: at a given limit a common name is referred in a year
// few were born in and not in a crowded one, which buys more recall for
// the same flags than a limit set on the mean.
func (x *Index) buildLimitCurve(s float64) *limitCurve {
	c := &limitCurve{version: x.stats.version}
	n := 0
	for k, held := range x.stats.pairHist {
		n += int(k) * held
	}
	if n < minRecordsForLimit || s <= 0 {
		c.small = true
		return c
	}
	counts := make([]uint32, 0, len(x.stats.pairHist))
	for k := range x.stats.pairHist {
		if k > 1 {
			counts = append(counts, k)
		}
	}
	slices.Sort(counts)
	years := x.yearDensities()
	lo, hi := 1.5*s, chanceLimitCap
	if lo >= hi {
		c.limits = []float64{hi}
	} else {
		c.limits = make([]float64, limitCurvePoints)
		step := math.Pow(hi/lo, 1/float64(limitCurvePoints-1))
		for i, l := 0, lo; i < limitCurvePoints; i, l = i+1, l*step {
			c.limits[i] = l
		}
		c.limits[limitCurvePoints-1] = hi
	}
	// flags[i] is the share of unlisted travellers referred at limits[i]:
	// a traveller of a name held k times and born in a year of density d
	// meets (k-1)·s·d namesakes on near dates, and is referred when the
	// chance model lets a candidate through, (k-2)·s·d ≤ limit. For each
	// count the years let through grow with the limit, so one pass over
	// the limits and the years, both ascending, finds them all.
	c.flags = make([]float64, len(c.limits))
	for _, k := range counts {
		kf := float64(k)
		weight := float64(x.stats.pairHist[k]) * kf / float64(n) * (kf - 1) * s
		j := len(years.density)
		if k > 2 {
			j = 0
		}
		for i, l := range c.limits {
			if k > 2 {
				for bound := l / ((kf - 2) * s); j < len(years.density) && years.density[j] <= bound; j++ {
				}
			}
			c.flags[i] += weight * years.weighed[j]
		}
	}
	return c
}

// yearSpread is how the register's births spread over its years, for the
// limit: density holds each year's density (its births per day over the
// mean a traveller meets, so that the densities average to one over the
// travellers), ascending; weighed[j] is the sum over the j least dense
// years of their share of travellers times their density.
type yearSpread struct {
	density, weighed []float64
}

// yearDensities reads the spread from the statistics nearShare and
// entryErrorShare read; a register too small to tell, or without dates,
// is one year of density one.
func (x *Index) yearDensities() yearSpread {
	st := &x.stats
	if st.dated < minDatedForYears || st.yearSquares == 0 {
		return yearSpread{density: []float64{1}, weighed: []float64{0, 1}}
	}
	type year struct{ share, density float64 }
	ys := make([]year, 0, len(st.byYear))
	for _, k := range st.byYear {
		ys = append(ys, year{share: float64(k) / float64(st.dated), density: float64(k) * float64(st.dated) / float64(st.yearSquares)})
	}
	slices.SortFunc(ys, func(a, b year) int {
		switch {
		case a.density < b.density:
			return -1
		case a.density > b.density:
			return 1
		}
		return 0
	})
	out := yearSpread{density: make([]float64, len(ys)), weighed: make([]float64, len(ys)+1)}
	for i, y := range ys {
		out.density[i] = y.density
		out.weighed[i+1] = out.weighed[i] + y.share*y.density
	}
	return out
}

// minRecordsForLimit is how many records with a name the register holds
// before its own name frequencies set the decision limit.
const minRecordsForLimit = 10_000

// chanceLimitCap bounds the decision limit: no referral rests on
// evidence that one check in twenty would produce by chance.
const chanceLimitCap = 0.05

// meanNearShare is the mean chance that a record's full birth date is one
// of the dates an entry error turns a traveller's into: the mean number
// of near dates in days.
func (x *Index) meanNearShare() float64 {
	return meanNearDates() / x.birthDays()
}

// meanNearDates is the mean number of calendar dates appendNearDates
// gives over the days of a year.
var meanNearDates = sync.OnceValue(func() float64 {
	var buf [maxNearDates]nearDate
	total, days := 0, 0
	for m := 1; m <= 12; m++ {
		for d := 1; d <= 31; d++ {
			date := trex.PartialDate{Year: 1985, Month: m, Day: d}
			if !calendarDay(date) {
				continue
			}
			days++
			for _, v := range appendNearDates(buf[:0], date) {
				if calendarDay(v.date) {
					total++
				}
			}
		}
	}
	return float64(total) / float64(days)
})

// ChanceLimit is the decision threshold of a referral resting on a near or
// partial birth date in the register as it stands: the most expected
// chance matches per check it may have (see chanceLimit).
func (x *Index) ChanceLimit() float64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.chanceLimit()
}
