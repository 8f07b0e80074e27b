package screening

import (
	"testing"

	"trex"
)

// A traveller known under several names is matched on each of them: the
// record's name need not be the traveller's first.
func TestEveryNameOfTheTravellerIsCompared(t *testing.T) {
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: trex.Person{
		Names:     []trex.Name{{Surname: "Петров", Given: "Пётр", Patronymic: "Ильич"}},
		BirthDate: trex.MustPartialDate("1970-05-05"), Sex: trex.SexMale,
	}})
	one := trex.Person{Names: []trex.Name{{Surname: "PETROV", Given: "PETR"}}, BirthDate: trex.MustPartialDate("1970-05-05")}
	two := trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}, {Surname: "PETROV", Given: "PETR"}}, BirthDate: trex.MustPartialDate("1970-05-05")}
	v1, m1 := matchAll(ix, one)
	v2, m2 := matchAll(ix, two)
	if v1 != trex.Refer || len(m1) != 1 {
		t.Fatalf("single name: %s %v, want refer", v1, m1)
	}
	if v2 != v1 || len(m2) != 1 || m2[0].RestrictionID != "R1" {
		t.Errorf("the listed name second among the traveller's names: %s %v, want %s on R1", v2, m2, v1)
	}
}
