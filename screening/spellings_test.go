package screening

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"trex"
	"trex/synth"
)

// mixedSpellings gives, for each Cyrillic letter, spellings found in real
// documents across systems and languages. A name spelled by picking one at
// random per letter is harder than any single system: the matcher must
// generalise beyond the systems it has tables for.
var mixedSpellings = map[rune][]string{
	'а': {"A"}, 'б': {"B"}, 'в': {"V", "V", "W"}, 'г': {"G", "G", "G", "H"}, 'д': {"D"}, 'е': {"E"},
	'ё': {"E", "YO", "JO", "IO"}, 'ж': {"ZH", "ZH", "J", "Z", "SH"}, 'з': {"Z", "Z", "S"}, 'и': {"I", "I", "I", "Y"},
	'й': {"I", "Y", "J"}, 'к': {"K"}, 'л': {"L"}, 'м': {"M"}, 'н': {"N"}, 'о': {"O"}, 'п': {"P"}, 'р': {"R"},
	'с': {"S"}, 'т': {"T"}, 'у': {"U", "U", "OU"}, 'ф': {"F"}, 'х': {"KH", "KH", "H", "CH"},
	'ц': {"TS", "TC", "C", "TZ", "Z"}, 'ч': {"CH", "CH", "TCH", "TSCH", "C", "CZ"},
	'ш': {"SH", "SH", "CH", "SCH", "S", "SZ"}, 'щ': {"SHCH", "SCH", "CHTCH", "SC", "SHTCH"}, 'ъ': {"", "IE", "Y"},
	'ы': {"Y", "Y", "I"}, 'ь': {"", "", "Y", "I", "J"}, 'э': {"E"}, 'ю': {"IU", "YU", "JU", "U", "IOU"},
	'я': {"IA", "YA", "JA", "A"},
}

func mixedSpelling(r *rand.Rand, s string) string {
	var b strings.Builder
	w := []rune(strings.ToLower(s))
	for i := 0; i < len(w); i++ {
		if i == len(w)-2 && w[i] == 'и' && w[i+1] == 'й' {
			b.WriteString([]string{"II", "IY", "Y", "I", "IJ"}[r.IntN(5)])
			break
		}
		if w[i] == 'е' && (i == 0 || strings.ContainsRune("аеиоуыэюяь", w[i-1])) && r.IntN(2) == 0 {
			b.WriteString("YE")
			continue
		}
		if opts := mixedSpellings[w[i]]; opts != nil {
			b.WriteString(opts[r.IntN(len(opts))])
		} else {
			b.WriteRune(w[i])
		}
	}
	return b.String()
}

// oneTypo substitutes, drops, doubles or swaps one inner letter.
func oneTypo(r *rand.Rand, s string) string {
	if len(s) < 4 {
		return s
	}
	b := []byte(s)
	i := 1 + r.IntN(len(b)-2)
	switch r.IntN(4) {
	case 0:
		b[i] = byte('A' + r.IntN(26))
	case 1:
		b = append(b[:i], b[i+1:]...)
	case 2:
		b[i], b[i+1] = b[i+1], b[i]
	default:
		b = append(b[:i], append([]byte{b[i]}, b[i:]...)...)
	}
	return string(b)
}

// TestQualitySyntheticSpellings screens travellers whose names are spelled
// letter by letter in mixed styles (and with typos, patronymics, swapped
// order, birth-date errors) against a synthetic register in which common
// names are very common, and strangers, namesakes and twins who are not on
// it. It guards generalisation beyond the systems with tables and beyond
// the development set.
func TestQualitySyntheticSpellings(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	gen := synth.New(77)
	ix := New()
	people := make([]trex.Person, 50000)
	for i := range people {
		people[i] = gen.Person()
		ix.Put(trex.Subject{Key: fmt.Sprint("r", i), Person: people[i]})
	}
	pos, found := map[string]int{}, map[string]int{}
	for i := 0; i < 3000; i++ {
		k := r.IntN(len(people))
		p := people[k]
		n := p.Names[0]
		sur, giv, dob := mixedSpelling(r, n.Surname), mixedSpelling(r, n.Given), p.BirthDate
		cat := "mixed"
		switch r.IntN(6) {
		case 0:
			cat = "mixed+typo"
			if r.IntN(2) == 0 {
				sur = oneTypo(r, sur)
			} else {
				giv = oneTypo(r, giv)
			}
		case 1:
			cat = "mixed+patronymic"
			giv += " " + mixedSpelling(r, n.Patronymic)
		case 2:
			cat = "mixed+dob-error"
			if dob.Day <= 12 && dob.Day != dob.Month {
				dob.Day, dob.Month = dob.Month, dob.Day
			} else {
				dob.Year++
			}
		case 3:
			cat = "mixed+swapped"
			sur, giv = giv, sur
		}
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: sur, Given: giv}}, BirthDate: dob, Sex: p.Sex})
		pos[cat]++
		if contains(ms, fmt.Sprint("r", k)) {
			found[cat]++
		}
	}
	neg, flagged := map[string]int{}, map[string]int{}
	for i := 0; i < 3000; i++ {
		p := gen.Person()
		n := p.Names[0]
		cat := "stranger"
		switch r.IntN(3) {
		case 0:
			cat = "namesake" // a register person's name, another birth date
			o := people[r.IntN(len(people))]
			n, p.Sex = o.Names[0], o.Sex
		case 1:
			cat = "twin" // a register person's surname and birth date, another given name
			o := people[r.IntN(len(people))]
			other := gen.PersonOfSex(o.Sex).Names[0].Given
			if other == o.Names[0].Given {
				continue
			}
			n = trex.Name{Surname: o.Names[0].Surname, Given: other}
			p.BirthDate, p.Sex = o.BirthDate, o.Sex
		}
		v, _ := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: mixedSpelling(r, n.Surname), Given: mixedSpelling(r, n.Given)}}, BirthDate: p.BirthDate, Sex: p.Sex})
		neg[cat]++
		if v != trex.Clear {
			flagged[cat]++
		}
	}
	minRecall := map[string]float64{"mixed": 0.995, "mixed+patronymic": 0.995, "mixed+swapped": 0.995, "mixed+typo": 0.95,
		// In this register the commonest names are held by hundreds: a
		// near birth date then cannot single one of them out, and the
		// chance model (chance.go) does not refer it. TestScaleFalseFlagsFlat
		// holds the recall where the register can tell persons apart.
		"mixed+dob-error": 0.60}
	var cats []string
	for c := range pos {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		rec := ratio(found[c], pos[c])
		t.Logf("%-18s recall %.4f (%d)", c, rec, pos[c])
		if rec < minRecall[c] {
			t.Errorf("%s: recall %.4f, want >= %.3f", c, rec, minRecall[c])
		}
	}
	cats = cats[:0]
	for c := range neg {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		ff := ratio(flagged[c], neg[c])
		t.Logf("%-18s false-flag %.4f (%d)", c, ff, neg[c])
		if ff > 0.02 {
			t.Errorf("%s: false-flag rate %.4f, want <= 0.02", c, ff)
		}
	}
}
