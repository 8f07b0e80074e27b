package screening

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"trex"
)

func cyr(surname, given, patronymic, dob string, sex trex.Sex) trex.Person {
	return trex.Person{
		Names:     []trex.Name{{Surname: surname, Given: given, Patronymic: patronymic}},
		BirthDate: trex.MustPartialDate(dob), Sex: sex, Nationality: []string{"RU"},
	}
}

func lat(surname, given, dob string, sex trex.Sex) trex.Person {
	return trex.Person{Names: []trex.Name{{Surname: surname, Given: given}}, BirthDate: trex.MustPartialDate(dob), Sex: sex}
}

func withPassport(p trex.Person, number string) trex.Person {
	p.Documents = append(p.Documents, trex.Document{Kind: "passport", Number: number})
	return p
}

func newTestIndex(t *testing.T, subjects map[string]trex.Person) *Index {
	t.Helper()
	ix := New()
	for k, p := range subjects {
		ix.Put(trex.Subject{Key: k, Person: p})
	}
	return ix
}

func keys(ms []trex.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.RestrictionID)
	}
	return out
}

func evidence(m trex.Match, field string) (trex.Evidence, bool) {
	for _, e := range m.Evidence {
		if e.Field == field {
			return e, true
		}
	}
	return trex.Evidence{}, false
}

