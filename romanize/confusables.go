package romanize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize is the one Unicode normalisation every name passes through
// before it is matched: compatibility composition (NFKC: fullwidth,
// mathematical and other styled letters become the letters they style)
// and removal of default-ignorable code points (invisible fillers, joiners,
// format controls, variation selectors), which display as nothing and so
// must match as nothing. Confusable letters are folded per word by Tokens.
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	ignorable := false
	for _, c := range s {
		if isDefaultIgnorable(c) {
			ignorable = true
			break
		}
	}
	if !ignorable {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, c := range s {
		if !isDefaultIgnorable(c) {
			out = append(out, c)
		}
	}
	// Removing a filler can bring a letter and a mark together.
	return norm.NFKC.String(string(out))
}

// isBlankFiller reports whether c is a Hangul filler: default-ignorable,
// so Normalize drops it, but displayed as a blank, so a reader may see two
// words where it stands between them.
func isBlankFiller(c rune) bool {
	return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0
}

// SpacedFillers returns s with its Hangul fillers written as spaces, and
// whether it held any: the reading of s as it displays, where Normalize
// gives the reading without them. Matching should try both.
func SpacedFillers(s string) (string, bool) {
	if !strings.ContainsFunc(s, isBlankFiller) {
		return s, false
	}
	return strings.Map(func(c rune) rune {
		if isBlankFiller(c) {
			return ' '
		}
		return c
	}, s), true
}

// isDefaultIgnorable reports whether c has the Unicode property
// Default_Ignorable_Code_Point (DerivedCoreProperties.txt).
func isDefaultIgnorable(c rune) bool {
	return c >= 0xAD && unicode.Is(defaultIgnorable, c)
}

// defaultIgnorable is the Default_Ignorable_Code_Point property. The
// standard derives it as Other_Default_Ignorable_Code_Point, Cf and
// Variation_Selector, less White_Space, the interlinear annotation and
// Egyptian format controls and the prepended concatenation marks; a test
// checks the table against that derivation over Go's tables.
var defaultIgnorable = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x00AD, Hi: 0x00AD, Stride: 1},
		{Lo: 0x034F, Hi: 0x034F, Stride: 1},
		{Lo: 0x061C, Hi: 0x061C, Stride: 1},
		{Lo: 0x115F, Hi: 0x1160, Stride: 1},
		{Lo: 0x17B4, Hi: 0x17B5, Stride: 1},
		{Lo: 0x180B, Hi: 0x180F, Stride: 1},
		{Lo: 0x200B, Hi: 0x200F, Stride: 1},
		{Lo: 0x202A, Hi: 0x202E, Stride: 1},
		{Lo: 0x2060, Hi: 0x206F, Stride: 1},
		{Lo: 0x3164, Hi: 0x3164, Stride: 1},
		{Lo: 0xFE00, Hi: 0xFE0F, Stride: 1},
		{Lo: 0xFEFF, Hi: 0xFEFF, Stride: 1},
		{Lo: 0xFFA0, Hi: 0xFFA0, Stride: 1},
		{Lo: 0xFFF0, Hi: 0xFFF8, Stride: 1},
	},
	R32: []unicode.Range32{
		{Lo: 0x1BCA0, Hi: 0x1BCA3, Stride: 1},
		{Lo: 0x1D173, Hi: 0x1D17A, Stride: 1},
		{Lo: 0xE0000, Hi: 0xE0FFF, Stride: 1},
	},
}

