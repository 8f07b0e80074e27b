package romanize

// Readings of a name held in its Russian form in the Latin alphabet of
// the bearer's own language. Soviet and Russian registers hold Azerbaijani,
// Uzbek, Turkmen and Moldovan names as Russian transcribed them (Мамедов,
// Джафаров, Жураев, Чобану); the bearer's own passport spells them in the
// national Latin alphabet (Məmmədov, Cəfərov, Joʻrayev, Ciobanu). These
// readings undo the Russian transcription conventions of each language
// letter by letter. They are weaker evidence than a romanisation: they are
// what the letters may stand for, not what a rule writes.

// turkicReading reads a Russian form as the Azerbaijani, Turkish and
// Turkmen alphabets write the sounds Russian spells Г (for h), ДЖ (c), Ж
// (j), Х (x), Ч (ç), Ш (ş), Ы (ı) and ГЮ, КЮ (gü, kü).
var turkicReading = &rules{system: TurkicReading, base: with(icaoCyr,
	"г", "H", "ж", "J", "х", "X", "ч", "C", "ш", "S", "щ", "S", "ы", "I", "й", "Y",
	"ю", "YU", "я", "YA", "ё", "YO", "ъ", "", "ц", "TS"),
	vowels: cyrVowels, initial: table("е", "YE"), afterVowel: table("е", "YE"),
	seqs:    []pair{{"дж", "C"}, {"гю", "GU"}, {"кю", "KU"}, {"гя", "GA"}, {"гё", "GO"}},
	endings: hushedOV,
}

// hushedOV are the surname endings Russian spelling writes -ЕВ after Ж,
// Ч, Ш, Щ, Ц and ДЖ where the Turkic original has -OV after a consonant
// (Оруджев, Orucov): Russian writes no unstressed О after those letters.
var hushedOV = []pair{{"джев", "COV"}, {"жев", "JOV"}, {"чев", "COV"}, {"шев", "SOV"}, {"щев", "SOV"}, {"цев", "TSOV"}}

// turkicReadingQ is turkicReading with Г read as Q, as Azerbaijani names
// with Q are written in Russian (Гулиев, Quliyev; Вугар, Vüqar).
var turkicReadingQ = &rules{system: TurkicReading, base: with(turkicReading.base, "г", "Q"),
	vowels: cyrVowels, initial: turkicReading.initial, afterVowel: turkicReading.afterVowel,
	seqs: turkicReading.seqs, endings: hushedOV,
}

// turkicReadingSchwa is turkicReading with Е after a consonant read as
// the Azerbaijani Ə, which Russian writes Е or А and passports write A
// (Мамедов, Məmmədov, MAMMADOV; Керимов, Kərimov).
var turkicReadingSchwa = &rules{system: TurkicReading, base: with(turkicReading.base, "е", "A"),
	vowels: cyrVowels, initial: turkicReading.initial, afterVowel: turkicReading.afterVowel,
	seqs: turkicReading.seqs, endings: hushedOV,
}

// uzbekReading reads a Russian form as the Uzbek Latin alphabet writes
// the sounds Russian spells Ж and ДЖ (j), Х (x), Й (y), Е (ye at the
// start of a word and after a vowel). Russian also writes the Uzbek O
// (Toshkent, Ташкент) as А: the comparison lets an A of this reading
// stand for O (see UzbekReading).
var uzbekReading = &rules{system: UzbekReading, base: with(icaoCyr,
	"ж", "J", "х", "X", "й", "Y", "ю", "YU", "я", "YA", "ё", "YO", "ы", "I", "ъ", "", "ц", "TS"),
	vowels: cyrVowels, initial: table("е", "YE"), afterVowel: table("е", "YE"),
	seqs: []pair{{"дж", "J"}},
}

// centralAsianReading reads a Russian form as Tajik, Kazakh and Kyrgyz
// passports spell the sounds Russian writes ДЖ (j), with Й, Ю, Я, Ё as
// Y, YU, YA, YO and Е after a vowel as E (Джураев, JURAEV).
var centralAsianReading = &rules{system: CentralAsian, base: with(icaoCyr,
	"й", "Y", "ю", "YU", "я", "YA", "ё", "YO", "ъ", ""),
	vowels: cyrVowels, seqs: []pair{{"дж", "J"}},
}

// romanianReading reads a Russian form of a Romanian (Moldovan) name as
// Romanian spells it: Ч before A, O, U is CEA, CIO, CIU, else C; ДЖ is
// GE, GI; К and Г before Е, И are CHE, CHI, GHE, GHI, else C and G; Ж J,
// Ш Ş, Щ ŞT, Ц Ț, Х H, Ы Î, Э Ă, Я EA after a consonant, Ю IU, Й I, and Ь
// at the end of a word I.
var romanianReading = &rules{system: RomanianReading, base: table(
	"а", "A", "б", "B", "в", "V", "г", "G", "д", "D", "е", "E", "ё", "IO", "ж", "J",
	"з", "Z", "и", "I", "й", "I", "к", "C", "л", "L", "м", "M", "н", "N", "о", "O",
	"п", "P", "р", "R", "с", "S", "т", "T", "у", "U", "ф", "F", "х", "H", "ц", "T",
	"ч", "C", "ш", "S", "щ", "ST", "ъ", "", "ы", "I", "ь", "", "э", "A", "ю", "IU",
	"я", "EA"),
	vowels: cyrVowels, initial: table("я", "IA"), afterVowel: table("я", "IA"),
	endings: []pair{{"ч", "CI"}, {"ь", "I"}},
	seqs: []pair{{"ча", "CEA"}, {"чо", "CIO"}, {"чу", "CIU"}, {"чё", "CIO"},
		{"джа", "GEA"}, {"джо", "GIO"}, {"джу", "GIU"}, {"дже", "GE"}, {"джи", "GI"},
		{"ке", "CHE"}, {"ки", "CHI"}, {"ге", "GHE"}, {"ги", "GHI"}, {"кс", "X"}},
}

// russianFormReadings are the readings applied to every Cyrillic word
// without letters only Ukrainian has.
var russianFormReadings = append([]*rules{turkicReading, turkicReadingQ, turkicReadingSchwa, uzbekReading,
	centralAsianReading, romanianReading}, append(belarusianReadings, balticReadings...)...)
