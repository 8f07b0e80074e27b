package romanize

// Cyrillic romanisation systems. Each table holds lower-case source letters;
// renderings are upper-case ASCII (diacritics of scholarly systems already
// folded the way ICAO folds them, so Č is C).

const cyrVowels = "аеёиоуыэюяіїєъь"

// icaoCyr is ICAO Doc 9303 Part 3, Table B (Cyrillic), including the letters
// of Ukrainian, Belarusian, Serbian and Macedonian.
var icaoCyr = table(
	"а", "A", "б", "B", "в", "V", "г", "G", "д", "D", "е", "E", "ё", "E", "ж", "ZH",
	"з", "Z", "и", "I", "й", "I", "к", "K", "л", "L", "м", "M", "н", "N", "о", "O",
	"п", "P", "р", "R", "с", "S", "т", "T", "у", "U", "ф", "F", "х", "KH", "ц", "TS",
	"ч", "CH", "ш", "SH", "щ", "SHCH", "ъ", "IE", "ы", "Y", "ь", "", "э", "E", "ю", "IU",
	"я", "IA", "ґ", "G", "є", "IE", "і", "I", "ї", "I", "ў", "U", "ђ", "D", "ѓ", "G",
	"ѕ", "DZ", "ј", "J", "љ", "LJ", "њ", "NJ", "ћ", "C", "ќ", "K", "џ", "DZ", "ѐ", "E",
	"ѝ", "I", "'", "", "’", "",
)