// Look-alike letters, after Unicode TS #39 (confusables): letters of other
// scripts, and Latin letter forms NFKC leaves alone, that read as a Latin
// capital. The tables hold the forms Tokens sees (upper case where the
// script has case).
var (
	// latinLookalikes are Latin-script letters that only imitate a plain
	// capital: small capitals and letter variants. They are folded in any
	// word.
	latinLookalikes = map[rune]rune{
		'ᴀ': 'A', 'ʙ': 'B', 'ᴄ': 'C', 'ᴅ': 'D', 'ᴇ': 'E', 'ꜰ': 'F', 'ɢ': 'G', 'ʜ': 'H', 'ɪ': 'I',
		'ᴊ': 'J', 'ᴋ': 'K', 'ʟ': 'L', 'ᴍ': 'M', 'ɴ': 'N', 'ᴏ': 'O', 'ᴘ': 'P', 'ʀ': 'R', 'ꜱ': 'S',
		'ᴛ': 'T', 'ᴜ': 'U', 'ᴠ': 'V', 'ᴡ': 'W', 'ʏ': 'Y', 'ᴢ': 'Z',
		'ɑ': 'A', 'Ɑ': 'A', 'ɡ': 'G', 'Ɡ': 'G', 'ȷ': 'J', 'ǀ': 'I', 'Ɪ': 'I', 'Ʀ': 'R',
	}
	// toLatin maps letters of other scripts to the Latin capital they
	// imitate.
	toLatin = map[rune]rune{
		// Cyrillic
		'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'Ӏ': 'I', 'Ј': 'J', 'К': 'K',
		'М': 'M', 'О': 'O', 'Р': 'P', 'Ѕ': 'S', 'Т': 'T', 'Х': 'X', 'У': 'Y', 'Ү': 'Y', 'Ԛ': 'Q',
		'Ԝ': 'W', 'Ԁ': 'D',
		// Greek
		'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N',
		'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
		// Armenian
		'Օ': 'O', 'Ս': 'U', 'Լ': 'L',
		// Cherokee
		'Ꭰ': 'D', 'Ꭱ': 'R', 'Ꭲ': 'T', 'Ꭵ': 'I', 'Ꭹ': 'Y', 'Ꭺ': 'A', 'Ꭻ': 'J', 'Ꭼ': 'E', 'Ꮃ': 'W',
		'Ꮇ': 'M', 'Ꮋ': 'H', 'Ꮍ': 'Y', 'Ꮐ': 'G', 'Ꮒ': 'H', 'Ꮓ': 'Z', 'Ꮟ': 'B', 'Ꮢ': 'R', 'Ꮤ': 'W',
		'Ꮥ': 'S', 'Ꮩ': 'V', 'Ꮪ': 'S', 'Ꮮ': 'L', 'Ꮯ': 'C', 'Ꮲ': 'P', 'Ꮶ': 'K', 'Ꮷ': 'D', 'Ᏻ': 'G',
		'Ᏼ': 'B',
		// Lisu
		'ꓐ': 'B', 'ꓑ': 'P', 'ꓓ': 'D', 'ꓔ': 'T', 'ꓖ': 'G', 'ꓗ': 'K', 'ꓙ': 'J', 'ꓚ': 'C', 'ꓜ': 'Z',
		'ꓝ': 'F', 'ꓟ': 'M', 'ꓠ': 'N', 'ꓡ': 'L', 'ꓢ': 'S', 'ꓣ': 'R', 'ꓦ': 'V', 'ꓧ': 'H', 'ꓪ': 'W',
		'ꓫ': 'X', 'ꓬ': 'Y', 'ꓮ': 'A', 'ꓰ': 'E', 'ꓲ': 'I', 'ꓳ': 'O', 'ꓴ': 'U',
	}
	// latinToCyrillic and latinToGreek map Latin capitals to the letter
	// of the other script they look like.
	latinToCyrillic = map[rune]rune{
		'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'I': 'І', 'J': 'Ј', 'K': 'К', 'M': 'М',
		'O': 'О', 'P': 'Р', 'S': 'Ѕ', 'T': 'Т', 'X': 'Х', 'Y': 'У',
	}
	latinToGreek = map[rune]rune{
		'A': 'Α', 'B': 'Β', 'E': 'Ε', 'Z': 'Ζ', 'H': 'Η', 'I': 'Ι', 'K': 'Κ', 'M': 'Μ', 'N': 'Ν',
		'O': 'Ο', 'P': 'Ρ', 'T': 'Τ', 'Y': 'Υ', 'X': 'Χ',
	}
)

// letterClass is the script of a letter as confusable folding sees it.
type letterClass uint8

const (
	classNone letterClass = iota // not a letter (a mark, a digit)
	classLatin
	classCyrillic
	classGreek
	classImitating // a script whose letters are used here only as look-alikes (Cherokee, Lisu)
	classOther
)

