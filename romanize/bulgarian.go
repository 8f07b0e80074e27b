package romanize

import "strings"

// bulgarianRules is the official Bulgarian system (Transliteration Act
// 2009, used in Bulgarian passports): Ъ A, Щ SHT, Х H, Й Y, Ю YU, Я YA,
// Ь Y, and -ИЯ at the end of a word IA. It applies to words that hold Ъ or
// Щ and none of the letters Bulgarian lacks (Ы, Э, Ё); for others it
// agrees with systems already applied.
var bulgarianRules = &rules{system: Bulgarian, base: with(icaoCyr,
	"ъ", "A", "щ", "SHT", "х", "H", "й", "Y", "ю", "YU", "я", "YA", "ь", "Y", "ц", "TS"),
	vowels: cyrVowels, endings: []pair{{"ия", "IA"}},
}

// bulgarianCandidate reports whether a lower-case Cyrillic word may be
// Bulgarian and the Bulgarian system would write it differently.
func bulgarianCandidate(lower string) bool {
	return strings.ContainsAny(lower, "ъщ") && !strings.ContainsAny(lower, "ыэё")
}
