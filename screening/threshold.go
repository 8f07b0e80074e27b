package screening

import (
	"slices"
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

// limitMemo holds the last worked-out limit and the statistics version
// it was worked out for. It is shared by copies of the statistics and read
// under the index's read lock, so the value is swapped atomically.
type limitMemo struct {
	v atomic.Pointer[limitValue]
}

type limitValue struct {
	version uint64
	// weights are the Weights the limit was worked out with.
	flags, maxChance float64
	limit            float64
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
// register. It is worked out again once the register has changed by a
// thousandth since it last was.
func (x *Index) chanceLimit() float64 {
	st := &x.stats
	if st.limit == nil {
		// Only a zero nameStats lacks its memo. New and snapshot loading
		// always set one.
		return x.limitFor(x.meanNearShare())
	}
	// A limit worked out before the last few changes stands until they
	// come to a thousandth of the register: one change moves it by next
	// to nothing, and working it out reads every count of names.
	w := &x.Weights
	if v := st.limit.v.Load(); v != nil && st.version-v.version <= uint64(x.count>>10) &&
		v.flags == w.NearDateFlags && v.maxChance == w.MaxChance {
		return v.limit
	}
	l := x.limitFor(x.meanNearShare())
	st.limit.v.Store(&limitValue{version: st.version, flags: w.NearDateFlags, maxChance: w.MaxChance, limit: l})
	return l
}

// limitFor works out the limit for a mean near-date share s (see the top
// of this file). A traveller's chance matches also follow the births of
// their year (entryErrorShare): the share of a day of year y is s times
// the year's density (yearDensities). So the flags are summed over names
// and birth years together, and the limit is the largest whose
// referrals, in whichever names and years they fall, keep within
// NearDateFlags: a common name is referred in a year few were born in
// and not in a crowded one, which buys more recall for the same flags
// than a limit set on the mean.
func (x *Index) limitFor(s float64) float64 {
	w := &x.Weights
	n := 0
	for c, k := range x.stats.pairHist {
		n += int(c) * k
	}
	if n < minRecordsForLimit || s <= 0 {
		return w.MaxChance
	}
	counts := make([]uint32, 0, len(x.stats.pairHist))
	for c := range x.stats.pairHist {
		if c > 1 {
			counts = append(counts, c)
		}
	}
	slices.Sort(counts)
	years := x.yearDensities()
	// flagsAt is the share of unlisted travellers referred at limit l: a
	// traveller of a name held c times and born in a year of density d
	// meets (c-1)·s·d namesakes on near dates, and is referred when the
	// chance model lets a candidate through, (c-2)·s·d ≤ l.
	flagsAt := func(l float64) float64 {
		flags := 0.0
		for _, c := range counts {
			cf := float64(c)
			j := len(years.density)
			if c > 2 {
				bound := l / ((cf - 2) * s)
				j, _ = slices.BinarySearchFunc(years.density, bound, func(d, b float64) int {
					if d > b {
						return 1
					}
					return -1
				})
			}
			flags += float64(x.stats.pairHist[c]) * cf / float64(n) * (cf - 1) * s * years.weighed[j]
		}
		return flags
	}
	lo, hi := 1.5*s, chanceLimitCap
	if lo >= hi {
		return hi
	}
	if flagsAt(hi) <= w.NearDateFlags {
		return hi
	}
	if flagsAt(lo) > w.NearDateFlags {
		return lo
	}
	for i := 0; i < 40; i++ {
		mid := (lo + hi) / 2
		if flagsAt(mid) <= w.NearDateFlags {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
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
