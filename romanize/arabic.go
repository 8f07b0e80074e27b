package romanize

// arabicRules follows ICAO Doc 9303 Part 3 for Arabic, but without the X
// markers the MRZ uses to make the mapping reversible: a border officer's
// document shows TH, KH, SH, and those are what names are compared on.
// Short vowels are not written in Arabic script, so renderings of Arabic
// names are consonant skeletons and are compared as such.
var arabicRules = &rules{system: Arabic, base: table(
	"ء", "", "آ", "A", "أ", "A", "ؤ", "U", "إ", "I", "ئ", "I", "ا", "A", "ب", "B",
	"ة", "A", "ت", "T", "ث", "TH", "ج", "J", "ح", "H", "خ", "KH", "د", "D", "ذ", "DH",
	"ر", "R", "ز", "Z", "س", "S", "ش", "SH", "ص", "S", "ض", "D", "ط", "T", "ظ", "Z",
	"ع", "", "غ", "GH", "ـ", "", "ف", "F", "ق", "Q", "ك", "K", "ل", "L", "م", "M",
	"ن", "N", "ه", "H", "و", "W", "ى", "A", "ي", "Y", "پ", "P", "چ", "CH", "ژ", "ZH",
	"ک", "K", "گ", "G", "ی", "Y", "ً", "", "ٌ", "", "ٍ", "", "َ", "A", "ُ", "U", "ِ", "I",
	"ّ", "", "ْ", "", "\u200c", ""),
	vowels: "اويىی",
	seqs:   []pair{{"ال", "AL"}},
}

// arabicVowelled renders و as U and ي as I, as Latin spellings of Arabic
// names usually do (Yusuf, Ibrahim).
var arabicVowelled = &rules{system: Arabic, base: with(arabicRules.base, "و", "U", "ي", "I", "ی", "I", "ع", "A"),
	vowels: arabicRules.vowels, seqs: []pair{{"ال", "AL"}}}
