package romanize

import "strings"

// Readings of a name held in its Russian form as the Latvian, Lithuanian
// and Estonian alphabets spell it. A Baltic citizen's record in a
// Russian-language register holds the Russian form (Иванов Сергей,
// Пылд); the passport spells the name by the state's own rules: Latvian
// and Lithuanian give a masculine name the nominative ending of their
// grammar (IVANOVS SERGEJS; IVANOVAS NIKOLAJUS), write Ц, Ч, Ш, Ж, Й
// as C, Č, Š, Ž, J, and Е as JE where Russian pronounces it so (at the
// start of a word and after a vowel or a sign: JEGOROVS, VASILJEVS); Russian writes the Estonian Õ, Ä, Ü as Ы, Я, Ю
// (Пылд, PÕLD; Пярн, PÄRN; Юри, JÜRI).

// balticConsonants are the Russian consonants after which Latvian and
// Lithuanian add a masculine ending.
const balticConsonants = "бвгдзклмнпрстфхцчшщ"

// balticReading builds the reading of one Baltic language: base letters,
// and the masculine ending added after a final consonant, after a final
// Й, and after a final soft sign.
func balticReading(base map[rune]string, afterConsonant, afterJ, afterSoft string) *rules {
	var endings []pair
	for _, c := range balticConsonants {
		endings = append(endings, pair{string(c) + "ь", base[c] + afterSoft}, pair{string(c), base[c] + afterConsonant})
	}
	endings = append([]pair{{"ий", "IJ" + afterJ}, {"ый", "IJ" + afterJ}}, append(endings, pair{"й", "J" + afterJ})...)
	// Е is JE at the start of a word and after a vowel or a sign letter,
	// as Ё is JO (Егоров JEGOROVS, Васильев VASILJEVS).
	je := table("е", "JE")
	return &rules{system: BalticReading, base: base, vowels: cyrVowels, endings: endings, only: russianName,
		initial: je, afterVowel: je}
}

// russianName reports whether a word (lower case) is a Russian surname or
// patronymic by its ending (-ов, -ин, ...; the masculine -ин, which
// slavicEnding leaves to foreign names such as Мартин, counts here too) or
// a given name the package knows, or ends in Й: the names to which Latvian and Lithuanian add
// their endings when they write a Russian name. A name of another origin
// that Russian transcribed (Янсен) keeps its own form.
func russianName(w string) bool {
	u := strings.ToUpper(w)
	return slavicEnding(u) || strings.HasSuffix(w, "й") || strings.HasSuffix(w, "ин") ||
		len(NameForms(u)) > 0 || len(Counterparts(u)) > 0
}

var (
	// latvianLetters are the Latvian spellings of Russian letters, with
	// diacritics dropped as the machine-readable zone drops them.
	latvianLetters = with(icaoCyr, "ж", "Z", "х", "H", "ц", "C", "ч", "C", "ш", "S", "щ", "SC",
		"й", "J", "ы", "I", "ю", "JU", "я", "JA", "ё", "JO", "ъ", "", "ь", "")
	// lithuanianLetters are the Lithuanian spellings of Russian letters.
	lithuanianLetters = with(icaoCyr, "ж", "Z", "х", "CH", "ц", "C", "ч", "C", "ш", "S", "щ", "SC",
		"й", "J", "ы", "Y", "ю", "JU", "я", "JA", "ё", "JO", "ъ", "", "ь", "")
	// estonianReading reads Ы, Я, Ю as the Estonian Õ, Ä, Ü (O, A, U
	// with diacritics dropped), Й as J, or as the I of a diphthong after
	// a vowel (Кыйв, KÕIV), and Ж, Ш, Х as Ž, Š, H.
	estonianReading = &rules{system: BalticReading, base: with(icaoCyr, "ы", "O", "я", "A", "ю", "U",
		"й", "J", "ж", "Z", "ш", "S", "х", "H", "ъ", "", "ь", ""), vowels: cyrVowels,
		initial: table("я", "JA", "ю", "JU"), afterVowel: table("й", "I")}

	balticReadings = []*rules{
		balticReading(latvianLetters, "S", "S", "S"),
		balticReading(lithuanianLetters, "AS", "US", "IS"),
		estonianReading,
	}
)
