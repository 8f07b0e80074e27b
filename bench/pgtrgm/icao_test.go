package pgtrgm_test

import (
	"strings"
	"testing"

	"trex/bench"
	"trex/bench/pgtrgm"
	"trex/romanize"
)

// TestICAOTableAgreesWithRomanize: the letter table the first design
// loads names with spells the register's names as the romanize package's
// ICAO 9303 system does, for both person models, and keeps what is not a
// Cyrillic letter.
func TestICAOTableAgreesWithRomanize(t *testing.T) {
	for name, model := range bench.Models {
		gen, differ, total := model(3), 0, 0
		for range 3000 {
			p := gen.Person()
			for _, part := range []string{p.Names[0].Surname, p.Names[0].Given} {
				total++
				got := strings.NewReplacer(" ", "", "-", "").Replace(pgtrgm.ICAO(part))
				want := strings.ReplaceAll(romanize.ICAOName(part), " ", "")
				if got != want {
					differ++
					if differ <= 5 {
						t.Errorf("%s model: %q → %q, romanize's ICAO gives %q", name, part, got, want)
					}
				}
			}
		}
		if differ > 0 {
			t.Errorf("%s model: %d of %d names spelled otherwise than romanize's ICAO system", name, differ, total)
		}
	}
	for in, want := range map[string]string{"Щукин": "SHCHUKIN", "Юрьев": "IURev", "Объедков": "OBIEEDKOV", "O'Brien 42": "O'BRIEN 42"} {
		if got := pgtrgm.ICAO(in); got != strings.ToUpper(want) {
			t.Errorf("ICAO(%q) = %q, want %q", in, got, strings.ToUpper(want))
		}
	}
}
