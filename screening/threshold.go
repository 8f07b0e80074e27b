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
// near dates with chance s, the mean near-date share (nearShare), so the
// traveller is referred with chance about (c-1)·s, provided the chance
// model lets a candidate of that name through: (c-2)·s ≤ limit (a
// candidate's own record is not its namesake). Referrals resting on a near
// date then come to
//
//	Σ over names with (c-2)·s ≤ limit of (c/N)·(c-1)·s
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
// of this file).
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
		counts = append(counts, c)
	}
	slices.Sort(counts)
	flags := 0.0
	limit := 1.5 * s
	for _, c := range counts {
		cf := float64(c)
		flags += float64(x.stats.pairHist[c]) * cf * (cf - 1) * s / float64(n)
		if flags > w.NearDateFlags {
			break
		}
		// Halfway to the next count's candidates: nearShare varies with
		// the birth year, and a limit on a count's own value would let
		// half of them through.
		limit = max(limit, (cf-1.5)*s)
	}
	return min(limit, chanceLimitCap)
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
