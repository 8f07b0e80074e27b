package screening

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"trex"
)

// TestCommonNameIsNotAnotherNamesLesserRendering holds that a traveller
// whose given name is a common name the register holds (ANNA, held by
// thirty women) is not read as a lesser rendering of another name
// (ЖАННА, which one reading of Ж drops), while that other name's own
// renderings still match it.
func TestCommonNameIsNotAnotherNamesLesserRendering(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	ix := New()
	for i := 0; i < 30; i++ {
		ix.Put(trex.Subject{Key: "a" + strconv.Itoa(i), Person: trex.Person{Names: []trex.Name{{Surname: "Кузнецова", Given: "Анна"}},
			BirthDate: trex.PartialDate{Year: 1950 + r.IntN(40), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}, Sex: trex.SexFemale}})
	}
	d := trex.MustPartialDate("1980-05-05")
	ix.Put(trex.Subject{Key: "listed", Person: trex.Person{Names: []trex.Name{{Surname: "Романова", Given: "Жанна"}}, BirthDate: d, Sex: trex.SexFemale}})
	check := func(given string) bool {
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: "ROMANOVA", Given: given}}, BirthDate: d, Sex: trex.SexFemale})
		return referred(ms, "listed")
	}
	if check("ANNA") {
		t.Error("ANNA, a name the register holds thirty times, referred as a rendering of ЖАННА")
	}
	for _, g := range []string{"ZHANNA", "JANNA", "ZANNA"} {
		if !check(g) {
			t.Errorf("%s, a rendering of ЖАННА, not referred", g)
		}
	}
}

// TestPatronymicIsNotAMisspeltSurname holds that a traveller's patronymic
// a letter away from a listed person's surname formed from the same
// father's name is not read as that surname misspelt (a stranger whose
// father bore the name the listed person's surname comes from), while a
// misspelt surname still is.
func TestPatronymicIsNotAMisspeltSurname(t *testing.T) {
	d := trex.MustPartialDate("1984-02-11")
	ix := newTestIndex(t, map[string]trex.Person{
		"listed": cyr("Ахмедова", "Патимат", "Руслановна", "1984-02-11", trex.SexFemale),
	})
	check := func(surname, given string) bool {
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: surname, Given: given}}, BirthDate: d, Sex: trex.SexFemale})
		return referred(ms, "listed")
	}
	if check("MAGOMEDOVA", "PATIMAT AKHMEDOVNA") {
		t.Error("the patronymic AKHMEDOVNA referred as a misspelt surname AKHMEDOVA")
	}
	if !check("AKHMEDOBA", "PATIMAT") {
		t.Error("AKHMEDOBA, a misspelt AKHMEDOVA, not referred")
	}
}
