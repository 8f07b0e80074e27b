package screening

import (
	"strconv"
	"testing"

	"trex"
	"trex/synth"
)

// TestSoftSignWrittenAsALetter holds that a soft sign a document writes as
// a letter (OLYGA, OLJGA, OLIGA for ОЛЬГА) is another rendering of the
// name, strong enough to refer with a birth date one entry error away
// (read as a typo, a near date did not carry it); a soft sign before a
// vowel, or none, adds no reading.
func TestSoftSignWrittenAsALetter(t *testing.T) {
	ix := New()
	gen := synth.NewPopulation(5)
	for i := 0; i < 3000; i++ {
		ix.Put(trex.Subject{Key: "o" + strconv.Itoa(i), Person: gen.Person()})
	}
	listed := []trex.Person{
		{Names: []trex.Name{{Surname: "Кречетова", Given: "Ольга"}}, BirthDate: trex.MustPartialDate("1965-04-16"), Sex: trex.SexFemale},
		{Names: []trex.Name{{Surname: "Яшин", Given: "Игорь"}}, BirthDate: trex.MustPartialDate("1970-11-24"), Sex: trex.SexMale},
		{Names: []trex.Name{{Surname: "Кузьмина", Given: "Любовь"}}, BirthDate: trex.MustPartialDate("1991-12-25"), Sex: trex.SexFemale},
	}
	for i, p := range listed {
		ix.Put(trex.Subject{Key: "L" + strconv.Itoa(i), Person: p})
	}
	near := func(d trex.PartialDate) trex.PartialDate { d.Day++; return d }
	for _, c := range []struct {
		key, sur, giv string
		of            int
	}{
		{"L0", "KRECHETOVA", "OLYGA", 0},
		{"L0", "KRECHETOVA", "OLJGA", 0},
		{"L0", "KRECHETOVA", "OLIGA", 0},
		{"L1", "IASHIN", "IGORJ", 1},
		{"L1", "IASHIN", "IGORY", 1},
		{"L1", "IASHIN", "IGOR", 1},
		{"L2", "KUZYMINA", "LIUBOVI", 2},
		{"L2", "KUZIMINA", "LJUBOVJ", 2},
	} {
		p := listed[c.of]
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: c.sur, Given: c.giv}}, BirthDate: near(p.BirthDate), Sex: p.Sex})
		if !referred(ms, c.key) {
			t.Errorf("%s %s against %v with a birth date a day apart: not referred", c.sur, c.giv, p.Names[0])
		}
	}
	if s := softSignSkeleton("Дарья"); s != "" {
		t.Errorf("a soft sign before a vowel is a glide every system writes: extra skeleton %q", s)
	}
	if s := softSignSkeleton("Иван"); s != "" {
		t.Errorf("no soft sign: extra skeleton %q", s)
	}
}
