package romanize

// System names a romanisation system. A Rendering says which system
// produced it, so that an explanation can say "ICAO 9303 rendering".
type System uint8

// Systems this package knows.
const (
	// Native is the name as written, folded to upper case.
	Native System = iota
	// ICAO is ICAO Doc 9303 Part 3, used in Russian passports since 2014.
	ICAO
	// MVD2010 is the Russian passport rule of 2010-2014 (ц→TC, я→IA, ю→IU).
	MVD2010
	// MVD1997 is the Russian passport rule of 1997-2010 (й→Y, я→YA, ю→YU).
	MVD1997
	// BGN is BGN/PCGN 1947 for Russian (е→YE at word start and after vowels).
	BGN
	// English is the everyday English spelling (Yevgeny, Sergey, Alexey, Fyodor).
	English
	// French is the traditional French spelling (Tchaïkovski, Chostakovitch).
	French
	// German is the traditional German spelling (Tschaikowski, Schostakowitsch).
	German
	// Polish is the Polish spelling of Russian names (Chruszczow).
	Polish
	// Spanish is the Spanish spelling of Russian names (Jruschov).
	Spanish
	// Scholarly is the scientific transliteration with diacritics folded
	// (Čajkovskij → CAJKOVSKIJ).
	Scholarly
	// ISO9 is ISO 9:1995 with diacritics folded.
	ISO9
	// Ukrainian is the official Ukrainian system of 2010 (г→H, и→Y, і→I).
	Ukrainian
	// Greek is ICAO 9303 for Greek.
	Greek
	// Arabic is ICAO 9303 for Arabic, without the MRZ's X markers.
	Arabic
	// Armenian is a common Armenian transliteration.
	Armenian
	// Georgian is the Georgian national system.
	Georgian
	// LatinFolded is a Latin name with diacritics folded as ICAO does
	// (Ä→AE, Ö→OE, Ü→UE, ß→SS, Ø→OE, Å→AA, Æ→AE).
	LatinFolded
	// LatinStripped is a Latin name with diacritics simply dropped (Ä→A).
	LatinStripped
	// OtherLanguageForm is the Russian form of a Ukrainian or Belarusian
	// given name, or the Ukrainian or Belarusian form of a Russian one,
	// romanised.
	OtherLanguageForm
	// LookAlike reads a word written wholly in letters that look like Latin
	// capitals (ВОВ, ΚΟΤΑ) as those capitals, as a reader of the document
	// would (Unicode TS #39 whole-script confusables).
	LookAlike
	// Kazakh is the Kazakh Latin alphabet of 2021, diacritics dropped.
	Kazakh
	// Uzbek is the Uzbek Latin alphabet of 1995.
	Uzbek
	// Tajik is the Tajik national romanisation (Ғ GH, Қ Q, Ҳ H, Ҷ J).
	Tajik
	// Azerbaijani is the Azerbaijani Latin alphabet of 1991 read from its
	// Cyrillic alphabet (Ә Ə, Г Q, Ҝ G, Ҹ C, Х X).
	Azerbaijani
	// Turkmen is the Turkmen Latin alphabet of 1993.
	Turkmen
	// Tatar is the Tatar Latin alphabet of 2012.
	Tatar
	// Mongolian is the Mongolian national romanisation (MNS 5217).
	Mongolian
	// Bulgarian is the official Bulgarian system of 2009 (Ъ A, Щ SHT).
	Bulgarian
	// NameForm is another form of a given name: the full form of a short
	// one or the other way round, a variant spelling, or the Bulgarian or
	// Romanian form (see NameForms).
	NameForm
	// TurkicReading reads a Russian form as the Azerbaijani, Turkish or
	// Turkmen Latin alphabet spells its sounds (Джафаров: CAFAROV).
	TurkicReading
	// UzbekReading reads a Russian form as the Uzbek Latin alphabet
	// spells its sounds (Жураев: JURAYEV). Its A may stand for the Uzbek
	// O, which Russian writes А (Ислам, ISLOM).
	UzbekReading
	// CentralAsian reads a Russian form as Tajik, Kazakh and Kyrgyz
	// passports spell ДЖ and the iotated vowels (Джураев: JURAEV).
	CentralAsian
	// RomanianReading reads a Russian form of a Romanian name as Romanian
	// spells it (Чобану: CIOBANU).
	RomanianReading
	// ForeignOrigin is the phonetic key of a name of foreign origin
	// transcribed into Russian (Шмидт, Schmidt; see OriginKeys).
	ForeignOrigin
	// Belarusian is the Belarusian national romanisation (Г H, Ў U), as
	// Belarusian passports write the Belarusian form of a given name.
	Belarusian
	// BelarusianReading reads a Russian form as Belarusian spells it and
	// the national system romanises it (Козлов: KAZLAU, for KAZLOU). Its
	// A may stand for the O that Belarusian writes under the stress.
	BelarusianReading
	// BalticReading reads a Russian form as the Latvian, Lithuanian or
	// Estonian alphabet spells it, with the masculine nominative ending
	// (Иванов: IVANOVS, IVANOVAS; Пылд: POLD).
	BalticReading
	// OriginalSpelling is the bearer's own spelling of a given name that
	// Russian transcribed by sound (Майкл: MICHAEL; Акоп: HAKOB; see
	// GivenOriginals).
	OriginalSpelling
	// Serbian is the Serbian Latin alphabet read from Serbian Cyrillic,
	// as Serbian passports write it with diacritics folded (Ђ DJ, Ћ C,
	// Џ DZ, Љ LJ, Њ NJ, Ј J).
	Serbian
	numSystems
)

