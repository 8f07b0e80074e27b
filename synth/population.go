package synth

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"trex"
)

// The population generator (NewPopulation) draws persons from a model of
// the population a Russian-speaking national register serves, rather than
// from a few hundred names. Its assumptions:
//
//   - Peoples and their shares: Russian 72%, Ukrainian and Belarusian 7%,
//     Tatar and Bashkir 6%, Central Asian 6%, North Caucasian 4%,
//     Armenian 2%, Azerbaijani 2%, Georgian 1%. Names are written in the
//     Russian form a register holds.
//   - Surnames: each people's inventory is built productively, from
//     fathers' names, trades and nicknames with the suffixes of that
//     people (-ов/-ев/-ин, -ский, -ых; -енко, -ук, -чук, -ович, -ёнок;
//     -ян; -швили, -дзе, -ия, -ава; -заде, -ли, -зода), with a tail of
//     stems of Russian syllable shape; some 32,000 surnames in all. Within
//     a people, frequency falls with rank as a Zipf–Mandelbrot law
//     1/(rank+10): the commonest surname is about 1% of its people, the
//     hundred commonest about a third, and a third of persons bear a
//     surname from the rare tail.
//   - Given names: from fifteen to some two hundred per people and sex
//     (about 800 in all), common ones first, with the productive
//     compounds of Central Asian and Tatar names; frequency
//     1/(rank+2)^1.1, so the commonest given name is some 7–10% of its
//     sex.
//   - Patronymics: derived from the father's name (drawn from the same
//     people) by Russian grammar; an Azerbaijani father's name is
//     followed by оглы/кызы in two cases of five.
//   - Feminine surnames by the grammar of the form (-ова, -ская, -ая;
//     -енко, -ук, -ян, -швили and the like do not change).
//   - Birth dates: born 1945–2008, the year weighted by births in Russia
//     that year (the post-war boom, the 1960s dip, the 1980s peak, the
//     1990s fall) times a smooth survival to 2026; months with a mild
//     summer peak; the day uniform within the month; one in thirty
//     Central Asian and Caucasian persons registered on 1 January (a
//     birth day unknown when the document was issued).
//
// The inventories are the same for every seed: a seed draws persons from
// one population, so that travellers of one seed are namesakes of a
// register of another as often as in life.

// people is one people of the population model.
type people struct {
	share                   float64
	surnames, male, female  []string
	surCDF, maleCDF, femCDF []float64
	patronymic              func(father string, female bool, r *rand.Rand) string
	// janFirst is the share of persons registered as born on 1 January.
	janFirst float64
}

// population is the model NewPopulation draws from.
type population struct {
	peoples  []*people
	cdf      []float64
	yearCDF  []float64
	monthCDF []float64
	surnames int // distinct surnames over all peoples
}

// thePopulation builds the population model once, on first use, so that
// programs that import synth without drawing from it do not pay for it.
var thePopulation = sync.OnceValue(buildPopulation)

// NewPopulation returns a generator seeded with seed that draws persons
// from the population model described above: tens of thousands of
// surnames and some 800 given names with realistic skew, patronymics by
// the grammar, and birth dates spread as births and survival spread them.
func NewPopulation(seed uint64) *Generator {
	g := New(seed)
	g.pop = thePopulation()
	return g
}

// zipfMandelbrotCDF is the cumulative distribution of 1/(rank+q)^s over n
// ranks.
func zipfMandelbrotCDF(n int, q, s float64) []float64 {
	cdf := make([]float64, n)
	sum := 0.0
	for i := range cdf {
		sum += 1 / math.Pow(float64(i+1)+q, s)
		cdf[i] = sum
	}
	for i := range cdf {
		cdf[i] /= sum
	}
	return cdf
}

