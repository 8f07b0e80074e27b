package screening

import (
	"testing"

	"trex"
)

// TestShortSurnamesAreNames holds that a surname such as LE, DO or NA,
// the whole of its name part, is looked up by name like any other (a
// record without a full birth date is found through its name), while a
// particle before a name (DE LA CRUZ) still is not.
func TestShortSurnamesAreNames(t *testing.T) {
	ix := New()
	ix.Put(trex.Subject{Key: "r-le", Person: trex.Person{Names: []trex.Name{{Surname: "LE", Given: "THI HUONG"}},
		BirthDate: trex.PartialDate{Year: 1984}, Sex: trex.SexFemale}})
	ix.Put(trex.Subject{Key: "r-do", Person: trex.Person{Names: []trex.Name{{Surname: "DO", Given: "MINH"}}, Sex: trex.SexMale}})
	for _, c := range []struct {
		key string
		p   trex.Person
	}{
		{"r-le", trex.Person{Names: []trex.Name{{Surname: "LE", Given: "THI HUONG"}}, BirthDate: trex.PartialDate{Year: 1984}, Sex: trex.SexFemale}},
		{"r-do", trex.Person{Names: []trex.Name{{Surname: "DO", Given: "MINH"}}, BirthDate: trex.MustPartialDate("1990-03-04"), Sex: trex.SexMale}},
	} {
		v, ms := matchAll(ix, c.p)
		if v == trex.Clear || !contains(ms, c.key) {
			t.Errorf("%v: %s, want %s referred", c.p.Names[0], v, c.key)
		}
	}
	// The surnames themselves are name keys.
	for key, year := range map[string]uint32{"r-le": 1984, "r-do": 0} {
		id := ix.byKey[key]
		sur := ix.tokens.toks[ix.records[id].toks[0]>>2]
		found := false
		for _, s := range sur.skelStr {
			for _, v := range ix.byName[ix.nameKey(s, year)] {
				found = found || v == id
			}
		}
		if !found {
			t.Errorf("%s: its surname %s is not a name key", key, sur.text)
		}
	}
	lookup := func(qs []qtok, i int) bool { return queryParticle(qs, i) }
	var q query
	ix.prepare(&q, trex.Person{Names: []trex.Name{{Surname: "DE LA CRUZ", Given: "MARIA"}}})
	if !lookup(q.names[0], 0) || !lookup(q.names[0], 1) || lookup(q.names[0], 2) {
		t.Error("DE LA CRUZ: want DE and LA read as particles before CRUZ")
	}
}

// TestCompanyFormsAreNotStripped holds that person matching strips
// honorifics but no company forms: a name with a company form is not the
// person's name without it.
func TestCompanyFormsAreNotStripped(t *testing.T) {
	got := nameTokens(trex.Name{Full: "MR IVAN PETROV LLC"})
	var words []string
	for _, tk := range got {
		words = append(words, tk.text)
	}
	if len(words) != 3 || words[0] != "IVAN" || words[2] != "LLC" {
		t.Errorf("tokens %v, want IVAN PETROV LLC (the title dropped, the company form kept)", words)
	}
}
