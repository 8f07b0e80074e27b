package screening

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"trex"
	"trex/romanize"
	"trex/synth"
)

// The held-out split: a synth seed no weight or threshold was tuned on,
// and the error model border checks are believed to meet. A traveller's
// document renders the name under the rule in force when it was issued
// (mostly ICAO 9303, some earlier passport rules, BGN/PCGN or everyday
// English on other documents, a few spelled letter by letter in no one
// system); a few names carry a typing error, a few birth dates a
// data-entry error; some documents add the patronymic, some swap the
// order; a quarter of listed travellers show a passport the register
// holds. Unlisted travellers are other persons of the same population.
const (
	heldOutSeed     = 2026
	heldOutRegister = 50_000
	heldOutQueries  = 3000
)

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

// TestQualityHeldOut measures recall, false flags and hit precision on the
// held-out split (see heldOutSeed) and holds the bars a deployment needs.
func TestQualityHeldOut(t *testing.T) {
	gen := synth.New(heldOutSeed)
	ix := New()
	size, queries := heldOutRegister, heldOutQueries
	if raceDetector {
		size, queries = heldOutRegister/4, heldOutQueries/2
	}
	people := make([]trex.Person, size)
	type nameDay struct {
		sur, giv string
		dob      trex.PartialDate
	}
	held := make(map[nameDay]bool, len(people))
	for i := range people {
		people[i] = gen.Person()
		ix.Put(trex.Subject{Key: "H" + strconv.Itoa(i), Person: people[i]})
		n := people[i].Names[0]
		held[nameDay{n.Surname, n.Given, people[i].BirthDate}] = true
	}
	r := rand.New(rand.NewPCG(heldOutSeed, 1))
	strangers := synth.New(heldOutSeed + 1)
	ev := evaluation{byCat: map[string]*tally{}}
	count := func(cat string, f func(*tally)) {
		if ev.byCat[cat] == nil {
			ev.byCat[cat] = &tally{}
		}
		f(ev.byCat[cat])
		f(&ev.all)
	}
	told, toldFound := 0, 0
	for i := 0; i < queries; i++ {
		k := r.IntN(len(people))
		key := "H" + strconv.Itoa(k)
		q, cat := heldOutTraveller(r, people[k])
		v, ms := matchAll(ix, q)
		ok := referred(ms, key)
		count(cat, func(t *tally) {
			t.pos++
			if ok {
				t.found++
			}
			if v == trex.Hit {
				t.hits++
				if ms[0].RestrictionID == key {
					t.rightHits++
				}
			}
		})
		if cat == "dob-error" || cat == "dob-error+document" {
			if ix.chanceOf(q, key) <= ix.Weights.MaxChance {
				told++
				if ok {
					toldFound++
				}
			}
		}

		p := strangers.Person()
		n := p.Names[0]
		cat = "unlisted"
		if held[nameDay{n.Surname, n.Given, p.BirthDate}] {
			cat = "unlisted-twin" // a namesake born the same day is on the register
		}
		u := trex.Person{Names: []trex.Name{{Surname: heldOutSpelling(r, n.Surname), Given: heldOutSpelling(r, n.Given)}},
			BirthDate: p.BirthDate, Sex: p.Sex, Nationality: []string{"RU"}}
		if len(p.Documents) > 0 {
			u.Documents = []trex.Document{{Kind: "passport", Number: p.Documents[0].Number, IssuingState: "RUS"}}
		}
		v, _ = matchAll(ix, u)
		count(cat, func(t *tally) {
			t.neg++
			if v != trex.Clear {
				t.flagged++
			}
			if v == trex.Hit {
				t.hits++
			}
		})
	}
	ev.log(t)
	cats := make([]string, 0, len(ev.byCat))
	for c := range ev.byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	a := ev.all
	t.Logf("held-out: recall %.4f, false flags %.4f, hit precision %.4f; birth-date errors the register can tell apart: recall %.4f of %d",
		ratio(a.found, a.pos), ratio(a.flagged, a.neg), ratio(a.rightHits, a.hits), ratio(toldFound, told), told)
	// Overall recall gives up the birth-date errors of names so common in
	// the register that a near date cannot single one person out (see the
	// chance model); every other kind is held at 0.995 below.
	if r := ratio(a.found, a.pos); r < 0.985 {
		t.Errorf("recall %.4f, want >= 0.985", r)
	}
	for _, c := range cats {
		tl := ev.byCat[c]
		if c == "clean" || c == "patronymic" || c == "swapped" || c == "clean+document" {
			if r := ratio(tl.found, tl.pos); r < 0.995 {
				t.Errorf("%s: recall %.4f, want >= 0.995", c, r)
			}
		}
	}
	if r := ratio(toldFound, told); r < 0.95 {
		t.Errorf("birth-date errors the register can tell apart: recall %.4f, want >= 0.95", r)
	}
	if u := ev.byCat["unlisted"]; u != nil {
		if f := ratio(u.flagged, u.neg); f > 0.002 {
			t.Errorf("unlisted travellers without a namesake born the same day: false flags %.4f, want <= 0.002", f)
		}
	}
	if a.hits == 0 {
		t.Error("no hits: listed travellers showing their passport should hit")
	} else if p := ratio(a.rightHits, a.hits); p < 1 {
		t.Errorf("hit precision %.4f, want 1", p)
	}
}
