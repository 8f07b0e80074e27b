package romanize

import "strings"

// Letters of the Cyrillic alphabets of Kazakh, Kyrgyz, Uzbek, Tajik,
// Mongolian, Bashkir, Tatar, Azerbaijani (1958-1991) and Turkmen
// (1940-1993) that Russian lacks.
const turkicLetters = "әғқңөұүһҳҷӣӯҙҫҡҗҝҹјӑӗҫӳ"

// nationalLetters is how the passports of these states write the letters
// in the Latin alphabet of the machine-readable zone (the Kazakh, Kyrgyz,
// Tajik, Uzbek and Mongolian national transliterations, which follow ICAO
// 9303 in everything Russian shares). Every Cyrillic system falls back on
// it for a letter its own table lacks, so that no rendering keeps a
// Cyrillic letter.
var nationalLetters = table(
	"ә", "A", "ғ", "G", "қ", "K", "ң", "N", "ө", "O", "ұ", "U", "ү", "U", "һ", "H",
	"ҳ", "H", "ҷ", "J", "ӣ", "I", "ӯ", "U", "ҙ", "Z", "ҫ", "S", "ҡ", "K", "җ", "ZH",
	"ҝ", "G", "ҹ", "J", "ј", "Y", "ӑ", "A", "ӗ", "E", "ӳ", "U",
	// Letters Russian lacks but Kazakh, Ukrainian, Belarusian and Uzbek
	// share, for the tables of systems made for Russian.
	"і", "I", "ї", "I", "є", "E", "ґ", "G", "ў", "U",
)

// turkicRules are the Latin alphabets in which the languages written with
// turkicLetters are written now, or in which their speakers' documents
// spell them, with the diacritics folded as ICAO folds them when they are
// dropped (Ä→A, Ş→S, Ğ→G, Ñ→N). They apply only to words holding one of
// those letters: a word without them is read as Russian.
var turkicRules = []*rules{
	// Kazakh Latin alphabet (2021): Ә Ä, Ғ Ğ, Қ Q, Ң Ñ, Ө Ö, Ұ Ū, Ү Ü,
	// І I, И Й İ, Ж J, Ш Ş, Ч Ç, Ы Y.
	{system: Kazakh, base: with(icaoCyr, "ә", "A", "ғ", "G", "қ", "Q", "ң", "N", "ө", "O", "ұ", "U",
		"ү", "U", "һ", "H", "х", "H", "ж", "J", "ш", "S", "ч", "C", "й", "I", "ы", "Y", "ю", "IU", "я", "IA"),
		vowels: cyrVowels + "әөұүі"},
	// Uzbek Latin alphabet (1995): Ў Oʻ, Ғ Gʻ, Қ Q, Ҳ H, Х X, Ж J, Й Y,
	// Ё Yo, Ю Yu, Я Ya, Е Ye at the start of a word and after a vowel.
	{system: Uzbek, base: with(icaoCyr, "ў", "O", "ғ", "G", "қ", "Q", "ҳ", "H", "х", "X", "ж", "J",
		"й", "Y", "ё", "YO", "ю", "YU", "я", "YA", "ц", "TS", "ъ", "", "ы", "I"),
		vowels: cyrVowels + "ў", initial: table("е", "YE"), afterVowel: table("е", "YE")},
	// Tajik national romanisation: Ғ Gh, Қ Q, Ҳ H, Ҷ J, Ӣ I, Ӯ U.
	{system: Tajik, base: with(icaoCyr, "ғ", "GH", "қ", "Q", "ҳ", "H", "ҷ", "J", "ӣ", "I", "ӯ", "U",
		"й", "Y", "ё", "YO", "ю", "YU", "я", "YA", "ъ", ""),
		vowels: cyrVowels + "ӣӯ"},
	// Azerbaijani Latin alphabet (1991) from its Cyrillic: Ә Ə, Ғ Ğ, Ҝ G,
	// Г Q, Һ H, Х X, Ҹ C, Ч Ç, Ш Ş, Ж J, Ј Y, Ы I, Ө Ö, Ү Ü.
	{system: Azerbaijani, base: with(icaoCyr, "ә", "A", "ғ", "G", "ҝ", "G", "г", "Q", "һ", "H", "х", "X",
		"ҹ", "C", "ч", "C", "ш", "S", "ж", "J", "ј", "Y", "ы", "I", "ө", "O", "ү", "U", "й", "Y",
		"ю", "YU", "я", "YA"),
		vowels: cyrVowels + "әөү"},
	// Turkmen Latin alphabet (1993): Ә Ä, Җ J, Ж Ž, Ң Ň, Ө Ö, Ү Ü, Ш Ş,
	// Ч Ç, Й Ý, Ю Ýu, Я Ýa.
	{system: Turkmen, base: with(icaoCyr, "ә", "A", "җ", "J", "ж", "Z", "ң", "N", "ө", "O", "ү", "U",
		"ш", "S", "ч", "C", "й", "Y", "ю", "YU", "я", "YA", "х", "H", "ы", "Y"),
		vowels: cyrVowels + "әөү"},
	// Tatar Latin alphabet (2012): Ә Ä, Ө Ö, Ү Ü, Җ C, Ң Ñ, Һ H, Ш Ş,
	// Ч Ç, Ж J, Й Y, Х X.
	{system: Tatar, base: with(icaoCyr, "ә", "A", "ө", "O", "ү", "U", "җ", "C", "ң", "N", "һ", "H",
		"ш", "S", "ч", "C", "ж", "J", "й", "Y", "х", "X", "ы", "I", "ю", "YU", "я", "YA"),
		vowels: cyrVowels + "әөү"},
	// Mongolian national romanisation (MNS 5217:2012): Ө Ö, Ү Ü, Х Kh,
	// Ж J, Е Ye, Ё Yo, Ю Yu, Я Ya, Ь I; passports write Ө and Ү as U.
	{system: Mongolian, base: with(icaoCyr, "ө", "O", "ү", "U", "ж", "J", "е", "YE", "ё", "YO",
		"ю", "YU", "я", "YA", "ь", "I", "й", "I"),
		vowels: cyrVowels + "өү"},
	{system: Mongolian, base: with(icaoCyr, "ө", "U", "ү", "U", "ж", "J", "е", "YE", "ё", "YO",
		"ю", "YU", "я", "YA", "ь", "I", "й", "I"),
		vowels: cyrVowels + "өү"},
}

// hasTurkicLetters reports whether a lower-case word holds a letter only
// the Turkic, Tajik or Mongolian Cyrillic alphabets have, or the Uzbek Ў
// (which Belarusian shares, but Belarusian words hold І and Uzbek ones
// do not).
func hasTurkicLetters(lower string) bool {
	return strings.ContainsAny(lower, turkicLetters) ||
		strings.ContainsRune(lower, 'ў') && !strings.ContainsRune(lower, 'і')
}

// withNationalLetters adds nationalLetters to every table that lacks them.
func withNationalLetters(rs ...*rules) {
	for _, r := range rs {
		for k, v := range nationalLetters {
			if _, ok := r.base[k]; !ok {
				r.base[k] = v
			}
		}
	}
}

func init() {
	withNationalLetters(cyrillicRules...)
	withNationalLetters(ukrainianRules)
	withNationalLetters(turkicRules...)
	withNationalLetters(bulgarianRules)
}
