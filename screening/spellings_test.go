package screening

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"trex"
	"trex/synth"
)

// TestQualitySyntheticSpellings screens travellers whose names are spelled
// letter by letter in mixed styles (and with typos, patronymics, swapped
// order, birth-date errors) against a synthetic register in which common
// names are very common, and strangers, namesakes and twins who are not on
// it. It guards generalisation beyond the systems with tables and beyond
// the development set.
func TestQualitySyntheticSpellings(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	gen := synth.New(77)
	ix := New()
	people := make([]trex.Person, 50000)
	for i := range people {
		people[i] = gen.Person()
		ix.Put(trex.Subject{Key: fmt.Sprint("r", i), Person: people[i]})
	}
	pos, found := map[string]int{}, map[string]int{}
	for i := 0; i < 3000; i++ {
		k := r.IntN(len(people))
		p := people[k]
		n := p.Names[0]
		sur, giv, dob := mixedSpelling(r, n.Surname), mixedSpelling(r, n.Given), p.BirthDate
		cat := "mixed"
		switch r.IntN(6) {
		case 0:
			cat = "mixed+typo"
			if r.IntN(2) == 0 {
				sur = oneTypo(r, sur)
			} else {
				giv = oneTypo(r, giv)
			}
		case 1:
			cat = "mixed+patronymic"
			giv += " " + mixedSpelling(r, n.Patronymic)
		case 2:
			cat = "mixed+dob-error"
			if dob.Day <= 12 && dob.Day != dob.Month {
				dob.Day, dob.Month = dob.Month, dob.Day
			} else {
				dob.Year++
			}
		case 3:
			cat = "mixed+swapped"
			sur, giv = giv, sur
		}
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: sur, Given: giv}}, BirthDate: dob, Sex: p.Sex})
		pos[cat]++
		if contains(ms, fmt.Sprint("r", k)) {
			found[cat]++
		}
	}
	neg, flagged := map[string]int{}, map[string]int{}
	for i := 0; i < 3000; i++ {
		p := gen.Person()
		n := p.Names[0]
		cat := "stranger"
		switch r.IntN(3) {
		case 0:
			cat = "namesake" // a register person's name, another birth date
			o := people[r.IntN(len(people))]
			n, p.Sex = o.Names[0], o.Sex
		case 1:
			cat = "twin" // a register person's surname and birth date, another given name
			o := people[r.IntN(len(people))]
			other := gen.PersonOfSex(o.Sex).Names[0].Given
			if other == o.Names[0].Given {
				continue
			}
			n = trex.Name{Surname: o.Names[0].Surname, Given: other}
			p.BirthDate, p.Sex = o.BirthDate, o.Sex
		}
		v, _ := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: mixedSpelling(r, n.Surname), Given: mixedSpelling(r, n.Given)}}, BirthDate: p.BirthDate, Sex: p.Sex})
		neg[cat]++
		if v != trex.Clear {
			flagged[cat]++
		}
	}
	minRecall := map[string]float64{"mixed": 0.995, "mixed+patronymic": 0.995, "mixed+swapped": 0.995, "mixed+typo": 0.95,
		// In this register the commonest names are held by hundreds: a
		// near birth date then cannot single one of them out, and the
		// chance model (chance.go) does not refer it. TestScaleFalseFlagsFlat
		// holds the recall where the register can tell persons apart.
		"mixed+dob-error": 0.60}
	var cats []string
	for c := range pos {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		rec := ratio(found[c], pos[c])
		t.Logf("%-18s recall %.4f (%d)", c, rec, pos[c])
		if rec < minRecall[c] {
			t.Errorf("%s: recall %.4f, want >= %.3f", c, rec, minRecall[c])
		}
	}
	cats = cats[:0]
	for c := range neg {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		ff := ratio(flagged[c], neg[c])
		t.Logf("%-18s false-flag %.4f (%d)", c, ff, neg[c])
		if ff > 0.02 {
			t.Errorf("%s: false-flag rate %.4f, want <= 0.02", c, ff)
		}
	}
}