var systemNames = [...]string{
	Native:            "as written",
	ICAO:              "ICAO 9303",
	MVD2010:           "Russian passport rule 2010-2014",
	MVD1997:           "Russian passport rule 1997-2010",
	BGN:               "BGN/PCGN",
	English:           "everyday English spelling",
	French:            "French spelling",
	German:            "German spelling",
	Polish:            "Polish spelling",
	Spanish:           "Spanish spelling",
	Scholarly:         "scholarly transliteration",
	ISO9:              "ISO 9",
	Ukrainian:         "Ukrainian national system",
	Greek:             "ICAO 9303 Greek",
	Arabic:            "ICAO 9303 Arabic",
	Armenian:          "Armenian transliteration",
	Georgian:          "Georgian national system",
	LatinFolded:       "ICAO 9303 Latin folding",
	LatinStripped:     "diacritics dropped",
	OtherLanguageForm: "rendering of the name's Russian, Ukrainian or Belarusian form",
	LookAlike:         "reading of look-alike letters as Latin",
	Kazakh:            "Kazakh Latin alphabet",
	Uzbek:             "Uzbek Latin alphabet",
	Tajik:             "Tajik national system",
	Azerbaijani:       "Azerbaijani Latin alphabet",
	Turkmen:           "Turkmen Latin alphabet",
	Tatar:             "Tatar Latin alphabet",
	Mongolian:         "Mongolian national system",
	Bulgarian:         "Bulgarian official system",
	NameForm:          "another form of the given name",
	TurkicReading:     "Azerbaijani or Turkic spelling of the Russian form",
	UzbekReading:      "Uzbek spelling of the Russian form",
	CentralAsian:      "Central Asian spelling of the Russian form",
	RomanianReading:   "Romanian spelling of the Russian form",
	ForeignOrigin:     "original spelling of a name transcribed into Russian",
	Belarusian:        "Belarusian national system",
	BelarusianReading: "Belarusian spelling of the Russian form",
	BalticReading:     "Latvian, Lithuanian or Estonian spelling of the Russian form",
	OriginalSpelling:  "original spelling of a given name transcribed into Russian",
	Serbian:           "Serbian Latin alphabet",
}

// String names the system for people.
func (s System) String() string {
	if int(s) < len(systemNames) {
		return systemNames[s]
	}
	return "unknown system"
}

// Rendering is one Latin spelling of a name token and the system that
// produced it.
type Rendering struct {
	Text   string
	System System
}