// TestTrickyCases runs the cases a border meets that a naive matcher gets
// wrong, each against a small register.
func TestTrickyCases(t *testing.T) {
	register := map[string]trex.Person{
		"ivanova":   cyr("Иванова", "Мария", "Петровна", "1980-03-14", trex.SexFemale),
		"twin-a":    cyr("Петров", "Алексей", "Игоревич", "1991-07-02", trex.SexMale),
		"twin-b":    cyr("Петров", "Сергей", "Игоревич", "1991-07-02", trex.SexMale),
		"kon":       cyr("Константинопольский", "Константин", "Константинович", "1975-11-30", trex.SexMale),
		"smirnov":   withPassport(cyr("Смирнов", "Сергей", "Иванович", "1985-05-21", trex.SexMale), "75 1234567"),
		"tchaik":    cyr("Чайковский", "Пётр", "Ильич", "1940-05-07", trex.SexMale),
		"rimsky":    cyr("Римский-Корсаков", "Николай", "Андреевич", "1944-03-18", trex.SexMale),
		"yearonly":  {Names: []trex.Name{{Surname: "Жуков", Given: "Георгий", Patronymic: "Константинович"}}, BirthDate: trex.MustPartialDate("1956")},
		"ukrainian": cyr("Шевченко", "Олександр", "Григорович", "1970-02-11", trex.SexMale),
		"evgenii":   cyr("Шевченко", "Евгений", "Петрович", "1993-03-03", trex.SexMale),
		"nodate":    {Names: []trex.Name{{Surname: "Рахманинов", Given: "Сергей", Patronymic: "Васильевич"}}},
	}
	ix := newTestIndex(t, register)
	cases := []struct {
		name    string
		q       trex.Person
		verdict trex.Verdict
		first   string            // expected first match, "" when clear
		absent  []string          // keys that must not be matched
		outcome map[string]string // evidence field → outcome on the first match
	}{
		{"ICAO rendering", lat("IVANOVA", "MARIIA", "1980-03-14", trex.SexFemale), trex.Refer, "ivanova", nil,
			map[string]string{"surname": "transliteration", "given": "transliteration", "birth_date": "exact"}},
		{"masculine form of a feminine surname is another person", lat("IVANOV", "MARIIA", "1980-03-14", trex.SexMale), trex.Clear, "", []string{"ivanova"}, nil},
		{"twin a is not twin b", lat("PETROV", "ALEKSEI", "1991-07-02", trex.SexMale), trex.Refer, "twin-a", []string{"twin-b"}, nil},
		{"twin b is not twin a", lat("PETROV", "SERGEY", "1991-07-02", trex.SexMale), trex.Refer, "twin-b", []string{"twin-a"}, nil},
		{"surname and given name swapped", lat("ALEKSEI", "PETROV", "1991-07-02", trex.SexMale), trex.Refer, "twin-a", []string{"twin-b"},
			map[string]string{"name_order": "swapped"}},
		{"truncated to fit the MRZ", lat("KONSTANTINOPOLSK", "KONSTANTIN", "1975-11-30", trex.SexMale), trex.Refer, "kon", nil,
			map[string]string{"surname": "truncated"}},
		{"patronymic as a middle name", lat("SMIRNOV", "SERGEI IVANOVICH", "1985-05-21", trex.SexMale), trex.Refer, "smirnov", nil,
			map[string]string{"patronymic": "transliteration"}},
		{"a different patronymic is another person", lat("SMIRNOV", "SERGEI PETROVICH", "1985-05-21", trex.SexMale), trex.Clear, "", []string{"smirnov"}, nil},
		{"digits of the day transposed is referred, never cleared", lat("SMIRNOV", "SERGEY", "1985-05-12", trex.SexMale), trex.Refer, "smirnov", nil,
			map[string]string{"birth_date": "near"}},
		{"document, name and birth date agree: hit", withPassport(lat("SMIRNOV", "SERGEI", "1985-05-21", trex.SexMale), "751234567"), trex.Hit, "smirnov", nil,
			map[string]string{"document": "exact"}},
		{"document agrees, name does not: refer", withPassport(lat("KUZNETSOV", "OLEG", "1985-05-21", trex.SexMale), "75-1234567"), trex.Refer, "smirnov", nil,
			map[string]string{"document": "exact"}},
		{"name and birth date without document: refer, not hit", lat("SMIRNOV", "SERGEI", "1985-05-21", trex.SexMale), trex.Refer, "smirnov", nil, nil},
		{"French spelling", lat("TCHAIKOVSKI", "PIOTR", "1940-05-07", trex.SexMale), trex.Refer, "tchaik", nil, nil},
		{"German spelling", lat("TSCHAIKOWSKI", "PJOTR", "1940-05-07", trex.SexMale), trex.Refer, "tchaik", nil, nil},
		{"scholarly spelling", lat("ČAJKOVSKIJ", "PËTR", "1940-05-07", trex.SexMale), trex.Refer, "tchaik", nil, nil},
		{"hyphenated surname", lat("RIMSKIY-KORSAKOV", "NIKOLAY", "1944-03-18", trex.SexMale), trex.Refer, "rimsky", nil, nil},
		{"hyphenated surname run together", lat("RIMSKIIKORSAKOV", "NIKOLAI", "1944-03-18", trex.SexMale), trex.Refer, "rimsky", nil, nil},
		{"record with birth year only", lat("ZHUKOV", "GEORGII", "1956-12-01", trex.SexMale), trex.Refer, "yearonly", nil,
			map[string]string{"birth_date": "partial"}},
		{"Ukrainian official system", lat("SHEVCHENKO", "OLEKSANDR", "1970-02-11", trex.SexMale), trex.Refer, "ukrainian", nil, nil},
		{"Russian form of a Ukrainian name", lat("SHEVCHENKO", "ALEKSANDR", "1970-02-11", trex.SexMale), trex.Refer, "ukrainian", nil,
			map[string]string{"given": "transliteration"}},
		{"one-letter OCR confusion", lat("SHEVCHENKD", "OLEKSANDR", "1970-02-11", trex.SexMale), trex.Refer, "ukrainian", nil,
			map[string]string{"surname": "typo"}},
		{"record without a birth date", lat("RAKHMANINOV", "SERGEI", "1973-04-01", trex.SexMale), trex.Refer, "nodate", nil,
			map[string]string{"birth_date": "absent"}},
		{"traveller without a birth date", trex.Person{Names: []trex.Name{{Surname: "SHEVCHENKO", Given: "OLEKSANDR"}}}, trex.Refer, "ukrainian", nil,
			map[string]string{"birth_date": "absent"}},
		{"twin sister with the feminine form of her brother's name", lat("SHEVCHENKO", "EVGENIIA", "1993-03-03", trex.SexFemale), trex.Clear, "", []string{"evgenii"}, nil},
		{"the brother himself, sex mistyped, is still referred", lat("SHEVCHENKO", "EVGENII", "1993-03-03", trex.SexFemale), trex.Refer, "evgenii", nil,
			map[string]string{"sex": "mismatch"}},
		{"given name abbreviated", lat("SMIRNOV", "SERG", "1985-05-21", trex.SexMale), trex.Refer, "smirnov", nil,
			map[string]string{"given": "initial"}},
		{"no given name on the document", lat("SMIRNOV", "", "1985-05-21", trex.SexMale), trex.Refer, "smirnov", nil,
			map[string]string{"given": "absent"}},
		{"stranger with the same birth date", lat("KOZLOV", "DENIS", "1991-07-02", trex.SexMale), trex.Clear, "", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, ms := matchAll(ix, c.q)
			if v != c.verdict {
				t.Fatalf("verdict %s, want %s; matches %v", v, c.verdict, explainAll(ms))
			}
			if c.first != "" {
				if len(ms) == 0 || ms[0].RestrictionID != c.first {
					t.Fatalf("first match %v, want %s", keys(ms), c.first)
				}
				if len(ms[0].Reasons) == 0 || len(ms[0].Evidence) == 0 {
					t.Errorf("match %s carries no reasons or evidence", c.first)
				}
				for f, o := range c.outcome {
					e, ok := evidence(ms[0], f)
					if !ok || e.Outcome != o {
						t.Errorf("evidence %s = %+v, want outcome %s; all: %v", f, e, o, explainAll(ms))
					}
				}
			} else if len(ms) != 0 && c.verdict == trex.Clear {
				t.Errorf("clear with matches %v", keys(ms))
			}
			for _, k := range c.absent {
				for _, m := range ms {
					if m.RestrictionID == k {
						t.Errorf("matched %s: %v", k, m.Reasons)
					}
				}
			}
		})
	}
}

