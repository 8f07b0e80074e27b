package paxlst_test

import (
	"reflect"
	"testing"

	"trex"
	"trex/paxlst"
)

// A traveller listed with a Russian internal passport is screened by the
// Cyrillic name its zone codes and by its series and number as a national
// ID; the name as sent is kept when it holds no digits (it may be a
// transliteration).
func TestTravellerWithInternalPassport(t *testing.T) {
	tr := paxlst.Traveller{Surname: "KUZNECOVA", GivenNames: []string{"MARI8", "IVANOVNA"}, Nationality: "RUS",
		BirthDate: trex.MustPartialDate("1991-05-06"), Sex: trex.SexFemale,
		Documents: []paxlst.Document{{Type: "PN", Number: "4510 778899"}}}
	p := tr.Person()
	if want := []trex.Name{{Surname: "КУЗНЕЦОВА", Given: "МАРИЯ", Patronymic: "ИВАНОВНА"}}; !reflect.DeepEqual(p.Names, want) {
		t.Errorf("Names = %+v, want %+v", p.Names, want)
	}
	if want := []trex.Identifier{{Kind: "internal_passport", Country: "RUS", Value: "4510778899"}}; !reflect.DeepEqual(p.Identifiers, want) {
		t.Errorf("Identifiers = %+v", p.Identifiers)
	}
	if p.Documents[0].Kind != "internal_passport" {
		t.Errorf("Documents = %+v", p.Documents)
	}
	// Without digits the name may be a transliteration: both are screened.
	tr.GivenNames = []string{"MARIIA"}
	if p := tr.Person(); len(p.Names) != 2 || p.Names[0].Given != "МАРИИА" || p.Names[1].Given != "MARIIA" {
		t.Errorf("Names = %+v", p.Names)
	}
	// A passport (P) of the same traveller is not decoded.
	tr.Documents[0].Type = "P"
	if p := tr.Person(); len(p.Names) != 1 || p.Names[0].Surname != "KUZNECOVA" || p.Identifiers != nil {
		t.Errorf("passport: %+v", p)
	}
}
