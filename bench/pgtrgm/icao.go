package pgtrgm

import (
	"strings"
	"unicode"

	"trex/romanize"
)

// cyrillicLetters are the letters the ICAO 9303 table (Part 3, Table B)
// covers: Russian, and the letters of Ukrainian, Belarusian, Serbian and
// Macedonian.
const cyrillicLetters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяґєіїўђѓѕјљњћќџѐѝ"

// icaoTable is the letter-for-letter Cyrillic → Latin table of ICAO 9303,
// as the romanize package's ICAO system renders each letter alone.
var icaoTable = buildICAOTable()

func buildICAOTable() map[rune]string {
	t := make(map[rune]string)
	for _, c := range cyrillicLetters {
		t[c] = icaoLetter(string(c))
		t[unicode.ToUpper(c)] = t[c]
	}
	return t
}

// icaoLetter is the ICAO rendering of one letter: the rendering romanize
// tags as ICAO 9303, else (when another system gave the same text first)
// the first one.
func icaoLetter(letter string) string {
	rs := romanize.Renderings(letter)
	for _, r := range rs {
		if r.System == romanize.ICAO {
			return r.Text
		}
	}
	if len(rs) == 0 || rs[0].System == romanize.Native {
		return "" // a sign with no Latin letter (ь)
	}
	return rs[0].Text
}

// ICAO romanises s letter by letter with the ICAO 9303 table and upper
// case, as a loader would before storing a name: letters the table does
// not hold are kept, upper-cased.
func ICAO(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, c := range s {
		if l, ok := icaoTable[c]; ok {
			b.WriteString(l)
			continue
		}
		b.WriteRune(unicode.ToUpper(c))
	}
	return b.String()
}