func explainAll(ms []trex.Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "[%s %s %.3f: %s] ", m.RestrictionID, m.Verdict, m.Score, strings.Join(m.Reasons, " | "))
	}
	return b.String()
}

// TestBirthDateErrors: the usual entry errors lead to a refer, never to a
// silent clear; a different date clears a namesake.
func TestBirthDateErrors(t *testing.T) {
	ix := newTestIndex(t, map[string]trex.Person{"r": cyr("Орлов", "Глеб", "Олегович", "1983-04-12", trex.SexMale)})
	for _, dob := range []string{"1983-12-04", "1983-04-11", "1983-04-13", "1982-04-12", "1984-04-12", "1983-04-21", "1938-04-12", "1983-03-12", "1983", "1983-04"} {
		v, ms := matchAll(ix, lat("ORLOV", "GLEB", dob, trex.SexMale))
		if v != trex.Refer || len(ms) == 0 || ms[0].RestrictionID != "r" {
			t.Errorf("birth date %s: %s %v, want refer of r", dob, v, explainAll(ms))
		}
	}
	for _, dob := range []string{"1990-07-30", "1983-09-27", "1961-04-12"} {
		if v, ms := matchAll(ix, lat("ORLOV", "GLEB", dob, trex.SexMale)); v != trex.Clear {
			t.Errorf("birth date %s: %s %v, want clear (a namesake)", dob, v, explainAll(ms))
		}
	}
}

// TestNamesakes: among thousands of IVANOV SERGEI only the one with the
// right birth date is matched.
func TestNamesakes(t *testing.T) {
	ix := New()
	for i := 0; i < 3000; i++ {
		y, m, d := 1950+i%50, 1+i/50%12, 1+i/600%28
		if y == 1977 && m == 8 && d == 3 {
			continue
		}
		ix.Put(trex.Subject{Key: fmt.Sprintf("n%04d", i), Person: cyr("Иванов", "Сергей", "Петрович", fmt.Sprintf("%04d-%02d-%02d", y, m, d), trex.SexMale)})
	}
	ix.Put(trex.Subject{Key: "target", Person: cyr("Иванов", "Сергей", "Петрович", "1977-08-03", trex.SexMale)})
	v, ms := matchAll(ix, lat("IVANOV", "SERGEY", "1977-08-03", trex.SexMale))
	if v != trex.Refer || len(ms) == 0 || ms[0].RestrictionID != "target" {
		t.Fatalf("got %s %v, want refer of target first", v, keys(ms))
	}
	// With thousands of namesakes, one whose birth date is a typing
	// error away is expected by chance: the name is too common for a near
	// date to count, and only the exact date is referred.
	if len(ms) != 1 {
		t.Errorf("got %d matches, want only the target: %s", len(ms), explainAll(ms))
	}
}

