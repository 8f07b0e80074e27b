package screening

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"trex"
	"trex/romanize"
	"trex/synth"
)

// classFigures are one class's counts in TestQualityRealNamesFromStandards.
type classFigures struct {
	pos, same, near int // listed persons; referred at the same, at a near birth date
	nearICAO        int // referred at a near birth date under the record's own ICAO spelling
	hard, hardFlag  int // hard-negative checks; those referred
	hardTypo        int // of those, referred with a name part taken as a typing error
	// typoHeld counts the referrals that took the surname for a typing
	// error of the record's and whose document surname is one the
	// register holds (some record's surname has its skeleton): those a
	// prior on real surnames could weigh.
	typoHeld       int
	free, freeFlag int // checks of listed names as unlisted travellers; those referred
}

func (f *classFigures) add(g classFigures) {
	f.pos, f.same, f.near, f.nearICAO = f.pos+g.pos, f.same+g.same, f.near+g.near, f.nearICAO+g.nearICAO
	f.hard, f.hardFlag, f.hardTypo, f.typoHeld = f.hard+g.hard, f.hardFlag+g.hardFlag, f.hardTypo+g.hardTypo, f.typoHeld+g.typoHeld
	f.free, f.freeFlag = f.free+g.free, f.freeFlag+g.freeFlag
}

// measureStandardsClasses indexes the records of classes among a
// synthetic register of 50,000 persons and measures, per class: recall of
// the listed person whose document spells the name the other way, at the
// same birth date and at a day-one-apart entry error (and, for
// comparison, of the record's own ICAO spelling at that date); referrals of the
// hard negatives (a different person with a similar name, at the
// record's own birth date and a day apart); and referrals of the listed
// names as travellers who are not listed (at 40 birth dates of the
// register).
func measureStandardsClasses(t *testing.T, classes []realNameClass) (map[string]classFigures, classFigures) {
	t.Helper()
	ix := New()
	gen := synth.New(2026)
	people := make([]trex.Person, 50000)
	for i := range people {
		people[i] = gen.Person()
		ix.Put(trex.Subject{Key: fmt.Sprint("s", i), Person: people[i]})
	}
	names := map[string]trex.Name{}
	for i, p := range people {
		names[fmt.Sprint("s", i)] = p.Names[0]
	}
	dobs := map[string]trex.PartialDate{}
	for ci, c := range classes {
		put := func(kind string, i int, rec trex.Name) {
			key := fmt.Sprintf("%s-%s%d", c.name, kind, i)
			dob := trex.MustPartialDate(fmt.Sprintf("19%02d-%02d-%02d", 40+(ci*7+i)%50, 1+(ci+i)%12, 1+(ci*3+i)%27))
			ix.Put(trex.Subject{Key: key, Person: trex.Person{Names: []trex.Name{rec}, BirthDate: dob}})
			names[key], dobs[key] = rec, dob
		}
		for i, p := range c.same {
			put("p", i, p.record)
		}
		for i, p := range c.different {
			put("n", i, p.record)
		}
	}
	// refersOther reports whether checking traveller born d refers
	// anyone other than the listed person own (if not empty) or a
	// namesake of the traveller (one whose name has the traveller's ICAO
	// spelling, or is the traveller's register name travellerName when
	// known), and whether that referral took a name part for a typing
	// error.
	refersOther := func(traveller trex.Name, d trex.PartialDate, own string, travellerName trex.Name) (flagged, typo, surnameTypo bool) {
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{traveller}, BirthDate: d})
		for _, m := range ms {
			if m.RestrictionID == own || sameICAO(names[m.RestrictionID], traveller) ||
				travellerName.Surname != "" && sameICAO(names[m.RestrictionID], travellerName) {
				continue
			}
			t.Logf("flagged: %s born %s as %s (%s): %v", traveller, d, names[m.RestrictionID], m.RestrictionID, m.Reasons)
			for _, r := range m.Reasons {
				if strings.Contains(r, "likely typing or reading error") {
					typo = true
					surnameTypo = surnameTypo || strings.HasPrefix(r, "Surname ")
				}
			}
			return true, typo, surnameTypo
		}
		return false, false, false
	}
	r := rand.New(rand.NewPCG(15, 2))
	per := map[string]classFigures{}
	var all classFigures
	for _, c := range classes {
		var f classFigures
		for i, p := range c.same {
			key := fmt.Sprintf("%s-p%d", c.name, i)
			dob := dobs[key]
			near := dob
			near.Day++
			f.pos++
			for j, d := range []trex.PartialDate{dob, near} {
				_, ms := matchAll(ix, trex.Person{Names: []trex.Name{p.traveller}, BirthDate: d})
				switch {
				case contains(ms, key) && j == 0:
					f.same++
				case contains(ms, key):
					f.near++
				default:
					t.Logf("missed: %s: %s born %s, record %s born %s: %v", c.name, p.traveller, d, p.record, dob, ms)
				}
			}
			// The same check with the record's own ICAO spelling: a
			// near birth date of a common name singles out no one
			// (chance.go), whatever the spelling.
			icao := trex.Name{Surname: romanize.ICAOName(p.record.Surname), Given: romanize.ICAOName(p.record.Given)}
			if _, ms := matchAll(ix, trex.Person{Names: []trex.Name{icao}, BirthDate: near}); contains(ms, key) {
				f.nearICAO++
			}
			for range 40 {
				d := people[r.IntN(len(people))].BirthDate
				if d == dob {
					continue
				}
				f.free++
				if flagged, _, _ := refersOther(p.traveller, d, key, p.record); flagged {
					f.freeFlag++
				}
			}
		}
		for i, p := range c.different {
			key := fmt.Sprintf("%s-n%d", c.name, i)
			near := dobs[key]
			near.Day++
			var travellerName trex.Name
			if i < len(c.differentNames) {
				travellerName = c.differentNames[i]
			}
			for _, d := range []trex.PartialDate{dobs[key], near} {
				f.hard++
				flagged, typo, surnameTypo := refersOther(p.traveller, d, "", travellerName)
				if flagged {
					f.hardFlag++
				}
				if typo {
					f.hardTypo++
					if surnameTypo && surnameHeld(ix, p.traveller) {
						f.typoHeld++
					}
				}
			}
		}
		per[c.name] = f
		all.add(f)
	}
	t.Logf("%-24s %4s %6s %6s %6s %5s %7s %7s %7s %6s %7s", "class", "pos", "same", "near", "nearIC", "hard", "hardFF", "byTypo", "typoHld", "free", "freeFF")
	line := func(name string, f classFigures) {
		t.Logf("%-24s %4d %6.3f %6.3f %6.3f %5d %7.3f %7.3f %7.3f %6d %7.4f", name, f.pos, ratio(f.same, f.pos), ratio(f.near, f.pos), ratio(f.nearICAO, f.pos),
			f.hard, ratio(f.hardFlag, f.hard), ratio(f.hardTypo, f.hard), ratio(f.typoHeld, f.hard), f.free, ratio(f.freeFlag, f.free))
	}
	for _, c := range classes {
		line(c.name, per[c.name])
	}
	line("ALL", all)
	return per, all
}

