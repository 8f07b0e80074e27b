package synth

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"trex"
)

func TestDeterministic(t *testing.T) {
	a, b := New(5), New(5)
	for i := 0; i < 100; i++ {
		if pa, pb := a.Person(), b.Person(); !reflect.DeepEqual(pa, pb) {
			t.Fatalf("person %d differs for one seed: %+v vs %+v", i, pa, pb)
		}
	}
	if reflect.DeepEqual(New(5).Person(), New(6).Person()) {
		t.Error("seeds 5 and 6 gave the same first person")
	}
}

func digitsOnly(s string) bool {
	for _, c := range s {
		if !unicode.IsDigit(c) {
			return false
		}
	}
	return s != ""
}

// TestRealistic checks the shape of generated persons: Cyrillic names,
// surname and patronymic in the person's gender, valid dates, identifiers,
// and namesakes as common as in a register.
func TestRealistic(t *testing.T) {
	g := New(1)
	n := 20000
	passports, women := 0, 0
	names := map[string]int{}
	for i := 0; i < n; i++ {
		p := g.Person()
		if len(p.Names) != 1 {
			t.Fatalf("person has %d names", len(p.Names))
		}
		nm := p.Names[0]
		for _, part := range []string{nm.Surname, nm.Given, nm.Patronymic} {
			if part == "" || !unicode.Is(unicode.Cyrillic, []rune(part)[0]) {
				t.Fatalf("name part %q is not Cyrillic", part)
			}
		}
		switch p.Sex {
		case trex.SexFemale:
			women++
			if !strings.HasSuffix(nm.Patronymic, "вна") && !strings.HasSuffix(nm.Patronymic, "чна") {
				t.Errorf("woman's patronymic %q", nm.Patronymic)
			}
			if strings.HasSuffix(nm.Surname, "ов") || strings.HasSuffix(nm.Surname, "ский") {
				t.Errorf("woman's surname %q is in the masculine form", nm.Surname)
			}
		case trex.SexMale:
			if !strings.HasSuffix(nm.Patronymic, "ич") {
				t.Errorf("man's patronymic %q", nm.Patronymic)
			}
			if strings.HasSuffix(nm.Surname, "ова") || strings.HasSuffix(nm.Surname, "ская") {
				t.Errorf("man's surname %q is in the feminine form", nm.Surname)
			}
		default:
			t.Fatalf("sex %q", p.Sex)
		}
		d := p.BirthDate
		if _, err := trex.ParsePartialDate(d.String()); err != nil || !d.IsFull() || d.Year < g.MinYear || d.Year > g.MaxYear {
			t.Fatalf("birth date %v: %v", d, err)
		}
		if len(p.Identifiers) != 1 || len(p.Identifiers[0].Value) != 10 || !digitsOnly(p.Identifiers[0].Value) {
			t.Fatalf("national ID %+v", p.Identifiers)
		}
		if len(p.Documents) > 0 {
			passports++
			if len(p.Documents[0].Number) != 9 || !digitsOnly(p.Documents[0].Number) {
				t.Fatalf("passport %+v", p.Documents)
			}
		}
		names[nm.Surname+" "+nm.Given]++
	}
	if share := float64(passports) / float64(n); share < 0.25 || share > 0.35 {
		t.Errorf("passport share %.3f, want about 0.3", share)
	}
	if share := float64(women) / float64(n); share < 0.45 || share > 0.55 {
		t.Errorf("share of women %.3f, want about 0.5", share)
	}
	most := 0
	for _, c := range names {
		most = max(most, c)
	}
	if most < 10 {
		t.Errorf("the most common name occurs %d times in %d persons; a register has many namesakes", most, n)
	}
}
