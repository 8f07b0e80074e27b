package screening

import (
	"testing"

	"trex"
)

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