// surnameHeld reports whether the surname of traveller n reads as the
// surname of some record of ix (the same phonetic skeleton).
func surnameHeld(ix *Index, n trex.Name) bool {
	var q query
	ix.prepare(&q, trex.Person{Names: []trex.Name{n}})
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for _, qt := range q.names[0] {
		if qt.role == roleSurname && ix.tokens.heldAs(qt.forms) > 0 {
			return true
		}
	}
	return false
}

// sameICAO reports whether two names have the same ICAO spelling of
// surname and given name: a referral between them is not one a reading
// caused.
func sameICAO(a, b trex.Name) bool {
	return romanize.ICAOName(a.Surname) == romanize.ICAOName(b.Surname) &&
		romanize.ICAOName(a.Given) == romanize.ICAOName(b.Given)
}

// TestQualityRealNamesFromStandards measures the classes of
// standardsClasses (see there for what is held out) and holds the bars.
//
// When the table was first run, before any rule was changed for it (held
// out), it measured: recall 0.914 at the same birth date and 0.760 a day
// apart (350 pairs); hard negatives referred 0.186 (41 of 220: 26 with a
// name part taken as a typing error, the rest by a reading or a surname
// cut short); listed names as unlisted travellers referred 0.0001 (1 of
// 13,999). The classes that missed most were Belarusian (0.50 same
// date), English (0.47), Bulgarian and Russian name forms (0.73),
// Armenian (0.79), Portuguese (0.80) and women's surname forms (0.80).
//
// Rules were then added by class, from the published conventions (not
// per pair), and the table is no longer held out: recall 0.986 at the
// same date and 0.914 a day apart, against 0.923 for the records' own
// ICAO spellings a day apart (a near date of a common name singles no one
// out, whatever the spelling); hard negatives 0.191, unlisted 0.0001.
//
// The error-shape rules (edits.go: a slip keeps a name's last letter and
// adds no block of letters inside it, and fuses no letters into another),
// the rule that a register's name is no document's cut short, and the
// Turkic -OV after hushed letters then took the hard negatives referred
// to 0.082 (18 of 220; 8 with a name part taken as a typing error, each a
// single letter changed inside a name, which only knowing the other name
// as common tells apart) and recall to 0.989 at the same date and 0.917 a
// day apart; the classes below 0.95 a day apart are those of common
// Russian names, whose near dates the chance model holds no evidence in
// their ICAO spelling either.
//
// A part of a double surname that the document replaces with another
// (compound.go) then took the hard negatives referred to 0.068 (15 of
// 220: Бакыт кызы against BAKYTBEK KYZY, ван Дейк against VAN DAM); and
// a listed name's own namesakes are no longer counted against unlisted
// travellers with the name spelt another way (0.0002 to 0).
func TestQualityRealNamesFromStandards(t *testing.T) {
	assertRealNameBounds(t, standardsClasses, realNameBars["standards"])
}