func cumulative(w []float64) []float64 {
	out := make([]float64, len(w))
	sum := 0.0
	for i, v := range w {
		sum += v
		out[i] = sum
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// ranked orders an inventory: the head in the order given (commonest
// first), then the rest shuffled by a fixed seed, without repeats.
func ranked(r *rand.Rand, head []string, rest ...[]string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s == "" || seen[s] || !wellFormed(s) {
			return
		}
		seen[s] = true
		out = append(out, s)
	}
	for _, s := range head {
		add(s)
	}
	for _, tier := range rest {
		t := slices.Clone(tier)
		r.Shuffle(len(t), func(i, j int) { t[i], t[j] = t[j], t[i] })
		for _, s := range t {
			add(s)
		}
	}
	return out
}

// wellFormed reports whether s is a capitalised Cyrillic word (a hyphen
// or a space may join two), of two letters or more.
func wellFormed(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.Is(unicode.Cyrillic, first) || !unicode.IsUpper(first) || utf8.RuneCountInString(s) < 2 {
		return false
	}
	for _, c := range s {
		if !unicode.Is(unicode.Cyrillic, c) && c != '-' && c != ' ' {
			return false
		}
	}
	return !strings.Contains(s, "ьь") && !strings.Contains(s, "ьа") && !strings.Contains(s, "ыы")
}

func buildPopulation() *population {
	r := rand.New(rand.NewPCG(0x5eed, 0xf00d)) // fixed: one population for every seed
	tail := tailStems(r, 30000)
	ruTail, uaTail, otherTail := tail[:24000], tail[24000:28000], tail[28000:]
	var ps []*people
	add := func(share float64, sur, male, female []string, patr func(string, bool, *rand.Rand) string, janFirst float64) {
		ps = append(ps, &people{share: share, surnames: sur, male: male, female: female, patronymic: patr, janFirst: janFirst,
			surCDF:  zipfMandelbrotCDF(len(sur), 10, 1),
			maleCDF: zipfMandelbrotCDF(len(male), 2, 1.1), femCDF: zipfMandelbrotCDF(len(female), 2, 1.1)})
	}
	russianPatr := func(f string, fem bool, _ *rand.Rand) string { return patronymic(f, fem) }
	foreignPatr := func(f string, fem bool, _ *rand.Rand) string { return foreignPatronymic(f, fem) }

	// Russian.
	var ruDerived []string
	for _, s := range ruPlaceStems {
		ruDerived = append(ruDerived, adjectival(s))
	}
	for _, h := range ruCompoundHeads {
		for _, t := range ruCompoundTails {
			ruDerived = append(ruDerived, possessive(h+t))
		}
	}
	for _, h := range ruHypoStems {
		for _, suf := range ruHypoSuffixes {
			ruDerived = append(ruDerived, joinSuffix(h, suf))
		}
	}
	ruDerived = append(ruDerived, ruGenitive...)
	for _, s := range ruMale {
		ruDerived = append(ruDerived, possessive(s))
	}
	var ruRare []string
	for i, s := range ruTail {
		switch i % 10 {
		case 0:
			ruRare = append(ruRare, adjectival(s))
		case 1, 2, 3:
			ruRare = append(ruRare, s+"ин")
		default:
			ruRare = append(ruRare, possessive(s))
		}
	}
	var ruHead []string
	for _, s := range ruStems {
		ruHead = append(ruHead, possessive(s))
	}
	add(0.72, ranked(r, ruHead, ruDerived, ruRare), ranked(r, ruMale), ranked(r, ruFemale), russianPatr, 0)

	// Ukrainian and Belarusian.
	var uaSur, uaRare []string
	for _, s := range uaStems {
		for _, suf := range uaSuffixes {
			uaSur = append(uaSur, joinSuffix(s, suf))
		}
	}
	for i, s := range uaTail {
		uaRare = append(uaRare, joinSuffix(s, uaSuffixes[i%len(uaSuffixes)]))
	}
	add(0.07, ranked(r, nil, uaSur, uaRare), ranked(r, ruMale), ranked(r, ruFemale), russianPatr, 0)

	// Tatar and Bashkir; Central Asian.
	var tatMale, caMale, caFemale []string
	for _, p := range turkicPrefixes {
		if p == "Гуль" {
			continue
		}
		for _, root := range turkicMaleRoots {
			caMale = append(caMale, joinName(p, root))
		}
	}
	for _, p := range turkicPrefixes {
		for _, root := range turkicFemaleRoots {
			caFemale = append(caFemale, joinName(p, root))
		}
	}
	tatMale = ranked(r, turkicMale[:40], ruMale[:30])
	caMaleAll := ranked(r, turkicMale[36:], caMale)
	caFemaleAll := ranked(r, turkicFemale[16:], caFemale)
	turkicSurnames := func(names []string, extra func(string) []string) []string {
		var head, rest []string
		for _, n := range names {
			head = append(head, foreignPossessive(n))
			rest = append(rest, extra(n)...)
		}
		for i, s := range otherTail {
			if i%3 == 0 {
				rest = append(rest, possessive(s))
			}
		}
		return ranked(r, head, rest)
	}
	add(0.06, turkicSurnames(tatMale, func(n string) []string {
		if strings.HasSuffix(n, "а") {
			return []string{possessive(n)} // Хабибулла → Хабибуллин
		}
		return nil
	}), tatMale, ranked(r, turkicFemale[:24], ruFemale[:20]), foreignPatr, 0)
	add(0.06, turkicSurnames(caMaleAll, func(n string) []string { return []string{n + "зода", n + "ов"} }),
		caMaleAll, caFemaleAll, foreignPatr, 1.0/30)

	// Caucasus.
	var armSur, geoSur, azSur, ncSur []string
	for _, s := range append(slices.Clone(armenianStems), armenianMale...) {
		armSur = append(armSur, s+"ян")
		if len(s)%3 == 0 {
			armSur = append(armSur, s+"янц")
		}
	}
	for _, s := range georgianStems {
		for _, suf := range georgianSuffixes {
			geoSur = append(geoSur, joinSuffix(s, suf))
		}
	}
	for _, n := range azeriMale {
		azSur = append(azSur, foreignPossessive(n), n+"заде", n+"ли")
	}
	var ncHead, armRare, azRare []string
	for _, n := range northCaucasusMale {
		ncHead = append(ncHead, foreignPossessive(n))
	}
	for i, s := range otherTail {
		switch {
		case i%3 == 1:
			ncSur = append(ncSur, possessive(s))
		case i%6 == 2:
			armRare = append(armRare, s+"ян")
		case i%6 == 5:
			azRare = append(azRare, possessive(s))
		}
	}
	add(0.02, ranked(r, nil, armSur, armRare), ranked(r, armenianMale), ranked(r, armenianFemale), foreignPatr, 1.0/30)
	add(0.01, ranked(r, nil, geoSur), ranked(r, georgianMale), ranked(r, georgianFemale), foreignPatr, 1.0/30)
	add(0.02, ranked(r, nil, azSur, azRare), ranked(r, azeriMale), ranked(r, azeriFemale), func(f string, fem bool, rr *rand.Rand) string {
		if rr.IntN(5) < 2 {
			return turkicPatronymic(f, fem)
		}
		return foreignPatronymic(f, fem)
	}, 1.0/30)
	add(0.04, ranked(r, ncHead, ncSur), ranked(r, northCaucasusMale, ruMale[:10]), ranked(r, northCaucasusFemale), foreignPatr, 1.0/30)

	pop := &population{peoples: ps}
	shares := make([]float64, len(ps))
	distinct := map[string]bool{}
	for i, p := range ps {
		shares[i] = p.share
		for _, s := range p.surnames {
			distinct[s] = true
		}
	}
	pop.surnames = len(distinct)
	pop.cdf = cumulative(shares)
	pop.yearCDF = cumulative(yearWeights())
	pop.monthCDF = cumulative([]float64{0.97, 0.92, 1.0, 0.98, 1.01, 1.03, 1.07, 1.06, 1.02, 0.99, 0.95, 0.96})
	return pop
}

// joinSuffix attaches a suffix to a stem, dropping a doubled letter at
// the seam and a final vowel before a vowel.
func joinSuffix(stem, suf string) string {
	sr, fr := []rune(stem), []rune(suf)
	if len(sr) == 0 || len(fr) == 0 {
		return stem + suf
	}
	last, first := sr[len(sr)-1], fr[0]
	switch {
	case last == first:
		return string(sr[:len(sr)-1]) + suf
	case strings.ContainsRune("аеиоуыяю", last) && strings.ContainsRune("аеиоуыяюё", first):
		return string(sr[:len(sr)-1]) + suf
	case strings.ContainsRune("жшчщц", last) && first == 'ы':
		return stem + "и" + string(fr[1:])
	}
	return stem + suf
}

// joinName joins the parts of a compound name (Нур + лан → Нурлан).
func joinName(a, b string) string { return joinSuffix(a, b) }

// foreignPossessive forms the -ов/-ев surname of a name that is not
// Russian: a name in a vowel takes -ев (Али → Алиев, Муса → Мусаев).
func foreignPossessive(name string) string {
	last, _ := utf8.DecodeLastRuneInString(name)
	if strings.ContainsRune("аеиоуэ", last) {
		return name + "ев"
	}
	return possessive(name)
}

// foreignPatronymic is the Russian-form patronymic of a father whose name
// is not Russian: a name in a vowel keeps it (Муса → Мусаевич, Гия →
// Гиевич), any other follows the grammar.
func foreignPatronymic(father string, female bool) string {
	last, _ := utf8.DecodeLastRuneInString(father)
	end := "евич"
	if female {
		end = "евна"
	}
	switch {
	case last == 'я':
		return strings.TrimSuffix(father, "я") + end
	case strings.ContainsRune("аеиоуэ", last):
		return father + end
	}
	return patronymic(father, female)
}

// tailStems builds n distinct stems of Russian syllable shape (one or two
// syllables, a closing consonant) for the rare tail of the inventories.
func tailStems(r *rand.Rand, n int) []string {
	onsets := fields(`б в г д ж з к л м н п р с т ф х ц ч ш бр вр гр др кр пр тр ст шк ск сл см сн зв гл кл пл бл`)
	vowels := fields(`а о у е и ы а о`)
	codas := fields(`к н р л т д в м ш х ч з с б п г рт лк нк рд рм`)
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		syl := 1 + r.IntN(2)
		for i := 0; i < syl; i++ {
			o := onsets[r.IntN(len(onsets))]
			v := vowels[r.IntN(len(vowels))]
			if v == "ы" && strings.ContainsAny(o[len(o)-2:], "гкхжшчщц") {
				v = "и"
			}
			b.WriteString(o + v)
		}
		b.WriteString(codas[r.IntN(len(codas))])
		s := b.String()
		first, size := utf8.DecodeRuneInString(s)
		s = string(unicode.ToUpper(first)) + s[size:]
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// birthsRU are live births in Russia in thousands, at the turn of each
// five years from 1945 to 2010 (rounded; the curve between is linear).
var birthsRU = []float64{1500, 2600, 2750, 2650, 2100, 1950, 2000, 2150, 2350, 2450, 1990, 1360, 1270, 1460, 1780}

// yearWeights weighs the birth years 1945–2008 by births that year and a
// smooth survival to 2026.
func yearWeights() []float64 {
	w := make([]float64, 0, 64)
	for y := 1945; y <= 2008; y++ {
		i, f := (y-1945)/5, float64((y-1945)%5)/5
		b := birthsRU[i]*(1-f) + birthsRU[i+1]*f
		age := float64(2026 - y)
		surv := 1.0
		if age > 45 {
			surv = math.Exp(-math.Pow((age-45)/25, 2))
		}
		w = append(w, b*surv)
	}
	return w
}

// popPerson draws one person of the population model.
func (g *Generator) popPerson(female bool) trex.Person {
	pop := g.pop
	pp := pop.peoples[g.pick(pop.cdf)]
	sur := surname{pp.surnames[g.pick(pp.surCDF)]}
	father := pp.male[g.pick(pp.maleCDF)]
	var p trex.Person
	if female {
		p.Sex = trex.SexFemale
		p.Names = []trex.Name{{Surname: sur.feminine(), Given: pp.female[g.pick(pp.femCDF)], Patronymic: pp.patronymic(father, true, g.rng)}}
	} else {
		p.Sex = trex.SexMale
		p.Names = []trex.Name{{Surname: sur.masculine, Given: pp.male[g.pick(pp.maleCDF)], Patronymic: pp.patronymic(father, false, g.rng)}}
	}
	if pp.janFirst > 0 && g.rng.Float64() < pp.janFirst {
		p.BirthDate = trex.PartialDate{Year: 1945 + g.pick(pop.yearCDF), Month: 1, Day: 1}
	} else {
		p.BirthDate = g.popBirthDate()
	}
	return p
}

// popBirthDate draws a full birth date as the population model spreads
// them.
func (g *Generator) popBirthDate() trex.PartialDate {
	y := 1945 + g.pick(g.pop.yearCDF)
	m := 1 + g.pick(g.pop.monthCDF)
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return trex.PartialDate{Year: y, Month: m, Day: 1 + g.rng.IntN(days)}
}
