package screening

import (
	"math"
	"slices"
)

// Calibration is what the chance model reads from the register, for an
// operator to inspect: how birth dates spread, how many namesakes the
// register's persons have, and how many of them a near birth date can
// still single out. It quotes no record.
type Calibration struct {
	// Records is the number of indexed subjects.
	Records int `json:"records"`
	// NameTokens is the number of distinct name tokens; Names the number
	// of distinct (surname, given name) pairs.
	NameTokens int `json:"name_tokens"`
	Names      int `json:"names"`
	// BirthDays is the estimated number of distinct birth dates the
	// register's persons spread over (the inverse of the chance that two
	// share a birthday).
	BirthDays float64 `json:"birth_days"`
	// NearDates is the mean number of dates the tolerated entry errors
	// admit around a birth date.
	NearDates float64 `json:"near_dates"`
	// MaxChance is the decision threshold: expected chance matches per
	// check above which a near or partial birth date is not referred. It
	// is worked out for this register from NearDateFlags, the share of
	// unlisted travellers a near-date namesake may get referred, and
	// capped by Weights.MaxChance (see chanceLimit).
	MaxChance     float64 `json:"max_chance"`
	NearDateFlags float64 `json:"near_date_flags"`
	// Namesakes are quantiles, over the register's persons, of how many
	// other persons the register holds under the same name.
	Namesakes Quantiles `json:"namesakes"`
	// ChanceExact and ChanceNear are the same quantiles of the expected
	// chance matches of a traveller with the person's name and the same
	// birth date, or a near one.
	ChanceExact Quantiles `json:"chance_exact"`
	ChanceNear  Quantiles `json:"chance_near"`
	// NearDistinguishable is the share of persons whose near birth date
	// is still referred (chance matches within MaxChance): the recall a
	// birth-date entry error keeps in this register.
	NearDistinguishable float64 `json:"near_distinguishable"`
}

// Quantiles summarise a distribution.
type Quantiles struct {
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

func quantiles(v []float64) Quantiles {
	if len(v) == 0 {
		return Quantiles{}
	}
	slices.Sort(v)
	at := func(p float64) float64 { return round4(v[int(p*float64(len(v)-1))]) }
	return Quantiles{P50: at(0.5), P90: at(0.9), P99: at(0.99), Max: round4(v[len(v)-1])}
}

func round4(f float64) float64 {
	if f == 0 {
		return 0
	}
	scale := math.Pow(10, 3-math.Floor(math.Log10(math.Abs(f))))
	return math.Round(f*scale) / scale
}

// Calibration reports the chance model's estimates for the register as
// indexed now. It reads every record: call it from batch tools, not on
// the check path.
func (x *Index) Calibration() Calibration {
	x.mu.RLock()
	defer x.mu.RUnlock()
	c := Calibration{Records: x.count, NameTokens: x.tokens.live(), Names: x.stats.pairs.len(),
		BirthDays: math.Round(x.birthDays()), MaxChance: x.chanceLimit(), NearDateFlags: x.Weights.NearDateFlags}
	var names, exact, near []float64
	told := 0
	nearSum := 0
	var buf [maxNearDates]nearDate
	for i := range x.records {
		rec := &x.records[i]
		if !rec.live {
			continue
		}
		m := x.namesakes(rec)
		names = append(names, m)
		d := unpackDate(rec.dob)
		if !d.IsFull() {
			continue
		}
		k := len(appendNearDates(buf[:0], d))
		nearSum += k
		days := x.birthDays()
		e := m / days
		exact = append(exact, e)
		en := m * x.nearShare(d, days)
		near = append(near, en)
		if en <= c.MaxChance {
			told++
		}
	}
	if len(near) > 0 {
		c.NearDates = math.Round(100*float64(nearSum)/float64(len(near))) / 100
		c.NearDistinguishable = round4(float64(told) / float64(len(near)))
	}
	c.Namesakes, c.ChanceExact, c.ChanceNear = quantiles(names), quantiles(exact), quantiles(near)
	return c
}
