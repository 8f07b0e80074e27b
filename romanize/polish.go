package romanize

import "strings"

// Phonetic keys for Polish and Dutch names, which Russian also writes by
// sound (see OriginKeys): Wiśniewski → Вишневский, Krzysztof → Кшиштоф,
// Dąbrowski → Домбровский; Schouten → Схаутен, Gijs → Хейс.

// polishKey follows the Russian transcription of Polish: SZ Ш, CZ Ч, SZCZ
// Щ, RZ Ж (Ш after K, P, T, CH), CH Х, W В, J Й, Y Ы (read И).
var polishKey = []keyRule{
	{"SZCZ", "w", anywhere}, {"CHRZ", "hw", anywhere}, {"KRZ", "kw", anywhere}, {"PRZ", "pw", anywhere},
	{"TRZ", "tw", anywhere}, {"SZ", "w", anywhere}, {"CZ", "q", anywhere}, {"RZ", "j", anywhere},
	{"CH", "h", anywhere}, {"W", "v", anywhere}, {"J", "i", anywhere}, {"C", "c", anywhere},
}

// polishLetters writes the Polish letters with diacritics as the letter
// groups Russian transcribes them by (Ą ОМ before B and P, else ОН; Ę
// likewise; Ó У; Ś Ш; Ć Ч; Ź, Ż Ж; Ł Л; Ń Н), so that the key does not
// see them with their marks dropped.
func polishLetters(w string) string {
	if !strings.ContainsAny(w, "ĄĘÓŚĆŹŻŁŃ") {
		return w
	}
	rs := []rune(w)
	var b strings.Builder
	for i, c := range rs {
		labial := i+1 < len(rs) && (rs[i+1] == 'B' || rs[i+1] == 'P')
		switch c {
		case 'Ą':
			b.WriteString(map[bool]string{true: "OM", false: "ON"}[labial])
		case 'Ę':
			b.WriteString(map[bool]string{true: "EM", false: "EN"}[labial])
		case 'Ó':
			b.WriteByte('U')
		case 'Ś':
			b.WriteString("SZ")
		case 'Ć':
			b.WriteString("CZ")
		case 'Ź', 'Ż':
			b.WriteString("ZH")
		case 'Ł':
			b.WriteByte('L')
		case 'Ń':
			b.WriteByte('N')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// polishAdjectival reports whether an upper-case word ends as a Polish or
// Russian adjectival surname does (-SKI, -СКИЙ, ...).
func polishAdjectival(w string) bool {
	for _, e := range []string{"SKI", "CKI", "SKA", "CKA", "СКИЙ", "ЦКИЙ", "СКАЯ", "ЦКАЯ"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// dutchKey follows the Russian transcription of Dutch: SCH СХ, G and CH
// Х, IJ and EI ЕЙ, OU АУ, OE У, UI ЕЙ, J Й, W В, and doubled vowels as one.
var dutchKey = []keyRule{
	{"SCH", "sh", anywhere}, {"CH", "h", anywhere}, {"IJ", "ei", anywhere}, {"EI", "ei", anywhere},
	{"OU", "au", anywhere}, {"OE", "u", anywhere}, {"UI", "ei", anywhere}, {"IE", "i", anywhere},
	{"EU", "e", anywhere}, {"G", "h", anywhere}, {"J", "i", anywhere}, {"W", "v", anywhere},
	{"C", "k", anywhere},
}

// dutchSpelling keeps a word that has a letter group of Dutch spelling
// (IJ, a doubled vowel, SCH, OU, OE, UI) and drops any other, so that a
// G read as Х does not make other names look alike.
func dutchSpelling(w string) string {
	for _, g := range []string{"IJ", "AA", "EE", "OO", "UU", "SCH", "OU", "OE", "UI"} {
		if strings.Contains(w, g) {
			return w
		}
	}
	return ""
}