func classOf(c rune) letterClass {
	switch {
	case !unicode.IsLetter(c):
		return classNone
	case c < 0x80 || unicode.Is(unicode.Latin, c):
		return classLatin
	case unicode.Is(unicode.Cyrillic, c):
		return classCyrillic
	case unicode.Is(unicode.Greek, c):
		return classGreek
	case unicode.Is(unicode.Cherokee, c) || unicode.Is(unicode.Lisu, c):
		return classImitating
	}
	return classOther
}

// majority is the class among Latin, Cyrillic and Greek with the largest
// count, Latin on a tie.
func majority(n [classOther + 1]int) letterClass {
	target := classLatin
	if n[classCyrillic] > n[target] {
		target = classCyrillic
	}
	if n[classGreek] > n[target] {
		target = classGreek
	}
	return target
}

// isAnchor reports whether c, of class k, has no look-alike in the other
// scripts folding considers: a letter only its own script could have
// written.
func isAnchor(c rune, k letterClass) bool {
	switch k {
	case classLatin:
		u := unicode.ToUpper(c)
		return latinToCyrillic[u] == 0 && latinToGreek[u] == 0
	case classCyrillic, classGreek:
		return lookalike(c) == 0
	}
	return false
}

// lookalike returns what c imitates in Latin, or 0.
func lookalike(c rune) rune {
	if v, ok := latinLookalikes[c]; ok {
		return v
	}
	if v, ok := toLatin[c]; ok {
		return v
	}
	if u := unicode.ToUpper(c); u != c {
		return lookalike(u)
	}
	return 0
}

// FoldConfusables rewrites, in place, the letters of one word that only
// imitate letters of the word's own script, after Unicode TS #39: Latin
// small capitals and letter variants always; in a word that mixes
// scripts, every letter not of the word's script that has a look-alike in
// it (the word's script is the one with most letters no other script
// imitates, else the one with most letters, Latin on a tie); and the
// Cherokee and Lisu letters that look like Latin capitals, in any word
// (names on travel documents are not written in those scripts).
// A word in one script of its own (Cyrillic, Greek, Armenian, ...) is left
// alone: it is a name in that script, romanised by its tables.
func FoldConfusables(word []rune) []rune {
	ascii := true
	for _, c := range word {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return word // plain Latin: nothing imitates anything
	}
	// n counts the letters of each class.
	var n [classOther + 1]int
	for i, c := range word {
		if c >= 0x80 {
			if v, ok := latinLookalikes[c]; ok {
				word[i] = v
			}
		}
		n[classOf(word[i])]++
	}
	scripts := 0
	for _, k := range n[classLatin:] {
		if k > 0 {
			scripts++
		}
	}
	if scripts == 0 || (scripts == 1 && n[classImitating] == 0) {
		return word
	}
	// anchors counts the letters that have no look-alike elsewhere and so
	// show which script the word is in.
	var anchors [classOther + 1]int
	for _, c := range word {
		if k := classOf(c); isAnchor(c, k) {
			anchors[k]++
		}
	}
	target := majority(anchors)
	if anchors[target] == 0 {
		target = majority(n)
	}
	for i, c := range word {
		k := classOf(c)
		if k == classNone || k == target {
			continue
		}
		l := c
		if k != classLatin {
			if l = lookalike(c); l == 0 {
				continue
			}
		}
		var to rune
		switch target {
		case classLatin:
			to = l
		case classCyrillic:
			to = latinToCyrillic[unicode.ToUpper(l)]
		case classGreek:
			to = latinToGreek[unicode.ToUpper(l)]
		}
		if to != 0 {
			word[i] = to
		}
	}
	return word
}

// latinLookalikeReading returns a word of another script read as the Latin
// capitals its letters look like, when every letter has one (a whole-script
// confusable such as ВОВ for BOB).
func latinLookalikeReading(word string) (string, bool) {
	out := make([]rune, 0, len(word))
	for _, c := range word {
		if c < 0x80 || unicode.Is(unicode.Latin, c) {
			return "", false
		}
		if !unicode.IsLetter(c) {
			continue
		}
		l := lookalike(c)
		if l == 0 {
			return "", false
		}
		out = append(out, l)
	}
	return string(out), len(out) > 0
}