// TestQualityRealNamesFresh measures freshClasses (see there): the class
// rules on names they were not written for. Its first run (held out):
// recall 0.973 at the same birth date (36 of 37) and 0.865 a day apart
// (0.946 for the records' own ICAO spellings), hard negatives referred
// 0.10 (2 of 20), unlisted travellers 0.0007 (1 of 1,480: a namesake
// born a near date). Three rules followed from its misses, each a
// published convention, not a name: the Belarusian Ў for В after a vowel
// (Паўлаў), the Estonian diphthong I that Russian writes Й (Кыйв), and
// the original spellings of Polish given names in -yna, whose ending
// reads as Russian (Katarzyna, Катажина); since then it is a development
// set too: 1.000 and 0.946. The error-shape rules (edits.go) took its
// hard negatives referred from 0.10 to 0.
func TestQualityRealNamesFresh(t *testing.T) {
	assertRealNameBounds(t, freshClasses, realNameBars["fresh"])
}

// realNameBounds are the bars a table of real-name classes is held to.
// A bound of zero for the typing-error share or a class's recall means the
// table is not held to one.
type realNameBounds struct {
	minSame, minNear float64 // recall at the same and at a near birth date
	maxHard          float64 // hard negatives referred
	maxHardTypo      float64 // hard negatives referred with a name part taken as a typing error
	maxFree          float64 // listed names checked as unlisted travellers, referred
	minClassSame     float64 // every class's recall at the same birth date
}

// realNameBars are the bars of the real-name tables. The standards'
// classes are held to recall in every class at the same birth date, but
// for women's surnames in the men's form (weighed as a different person's
// form, GenderForm) and the Russian forms that depart from the bearer's
// spelling beyond a rule (Оганесян, Хьюз), whose classes stay above the
// class bar.
var realNameBars = map[string]realNameBounds{
	"standards": {minSame: 0.985, minNear: 0.91, maxHard: 0.09, maxHardTypo: 0.04, maxFree: 0.002, minClassSame: 0.8},
	"fresh":     {minSame: 1, minNear: 0.9, maxHard: 0.05, maxFree: 0.002},
}

// assertRealNameBounds measures classes and holds the figures to b.
func assertRealNameBounds(t *testing.T, classes []realNameClass, b realNameBounds) {
	t.Helper()
	per, all := measureStandardsClasses(t, classes)
	if r := ratio(all.same, all.pos); r < b.minSame {
		t.Errorf("recall at the same birth date %.4f, want >= %g", r, b.minSame)
	}
	if r := ratio(all.near, all.pos); r < b.minNear {
		t.Errorf("recall at a near birth date %.4f, want >= %g", r, b.minNear)
	}
	if f := ratio(all.hardFlag, all.hard); f > b.maxHard {
		t.Errorf("hard negatives referred at a rate of %.4f, want <= %g", f, b.maxHard)
	}
	if f := ratio(all.hardTypo, all.hard); b.maxHardTypo > 0 && f > b.maxHardTypo {
		t.Errorf("hard negatives referred with a name part taken as a typing error at a rate of %.4f, want <= %g", f, b.maxHardTypo)
	}
	if f := ratio(all.freeFlag, all.free); f > b.maxFree {
		t.Errorf("unlisted travellers with these names referred at a rate of %.4f, want <= %g", f, b.maxFree)
	}
	for _, c := range classes {
		f := per[c.name]
		if r := ratio(f.same, f.pos); b.minClassSame > 0 && f.pos > 0 && r < b.minClassSame {
			t.Errorf("%s: recall at the same birth date %.3f, want >= %g", c.name, r, b.minClassSame)
		}
	}
}
