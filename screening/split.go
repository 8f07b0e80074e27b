package screening

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"trex"
	"trex/romanize"
	"trex/synth"
)

// A held-out split measures the matcher on persons no weight or threshold
// was tuned on: a register drawn from a synth generator and seed, listed
// travellers rendered as a border reads them under the error model below,
// and unlisted travellers drawn from the same population with another
// seed. RunSplit builds one and screens it; the quality tests assert its
// figures and trex screen --split prints them.

// mixedSpellings gives, for each Cyrillic letter, spellings found in real
// documents across systems and languages. A name spelled by picking one at
// random per letter is harder than any single system: the matcher must
// generalise beyond the systems it has tables for.
var mixedSpellings = map[rune][]string{
	'а': {"A"}, 'б': {"B"}, 'в': {"V", "V", "W"}, 'г': {"G", "G", "G", "H"}, 'д': {"D"}, 'е': {"E"},
	'ё': {"E", "YO", "JO", "IO"}, 'ж': {"ZH", "ZH", "J", "Z", "SH"}, 'з': {"Z", "Z", "S"}, 'и': {"I", "I", "I", "Y"},
	'й': {"I", "Y", "J"}, 'к': {"K"}, 'л': {"L"}, 'м': {"M"}, 'н': {"N"}, 'о': {"O"}, 'п': {"P"}, 'р': {"R"},
	'с': {"S"}, 'т': {"T"}, 'у': {"U", "U", "OU"}, 'ф': {"F"}, 'х': {"KH", "KH", "H", "CH"},
	'ц': {"TS", "TC", "C", "TZ", "Z"}, 'ч': {"CH", "CH", "TCH", "TSCH", "C", "CZ"},
	'ш': {"SH", "SH", "CH", "SCH", "S", "SZ"}, 'щ': {"SHCH", "SCH", "CHTCH", "SC", "SHTCH"}, 'ъ': {"", "IE", "Y"},
	'ы': {"Y", "Y", "I"}, 'ь': {"", "", "Y", "I", "J"}, 'э': {"E"}, 'ю': {"IU", "YU", "JU", "U", "IOU"},
	'я': {"IA", "YA", "JA", "A"},
}

func mixedSpelling(r *rand.Rand, s string) string {
	var b strings.Builder
	w := []rune(strings.ToLower(s))
	for i := 0; i < len(w); i++ {
		if i == len(w)-2 && w[i] == 'и' && w[i+1] == 'й' {
			b.WriteString([]string{"II", "IY", "Y", "I", "IJ"}[r.IntN(5)])
			break
		}
		if w[i] == 'е' && (i == 0 || strings.ContainsRune("аеиоуыэюяь", w[i-1])) && r.IntN(2) == 0 {
			b.WriteString("YE")
			continue
		}
		if opts := mixedSpellings[w[i]]; opts != nil {
			b.WriteString(opts[r.IntN(len(opts))])
		} else {
			b.WriteRune(w[i])
		}
	}
	return b.String()
}

// oneTypo substitutes, drops, doubles or swaps one inner letter.
func oneTypo(r *rand.Rand, s string) string {
	if len(s) < 4 {
		return s
	}
	b := []byte(s)
	i := 1 + r.IntN(len(b)-2)
	switch r.IntN(4) {
	case 0:
		b[i] = byte('A' + r.IntN(26))
	case 1:
		b = append(b[:i], b[i+1:]...)
	case 2:
		b[i], b[i+1] = b[i+1], b[i]
	default:
		b = append(b[:i], append([]byte{b[i]}, b[i:]...)...)
	}
	return string(b)
}

// entryError applies one of the data-entry errors a birth date may carry
// (the ones appendNearDates tolerates), chosen at random.
func entryError(r *rand.Rand, d trex.PartialDate) trex.PartialDate {
	var near [maxNearDates]nearDate
	opts := appendNearDates(near[:0], d)
	return opts[r.IntN(len(opts))].date
}

// heldOutSpelling renders a Cyrillic name part under the held-out error
// model's mix of systems.
func heldOutSpelling(r *rand.Rand, s string) string {
	want := romanize.ICAO
	switch u := r.IntN(100); {
	case u < 65:
	case u < 75:
		want = romanize.MVD2010
	case u < 85:
		want = romanize.MVD1997
	case u < 90:
		want = romanize.BGN
	case u < 95:
		want = romanize.English
	default:
		return mixedSpelling(r, s)
	}
	for _, rd := range romanize.Renderings(s) {
		if rd.System == want {
			return rd.Text
		}
	}
	return romanize.ICAOName(s)
}