var cyrillicRules = []*rules{
	{system: ICAO, base: icaoCyr, vowels: cyrVowels},
	{system: MVD2010, base: with(icaoCyr, "ц", "TC", "ъ", ""), vowels: cyrVowels},
	{system: MVD1997, base: with(icaoCyr, "й", "Y", "ъ", "", "ю", "YU", "я", "YA"), vowels: cyrVowels,
		afterVowel: table("е", "YE")},
	{system: MVD1997, base: with(icaoCyr, "й", "Y", "ъ", "", "ю", "YU", "я", "YA"), vowels: cyrVowels},
	{system: BGN, base: with(icaoCyr, "й", "Y", "ъ", "", "ю", "YU", "я", "YA"), vowels: cyrVowels,
		initial: table("е", "YE", "ё", "YE"), afterVowel: table("е", "YE", "ё", "YE")},
	// Everyday English: Yevgeny, Sergey, Alexey, Fyodor, Dmitry, Ilyin.
	{system: English, base: with(icaoCyr, "й", "Y", "ъ", "", "ю", "YU", "я", "YA", "ё", "YO", "ь", ""),
		vowels: cyrVowels, initial: table("е", "YE", "ё", "YO"), afterVowel: table("е", "YE", "ё", "YO", "и", "YI"),
		endings: []pair{{"ий", "Y"}, {"ый", "Y"}},
		seqs: []pair{{"кс", "X"}, {"ье", "YE"}, {"ьё", "YO"}, {"ьи", "YI"}, {"ъе", "YE"},
			// ё after a hushing consonant sounds O: Khrushchov, Gorbachov.
			{"жё", "ZHO"}, {"чё", "CHO"}, {"шё", "SHO"}, {"щё", "SHCHO"}}},
	{system: English, base: with(icaoCyr, "й", "Y", "ъ", "", "ю", "YU", "я", "YA", "ь", ""),
		vowels: cyrVowels, endings: []pair{{"ий", "IY"}, {"ый", "IY"}}},
	{system: English, base: with(icaoCyr, "й", "Y", "ъ", "", "ю", "YU", "я", "YA", "ь", "", "ё", "YO"),
		vowels: cyrVowels, endings: []pair{{"ий", "I"}, {"ия", "IA"}},
		seqs: []pair{{"ье", "IE"}}},
	// French: Tchaïkovski, Chostakovitch, Iouri, Guennadi.
	{system: French, base: table(
		"а", "A", "б", "B", "в", "V", "г", "G", "д", "D", "е", "E", "ё", "IO", "ж", "J",
		"з", "Z", "и", "I", "й", "I", "к", "K", "л", "L", "м", "M", "н", "N", "о", "O",
		"п", "P", "р", "R", "с", "S", "т", "T", "у", "OU", "ф", "F", "х", "KH", "ц", "TS",
		"ч", "TCH", "ш", "CH", "щ", "CHTCH", "ъ", "", "ы", "Y", "ь", "", "э", "E", "ю", "IOU",
		"я", "IA"),
		vowels: cyrVowels, betweenVowels: table("с", "SS"),
		endings: []pair{{"ий", "I"}, {"ый", "Y"}, {"ин", "INE"}, {"ын", "YNE"}},
		seqs:    []pair{{"ге", "GUE"}, {"ги", "GUI"}, {"ье", "IE"}, {"щё", "CHTCHE"}, {"шё", "CHE"}, {"чё", "TCHE"}, {"жё", "JE"}}},
	// German: Tschaikowski, Schostakowitsch, Jewgeni, Juri.
	{system: German, base: table(
		"а", "A", "б", "B", "в", "W", "г", "G", "д", "D", "е", "E", "ё", "JO", "ж", "SCH",
		"з", "S", "и", "I", "й", "I", "к", "K", "л", "L", "м", "M", "н", "N", "о", "O",
		"п", "P", "р", "R", "с", "S", "т", "T", "у", "U", "ф", "F", "х", "CH", "ц", "Z",
		"ч", "TSCH", "ш", "SCH", "щ", "SCHTSCH", "ъ", "", "ы", "Y", "ь", "", "э", "E", "ю", "JU",
		"я", "JA"),
		vowels: cyrVowels, betweenVowels: table("с", "SS"), initial: table("е", "JE"),
		afterVowel: table("е", "JE"),
		endings:    []pair{{"ий", "I"}, {"ый", "Y"}},
		seqs: []pair{{"кс", "X"}, {"ье", "JE"},
			{"щё", "SCHTSCHO"}, {"шё", "SCHO"}, {"чё", "TSCHO"}, {"жё", "SCHO"}}},
	// German with й written J after a vowel: Sergej, Alexej, Tschaikowskij.
	{system: German, base: table(
		"а", "A", "б", "B", "в", "W", "г", "G", "д", "D", "е", "E", "ё", "JO", "ж", "SCH",
		"з", "S", "и", "I", "й", "J", "к", "K", "л", "L", "м", "M", "н", "N", "о", "O",
		"п", "P", "р", "R", "с", "S", "т", "T", "у", "U", "ф", "F", "х", "CH", "ц", "Z",
		"ч", "TSCH", "ш", "SCH", "щ", "SCHTSCH", "ъ", "", "ы", "Y", "ь", "", "э", "E", "ю", "JU",
		"я", "JA"),
		vowels: cyrVowels, betweenVowels: table("с", "SS"), initial: table("е", "JE"),
		afterVowel: table("е", "JE"),
		seqs:       []pair{{"кс", "X"}, {"ье", "JE"}, {"щё", "SCHTSCHO"}, {"шё", "SCHO"}, {"чё", "TSCHO"}}},
	// Polish: Chruszczow, Gorbaczow, Szostakowicz (Polish documents and
	// visas).
	{system: Polish, base: table(
		"а", "A", "б", "B", "в", "W", "г", "G", "д", "D", "е", "E", "ё", "IO", "ж", "Z",
		"з", "Z", "и", "I", "й", "J", "к", "K", "л", "L", "м", "M", "н", "N", "о", "O",
		"п", "P", "р", "R", "с", "S", "т", "T", "у", "U", "ф", "F", "х", "CH", "ц", "C",
		"ч", "CZ", "ш", "SZ", "щ", "SZCZ", "ъ", "", "ы", "Y", "ь", "", "э", "E", "ю", "JU",
		"я", "JA"),
		vowels: cyrVowels, initial: table("е", "JE", "ё", "JO"), afterVowel: table("е", "JE", "ё", "JO"),
		endings: []pair{{"ий", "I"}, {"ый", "Y"}},
		seqs:    []pair{{"жё", "ZO"}, {"чё", "CZO"}, {"шё", "SZO"}, {"щё", "SZCZO"}, {"ье", "JE"}, {"ли", "LI"}}},
	// Spanish: Jruschov, Gorbachov, Chaikovski.
	{system: Spanish, base: table(
		"а", "A", "б", "B", "в", "V", "г", "G", "д", "D", "е", "E", "ё", "IO", "ж", "Y",
		"з", "Z", "и", "I", "й", "I", "к", "K", "л", "L", "м", "M", "н", "N", "о", "O",
		"п", "P", "р", "R", "с", "S", "т", "T", "у", "U", "ф", "F", "х", "J", "ц", "TS",
		"ч", "CH", "ш", "SH", "щ", "SCH", "ъ", "", "ы", "Y", "ь", "", "э", "E", "ю", "IU",
		"я", "IA"),
		vowels: cyrVowels, endings: []pair{{"ий", "I"}, {"ый", "I"}},
		seqs: []pair{{"жё", "YO"}, {"чё", "CHO"}, {"шё", "SHO"}, {"щё", "SCHO"}}},
	// Scholarly (scientific) transliteration, diacritics folded: Čajkovskij.
	{system: Scholarly, base: table(
		"а", "A", "б", "B", "в", "V", "г", "G", "д", "D", "е", "E", "ё", "E", "ж", "Z",
		"з", "Z", "и", "I", "й", "J", "к", "K", "л", "L", "м", "M", "н", "N", "о", "O",
		"п", "P", "р", "R", "с", "S", "т", "T", "у", "U", "ф", "F", "х", "CH", "ц", "C",
		"ч", "C", "ш", "S", "щ", "SC", "ъ", "", "ы", "Y", "ь", "", "э", "E", "ю", "JU",
		"я", "JA", "і", "I", "ї", "JI", "є", "JE", "ґ", "G"),
		vowels: cyrVowels},
	{system: Scholarly, base: with(icaoCyr, "ж", "Z", "й", "J", "х", "X", "ц", "C", "ч", "C",
		"ш", "S", "щ", "SC", "ъ", "", "ю", "JU", "я", "JA"), vowels: cyrVowels},
	// ISO 9:1995, diacritics folded (ж ž→Z, х h→H, щ ŝ→S, ю û→U, я â→A).
	{system: ISO9, base: with(icaoCyr, "ж", "Z", "й", "J", "х", "H", "ц", "C", "ч", "C",
		"ш", "S", "щ", "S", "ъ", "", "ю", "U", "я", "A", "э", "E"), vowels: cyrVowels},
}

