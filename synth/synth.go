// Package synth generates realistic synthetic persons of the kind a
// Russian-speaking issuer holds on its restriction list: Cyrillic surnames
// in their masculine or feminine form, given names, patronymics formed from
// the father's name, birth dates, national ID and foreign-passport numbers.
// Name frequencies follow a Zipf-like law, so that namesakes are common, as
// they are in a national register.
//
// New draws from a few hundred names, which makes namesakes far commoner
// than in life; NewPopulation draws from a model of the population a
// national register serves (tens of thousands of surnames of several
// peoples built by their grammar, patronymics derived from fathers' names,
// birth dates spread as births and survival spread them; see
// population.go for its assumptions), for tests whose figures must speak
// for a real population.
//
// It is for tests, benchmarks and the demo; any resemblance of a generated
// person to a real one is chance. A Generator is deterministic for a seed
// and not safe for concurrent use.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"trex"
)

// Generator produces synthetic persons.
type Generator struct {
	rng *rand.Rand
	// PassportShare is the share of persons that hold a foreign-travel
	// passport (default 0.3).
	PassportShare float64
	// MinYear and MaxYear bound birth years (defaults 1945 and 2008).
	MinYear, MaxYear int

	surnameCDF, maleCDF, femaleCDF, fatherCDF []float64
	// pop, when set, is the population model persons are drawn from
	// (NewPopulation).
	pop *population
}

// New returns a generator seeded with seed.
func New(seed uint64) *Generator {
	return &Generator{
		rng:           rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		PassportShare: 0.3,
		MinYear:       1945,
		MaxYear:       2008,
		surnameCDF:    zipfCDF(len(surnames), 0.9),
		maleCDF:       zipfCDF(len(maleNames), 1.0),
		femaleCDF:     zipfCDF(len(femaleNames), 1.0),
		fatherCDF:     zipfCDF(len(fathers), 1.0),
	}
}

// zipfCDF is the cumulative distribution of a Zipf law with exponent s over
// n ranks.
func zipfCDF(n int, s float64) []float64 {
	cdf := make([]float64, n)
	sum := 0.0
	for i := range cdf {
		sum += 1 / math.Pow(float64(i+1), s)
		cdf[i] = sum
	}
	for i := range cdf {
		cdf[i] /= sum
	}
	return cdf
}

func (g *Generator) pick(cdf []float64) int {
	u := g.rng.Float64()
	lo, hi := 0, len(cdf)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cdf[mid] < u {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Person returns a new synthetic person: one Cyrillic name with surname,
// given name and patronymic, sex, a full birth date, nationality RU, a
// ten-digit national ID and, for some, a nine-digit passport number.
func (g *Generator) Person() trex.Person {
	female := g.rng.IntN(2) == 1
	return g.person(female)
}

// PersonOfSex returns a new synthetic person of the given sex (unknown is
// read as male).
func (g *Generator) PersonOfSex(sex trex.Sex) trex.Person {
	return g.person(sex == trex.SexFemale)
}

func (g *Generator) person(female bool) trex.Person {
	if g.pop != nil {
		p := g.popPerson(female)
		g.identify(&p)
		return p
	}
	s := surnames[g.pick(g.surnameCDF)]
	f := fathers[g.pick(g.fatherCDF)]
	var p trex.Person
	var name trex.Name
	if female {
		name = trex.Name{Surname: s.feminine(), Given: femaleNames[g.pick(g.femaleCDF)], Patronymic: f.daughter}
		p.Sex = trex.SexFemale
	} else {
		name = trex.Name{Surname: s.masculine, Given: maleNames[g.pick(g.maleCDF)], Patronymic: f.son}
		p.Sex = trex.SexMale
	}
	p.Names = []trex.Name{name}
	p.BirthDate = g.BirthDate()
	g.identify(&p)
	return p
}

// identify gives p nationality RU, a national ID and, for some, a
// passport.
func (g *Generator) identify(p *trex.Person) {
	p.Nationality = []string{"RU"}
	p.Identifiers = []trex.Identifier{{Kind: "national_id", Country: "RU", Value: g.digits(10)}}
	if g.rng.Float64() < g.PassportShare {
		p.Documents = []trex.Document{{Kind: "passport", Number: g.digits(9), IssuingState: "RUS"}}
	}
}

// BirthDate returns a full date between MinYear and MaxYear.
func (g *Generator) BirthDate() trex.PartialDate {
	y := g.MinYear + g.rng.IntN(g.MaxYear-g.MinYear+1)
	m := 1 + g.rng.IntN(12)
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return trex.PartialDate{Year: y, Month: m, Day: 1 + g.rng.IntN(days)}
}

func (g *Generator) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.rng.IntN(10))
	}
	return string(b)
}

// Intn returns a pseudo-random number in [0, n) from the generator's
// stream, for callers that derive variations of generated persons.
func (g *Generator) Intn(n int) int {
	if n <= 0 {
		return 0
	}
	return g.rng.IntN(n)
}

// String describes the generator for logs.
func (g *Generator) String() string {
	if g.pop != nil {
		return fmt.Sprintf("synth.Generator(population model, %d surnames)", g.pop.surnames)
	}
	return fmt.Sprintf("synth.Generator(%d surnames, %d+%d given names)", len(surnames), len(maleNames), len(femaleNames))
}