// heldOutTraveller renders register person p as a border reads them, and
// names the errors applied.
func heldOutTraveller(r *rand.Rand, p trex.Person) (trex.Person, string) {
	n := p.Names[0]
	sur, giv := heldOutSpelling(r, n.Surname), heldOutSpelling(r, n.Given)
	cat := "clean"
	dob := p.BirthDate
	switch u := r.IntN(100); {
	case u < 3:
		cat = "typo"
		if r.IntN(2) == 0 {
			sur = oneTypo(r, sur)
		} else {
			giv = oneTypo(r, giv)
		}
	case u < 7:
		cat = "dob-error"
		dob = entryError(r, dob)
	case u < 22:
		cat = "patronymic"
		giv += " " + heldOutSpelling(r, n.Patronymic)
	case u < 25:
		cat = "swapped"
		sur, giv = giv, sur
	}
	t := trex.Person{Names: []trex.Name{{Surname: sur, Given: giv}}, BirthDate: dob, Sex: p.Sex, Nationality: []string{"RU"}}
	if len(p.Documents) > 0 && r.IntN(4) == 0 {
		t.Documents = []trex.Document{{Kind: "passport", Number: p.Documents[0].Number, IssuingState: "RUS"}}
		cat += "+document"
	}
	return t, cat
}

// unlistedName renders the name of a person who is not listed as their
// document shows it: under the same mix of systems as a listed
// traveller's, and carrying the patronymic, or surname and given name in
// each other's place, as often (a document's layout does not depend on
// whether its holder is listed).
func unlistedName(r *rand.Rand, n trex.Name) trex.Name {
	sur, giv := heldOutSpelling(r, n.Surname), heldOutSpelling(r, n.Given)
	switch u := r.IntN(100); {
	case u < 15:
		giv += " " + heldOutSpelling(r, n.Patronymic)
	case u < 18:
		sur, giv = giv, sur
	}
	return trex.Name{Surname: sur, Given: giv}
}

// freshNumber returns number, or a number of as many digits drawn from r
// when the register holds number already: a passport number of one
// issuing state names one document, so a stranger's cannot be a listed
// person's (two synth seeds draw numbers independently, and would
// otherwise share some).
func freshNumber(r *rand.Rand, number string, held map[string]bool) string {
	for held[number] {
		b := []byte(number)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		number = string(b)
	}
	return number
}

// SplitConfig chooses a held-out split.
type SplitConfig struct {
	// Population draws persons from synth's population model
	// (synth.NewPopulation); otherwise from synth's few hundred names
	// (synth.New).
	Population bool
	// Seed seeds the register; Seed+1 the unlisted travellers.
	Seed uint64
	// Records is the register's size, Queries the number of listed and of
	// unlisted travellers screened.
	Records, Queries int
}

// MaxSplitRecords bounds a split's register (ten million records take
// some ten gigabytes).
const MaxSplitRecords = 10_000_000

// SplitTally counts the outcomes of one category of travellers.
type SplitTally struct {
	Listed    int `json:"listed"`
	Found     int `json:"found"`
	Unlisted  int `json:"unlisted"`
	Flagged   int `json:"flagged"`
	Hits      int `json:"hits"`
	RightHits int `json:"right_hits"`
}

func (t *SplitTally) add(o SplitTally) {
	t.Listed += o.Listed
	t.Found += o.Found
	t.Unlisted += o.Unlisted
	t.Flagged += o.Flagged
	t.Hits += o.Hits
	t.RightHits += o.RightHits
}

// Recall is the share of listed travellers referred to their record.
func (t SplitTally) Recall() float64 { return share(t.Found, t.Listed) }

// FalseFlags is the share of unlisted travellers not cleared.
func (t SplitTally) FalseFlags() float64 { return share(t.Flagged, t.Unlisted) }

func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// SplitReport is the outcome of a held-out split, by category of
// traveller: clean, typo, dob-error, patronymic, swapped (each +document
// when the traveller shows a passport the register holds), unlisted, and
// unlisted-twin (an unlisted traveller with a namesake on the register
// born the same day, whom nothing a booth reads without a document tells
// apart).
type SplitReport struct {
	Generator  string                 `json:"generator"`
	Seed       uint64                 `json:"seed"`
	Records    int                    `json:"records"`
	Queries    int                    `json:"queries"`
	ByCategory map[string]*SplitTally `json:"by_category"`
	All        SplitTally             `json:"all"`
	// ToldApart counts the listed travellers with a birth-date entry error
	// whose name the register holds rarely enough that the chance model
	// expects no namesake at such a date, and ToldApartFound those of them
	// referred.
	ToldApart      int `json:"told_apart"`
	ToldApartFound int `json:"told_apart_found"`
	// ChanceLimit is the decision threshold the register's size gave (see
	// Index.ChanceLimit).
	ChanceLimit float64 `json:"chance_limit"`
	// FlagCauses counts the unlisted travellers referred by what their
	// first match rests on (see flagCause).
	FlagCauses map[string]int `json:"flag_causes"`
	// DateErrorsLost counts the listed travellers with a birth-date entry
	// error who were not referred: "common name" when the chance model
	// expects namesakes at such a date, "score" otherwise.
	DateErrorsLost map[string]int `json:"date_errors_lost"`
}