// ukrainianRules is the official Ukrainian system (Cabinet of Ministers
// resolution 55 of 2010): г→H, ґ→G, и→Y, і→I, and Є, Ї, Й, Ю, Я written
// YE, YI, Y, YU, YA at the start of a word and IE, I, I, IU, IA elsewhere.
var ukrainianRules = &rules{system: Ukrainian, base: table(
	"а", "A", "б", "B", "в", "V", "г", "H", "ґ", "G", "д", "D", "е", "E", "є", "IE",
	"ж", "ZH", "з", "Z", "и", "Y", "і", "I", "ї", "I", "й", "I", "к", "K", "л", "L",
	"м", "M", "н", "N", "о", "O", "п", "P", "р", "R", "с", "S", "т", "T", "у", "U",
	"ф", "F", "х", "KH", "ц", "TS", "ч", "CH", "ш", "SH", "щ", "SHCH", "ь", "", "ю", "IU",
	"я", "IA", "'", "", "’", "", "ʼ", ""),
	vowels:  cyrVowels,
	initial: table("є", "YE", "ї", "YI", "й", "Y", "ю", "YU", "я", "YA"),
	seqs:    []pair{{"зг", "ZGH"}},
}

// ukrainianLetters are letters that occur in Ukrainian but not in Russian.
const ukrainianLetters = "іїєґ"

// russianOnlyLetters occur in Russian but not in Ukrainian.
const russianOnlyLetters = "ыэёъ"

// serbianRules is the Serbian Latin alphabet read from Serbian Cyrillic,
// diacritics folded as the machine-readable zone folds them.
var serbianRules = &rules{system: Serbian, base: with(icaoCyr, "ђ", "DJ", "ћ", "C", "џ", "DZ",
	"ж", "Z", "ш", "S", "ч", "C", "ц", "C", "х", "H"), vowels: cyrVowels}

// serbianLetters are the letters only Serbian (and Macedonian) Cyrillic
// has; Ј is Serbian unless the word is Azerbaijani (hasTurkicLetters).
const serbianLetters = "ђћџљњ"
