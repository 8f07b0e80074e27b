package romanize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// icaoLatin is ICAO Doc 9303 Part 3, Table A: Latin letters with
// diacritics and the ASCII letters the MRZ writes for them. Letters not in
// the table lose their diacritics (via Unicode decomposition).
var icaoLatin = map[rune]string{
	'Ä': "AE", 'Å': "AA", 'Æ': "AE", 'Ö': "OE", 'Ø': "OE", 'Ü': "UE", 'ß': "SS",
	'ẞ': "SS", 'Œ': "OE", 'Þ': "TH", 'Ð': "D", 'Đ': "D", 'Ħ': "H", 'Ĳ': "IJ",
	'Ł': "L", 'Ŀ': "L", 'Ŋ': "N", 'ı': "I", 'ſ': "S", 'Ŧ': "T",
	// Azerbaijani Ə (schwa) has no decomposition; Azerbaijani passports
	// write it A.
	'Ə': "A",
}

// strippedLatin is what a writer without the letter uses: the base letter.
var strippedLatin = map[rune]string{
	'Ä': "A", 'Å': "A", 'Ö': "O", 'Ø': "O", 'Ü': "U",
}

// FoldLatin returns s in upper-case ASCII as ICAO 9303 writes it in the MRZ
// (Ä→AE, Ö→OE, Ü→UE, ß→SS, Ø→OE, Å→AA, Æ→AE, other diacritics dropped),
// and, when different, the spelling with the diacritic simply dropped
// (Ä→A, Ö→O, Ü→U, Å→A, Ø→O). Characters that are not Latin letters are
// kept, upper-cased.
func FoldLatin(s string) (icao, stripped string) {
	var a, b strings.Builder
	differ := false
	for _, c := range strings.ToUpper(s) {
		if c < 0x80 {
			a.WriteRune(c)
			b.WriteRune(c)
			continue
		}
		if v, ok := icaoLatin[c]; ok {
			a.WriteString(v)
			if w, ok := strippedLatin[c]; ok {
				b.WriteString(w)
				differ = true
			} else {
				b.WriteString(v)
			}
			continue
		}
		if v, ok := strippedLatin[c]; ok { // not reached; kept for symmetry
			a.WriteString(v)
			b.WriteString(v)
			continue
		}
		base := stripMarks(c)
		a.WriteString(base)
		b.WriteString(base)
	}
	icao = a.String()
	if differ {
		return icao, b.String()
	}
	return icao, icao
}

// stripMarks decomposes c and drops its combining marks: É→E, Č→C, Ş→S.
// A letter without a decomposition is returned as it is.
func stripMarks(c rune) string {
	d := norm.NFD.String(string(c))
	var b strings.Builder
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