// Causes of a false flag, by what the first match rests on.
const (
	causeDocument    = "document coincidence" // a document number in common
	causeSameDay     = "same-day namesake"    // the same name, born the same day
	causeNearDate    = "near-date namesake"   // the same name, a near or partial birth date
	causeNameVariant = "name-variant"         // a different name read as a variant, typo or part of it
)

// flagCause names what referred unlisted traveller p to register person
// r: a document number in common, or else whether the two bear the same
// name (as written in the register's script) and the same birth date.
func flagCause(m trex.Match, p, r trex.Person) string {
	for _, e := range m.Evidence {
		if e.Field == "document" && e.Outcome == "exact" {
			return causeDocument
		}
	}
	a, b := p.Names[0], r.Names[0]
	switch {
	case a.Surname != b.Surname || a.Given != b.Given:
		return causeNameVariant
	case p.BirthDate == r.BirthDate:
		return causeSameDay
	}
	return causeNearDate
}

// Recall is the share of listed travellers referred to their record.
func (r SplitReport) Recall() float64 { return r.All.Recall() }

// FalseFlags is the share of unlisted travellers not cleared.
func (r SplitReport) FalseFlags() float64 { return r.All.FalseFlags() }

// FalseFlagsBeyondTwins is the false-flag rate of unlisted travellers
// without a namesake born the same day on the register.
func (r SplitReport) FalseFlagsBeyondTwins() float64 {
	if u := r.ByCategory["unlisted"]; u != nil {
		return u.FalseFlags()
	}
	return 0
}

// HitPrecision is the share of hits that named the right record.
func (r SplitReport) HitPrecision() float64 { return share(r.All.RightHits, r.All.Hits) }

// String summarises the report in one line per category.
func (r SplitReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s split, seed %d, %d records, %d listed and %d unlisted travellers: recall %.4f, false flags %.4f (%.4f beyond same-day namesakes), hit precision %.4f; birth-date errors the register can tell apart: %.4f of %d\n",
		r.Generator, r.Seed, r.Records, r.All.Listed, r.All.Unlisted, r.Recall(), r.FalseFlags(), r.FalseFlagsBeyondTwins(),
		r.HitPrecision(), share(r.ToldApartFound, r.ToldApart), r.ToldApart)
	if len(r.FlagCauses) > 0 || len(r.DateErrorsLost) > 0 {
		fmt.Fprintf(&b, "  false flags by cause: %s; birth-date errors lost: %s; chance limit %.3g\n",
			countsString(r.FlagCauses), countsString(r.DateErrorsLost), r.ChanceLimit)
	}
	for _, c := range slices.Sorted(maps.Keys(r.ByCategory)) {
		t := r.ByCategory[c]
		if t.Listed > 0 {
			fmt.Fprintf(&b, "  %-22s recall %.4f (%d/%d)\n", c, t.Recall(), t.Found, t.Listed)
		} else {
			fmt.Fprintf(&b, "  %-22s false flags %.4f (%d/%d)\n", c, t.FalseFlags(), t.Flagged, t.Unlisted)
		}
	}
	return b.String()
}

