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

// armenianRules is a common Armenian transliteration (as in passports of
// the Republic of Armenia).
var armenianRules = &rules{system: Armenian, base: table(
	"ա", "A", "բ", "B", "գ", "G", "դ", "D", "ե", "E", "զ", "Z", "է", "E", "ը", "Y",
	"թ", "T", "ժ", "ZH", "ի", "I", "լ", "L", "խ", "KH", "ծ", "TS", "կ", "K", "հ", "H",
	"ձ", "DZ", "ղ", "GH", "ճ", "CH", "մ", "M", "յ", "Y", "ն", "N", "շ", "SH", "ո", "O",
	"չ", "CH", "պ", "P", "ջ", "J", "ռ", "R", "ս", "S", "վ", "V", "տ", "T", "ր", "R",
	"ց", "TS", "ւ", "", "փ", "P", "ք", "K", "օ", "O", "ֆ", "F", "և", "EV"),
	vowels: "աեէըիոօ",
	seqs:   []pair{{"ու", "U"}},
}

// georgianRules is the Georgian national romanisation system (2002).
var georgianRules = &rules{system: Georgian, base: table(
	"ა", "A", "ბ", "B", "გ", "G", "დ", "D", "ე", "E", "ვ", "V", "ზ", "Z", "თ", "T",
	"ი", "I", "კ", "K", "ლ", "L", "მ", "M", "ნ", "N", "ო", "O", "პ", "P", "ჟ", "ZH",
	"რ", "R", "ს", "S", "ტ", "T", "უ", "U", "ფ", "P", "ქ", "K", "ღ", "GH", "ყ", "Q",
	"შ", "SH", "ჩ", "CH", "ც", "TS", "ძ", "DZ", "წ", "TS", "ჭ", "CH", "ხ", "KH", "ჯ", "J",
	"ჰ", "H"),
	vowels: "აეიოუ",
}
