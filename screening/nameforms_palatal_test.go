package screening

import (
	"strings"
	"testing"

	"trex"
)

// TestNameFormsKeepSoftConsonants holds that another form of a given name
// agrees only with the spellings of that form, soft consonants included:
// LENIA is Лёня (Леонид's short form) and not Лена (Елена's), LENA the
// other way round.
func TestNameFormsKeepSoftConsonants(t *testing.T) {
	dob := trex.MustPartialDate("1970-05-05")
	ix := New()
	ix.Put(trex.Subject{Key: "leonid", Person: trex.Person{Names: []trex.Name{{Surname: "Соколов", Given: "Леонид"}}, BirthDate: dob}})
	ix.Put(trex.Subject{Key: "elena", Person: trex.Person{Names: []trex.Name{{Surname: "Соколов", Given: "Елена"}}, BirthDate: dob}})
	asForm := func(given, key string) bool {
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: "SOKOLOV", Given: given}}, BirthDate: dob})
		for _, m := range ms {
			if m.RestrictionID == key {
				return strings.Contains(strings.Join(m.Reasons, " "), "another form of the given name")
			}
		}
		return false
	}
	for _, c := range []struct {
		given, key string
		want       bool
	}{
		{"LENIA", "leonid", true}, {"LENYA", "leonid", true}, {"LENA", "elena", true},
		{"LENIA", "elena", false}, {"LENA", "leonid", false},
	} {
		if got := asForm(c.given, c.key); got != c.want {
			t.Errorf("%s against %s: read as another form %v, want %v", c.given, c.key, got, c.want)
		}
	}
}