// countsString writes counts as "key n, key n" in key order.
func countsString(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// RunSplit builds the held-out split cfg names and screens it with the
// default weights. It returns ctx's error when ctx ends first, and an
// error for a size out of range.
func RunSplit(ctx context.Context, cfg SplitConfig) (SplitReport, error) {
	if cfg.Records < 1 || cfg.Records > MaxSplitRecords || cfg.Queries < 1 || cfg.Queries > cfg.Records {
		return SplitReport{}, fmt.Errorf("screening: split of %d records and %d queries: want 1..%d records and 1..records queries",
			cfg.Records, cfg.Queries, MaxSplitRecords)
	}
	if err := ctx.Err(); err != nil {
		return SplitReport{}, fmt.Errorf("screening: split: %w", err)
	}
	newGen, name := synth.New, "synth"
	if cfg.Population {
		newGen, name = synth.NewPopulation, "population"
	}
	rep := SplitReport{Generator: name, Seed: cfg.Seed, Records: cfg.Records, Queries: cfg.Queries, ByCategory: map[string]*SplitTally{},
		FlagCauses: map[string]int{}, DateErrorsLost: map[string]int{}}
	gen := newGen(cfg.Seed)
	ix := New()
	type nameDay struct {
		sur, giv string
		dob      trex.PartialDate
	}
	people := make([]trex.Person, cfg.Records)
	held := make(map[nameDay]bool, cfg.Records)
	passports := make(map[string]bool)
	for i := range people {
		if i%4096 == 0 && ctx.Err() != nil {
			return rep, fmt.Errorf("screening: split: %w", ctx.Err())
		}
		people[i] = gen.Person()
		ix.Put(trex.Subject{Key: "H" + strconv.Itoa(i), Person: people[i]})
		n := people[i].Names[0]
		held[nameDay{n.Surname, n.Given, people[i].BirthDate}] = true
		for _, d := range people[i].Documents {
			passports[d.Number] = true
		}
	}
	rep.ChanceLimit = ix.ChanceLimit()
	r := rand.New(rand.NewPCG(cfg.Seed, 1))
	strangers := newGen(cfg.Seed + 1)
	count := func(cat string, t SplitTally) {
		if rep.ByCategory[cat] == nil {
			rep.ByCategory[cat] = &SplitTally{}
		}
		rep.ByCategory[cat].add(t)
		rep.All.add(t)
	}
	for i := 0; i < cfg.Queries; i++ {
		k := r.IntN(len(people))
		key := "H" + strconv.Itoa(k)
		q, cat := heldOutTraveller(r, people[k])
		v, ms, err := ix.Match(ctx, q, nil)
		if err != nil {
			return rep, fmt.Errorf("screening: split: %w", err)
		}
		t := SplitTally{Listed: 1}
		if referredTo(ms, key) {
			t.Found = 1
		}
		if v == trex.Hit {
			t.Hits = 1
			if ms[0].RestrictionID == key {
				t.RightHits = 1
			}
		}
		count(cat, t)
		if strings.HasPrefix(cat, "dob-error") {
			told := ix.chanceOf(q, key) <= ix.ChanceLimit()
			if told {
				rep.ToldApart++
				rep.ToldApartFound += t.Found
			}
			if t.Found == 0 {
				if told {
					rep.DateErrorsLost["score"]++
				} else {
					rep.DateErrorsLost["common name"]++
				}
			}
		}

		p := strangers.Person()
		n := p.Names[0]
		cat = "unlisted"
		if held[nameDay{n.Surname, n.Given, p.BirthDate}] {
			cat = "unlisted-twin"
		}
		u := trex.Person{Names: []trex.Name{unlistedName(r, n)}, BirthDate: p.BirthDate, Sex: p.Sex, Nationality: []string{"RU"}}
		if len(p.Documents) > 0 {
			u.Documents = []trex.Document{{Kind: "passport", Number: freshNumber(r, p.Documents[0].Number, passports), IssuingState: "RUS"}}
		}
		v, ms, err = ix.Match(ctx, u, nil)
		if err != nil {
			return rep, fmt.Errorf("screening: split: %w", err)
		}
		t = SplitTally{Unlisted: 1}
		if v != trex.Clear {
			t.Flagged = 1
			if k, err := strconv.Atoi(strings.TrimPrefix(ms[0].RestrictionID, "H")); err == nil && k >= 0 && k < len(people) {
				rep.FlagCauses[flagCause(ms[0], p, people[k])]++
			}
		}
		if v == trex.Hit {
			t.Hits = 1
		}
		count(cat, t)
	}
	return rep, nil
}

// referredTo reports whether the record with key is among the matches
// with a verdict other than clear.
func referredTo(ms []trex.Match, key string) bool {
	for _, m := range ms {
		if m.RestrictionID == key && m.Verdict != trex.Clear {
			return true
		}
	}
	return false
}

// chanceOf is how many records the chance model expects to agree with
// traveller by chance as well as the record with key does.
func (x *Index) chanceOf(traveller trex.Person, key string) float64 {
	var q query
	x.prepare(&q, traveller)
	mm := memoPool.Get().(*memo)
	defer releaseMemo(mm)
	x.mu.RLock()
	defer x.mu.RUnlock()
	id, _ := x.lookupKey(key)
	rec := &x.records[id]
	rel, _ := compareDates(q.dob, rec.dob)
	name, _ := x.bestName(&q, rec, mm)
	return x.chanceMatches(&q, rec, rel, &name)
}