// TestPutRemove: replacing and removing subjects changes what matches.
func TestPutRemove(t *testing.T) {
	ix := New()
	p := cyr("Соколов", "Павел", "Андреевич", "1966-01-09", trex.SexMale)
	q := lat("SOKOLOV", "PAVEL", "1966-01-09", trex.SexMale)
	ix.Put(trex.Subject{Key: "a", Person: p})
	if v, _ := matchAll(ix, q); v != trex.Refer || ix.Len() != 1 {
		t.Fatalf("after put: %s, len %d", v, ix.Len())
	}
	ix.Put(trex.Subject{Key: "a", Person: cyr("Соколова", "Анна", "Андреевна", "1968-02-01", trex.SexFemale)})
	if v, ms := matchAll(ix, q); v != trex.Clear || ix.Len() != 1 {
		t.Fatalf("after replace: %s %v, len %d", v, keys(ms), ix.Len())
	}
	ix.Put(trex.Subject{Key: "b", Person: p})
	ix.Remove("a")
	ix.Remove("unknown")
	if v, ms := matchAll(ix, q); v != trex.Refer || len(ms) != 1 || ms[0].RestrictionID != "b" || ix.Len() != 1 {
		t.Fatalf("after remove: %s %v, len %d", v, keys(ms), ix.Len())
	}
	ix.Remove("b")
	if v, _ := matchAll(ix, q); v != trex.Clear || ix.Len() != 0 {
		t.Fatalf("after removing all: %s, len %d", v, ix.Len())
	}
}

// TestConcurrentUse runs Put and Remove while Match serves (run with -race).
func TestConcurrentUse(t *testing.T) {
	ix := New()
	p := cyr("Волков", "Игорь", "Олегович", "1979-06-30", trex.SexMale)
	ix.Put(trex.Subject{Key: "stable", Person: p})
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				k := fmt.Sprintf("w%d-%d", w, i)
				ix.Put(trex.Subject{Key: k, Person: cyr("Волков", "Игорь", "Олегович", "1979-06-30", trex.SexMale)})
				if i%2 == 0 {
					ix.Remove(k)
				}
			}
		}(w)
	}
	for i := 0; i < 200; i++ {
		v, ms := matchAll(ix, lat("VOLKOV", "IGOR", "1979-06-30", trex.SexMale))
		if v != trex.Refer || len(ms) == 0 {
			t.Fatalf("check %d during updates: %s", i, v)
		}
	}
	wg.Wait()
	if n := ix.Len(); n != 1+300 {
		t.Errorf("Len = %d, want 301", n)
	}
}

// TestFullNameSplitting: a traveller given as one full name is split by
// the matcher, in either order, with "SURNAME, Given" understood.
func TestFullNameSplitting(t *testing.T) {
	ix := newTestIndex(t, map[string]trex.Person{"r": cyr("Лебедев", "Артём", "Сергеевич", "1999-09-09", trex.SexMale)})
	for _, full := range []string{"Artem Lebedev", "LEBEDEV ARTYOM", "Lebedev, Artem", "Artyom Sergeyevich Lebedev"} {
		q := trex.Person{Names: []trex.Name{{Full: full}}, BirthDate: trex.MustPartialDate("1999-09-09")}
		if v, ms := matchAll(ix, q); v != trex.Refer {
			t.Errorf("%q: %s %v, want refer", full, v, explainAll(ms))
		}
	}
	q := trex.Person{Names: []trex.Name{{Full: "Lebedeva Anna"}}, BirthDate: trex.MustPartialDate("1999-09-09")}
	if v, ms := matchAll(ix, q); v != trex.Clear {
		t.Errorf("Lebedeva Anna: %s %v, want clear", v, explainAll(ms))
	}
}

// TestOddInputs: empty and strange travellers never panic and never match.
func TestOddInputs(t *testing.T) {
	ix := newTestIndex(t, map[string]trex.Person{"r": cyr("Лебедев", "Артём", "Сергеевич", "1999-09-09", trex.SexMale)})
	for _, q := range []trex.Person{
		{},
		{Names: []trex.Name{{}}},
		{Names: []trex.Name{{Full: "<<<"}}, BirthDate: trex.MustPartialDate("1999-09-09")},
		{Names: []trex.Name{{Full: strings.Repeat("A ", 200)}}},
		{Documents: []trex.Document{{Number: "---"}}},
	} {
		if v, ms := matchAll(ix, q); v != trex.Clear {
			t.Errorf("%+v: %s %v, want clear", q, v, keys(ms))
		}
	}
	ix.Put(trex.Subject{Key: "empty"})
	ix.Remove("empty")
}
