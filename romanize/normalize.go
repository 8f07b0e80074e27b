package romanize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Script is the writing system of a name token, as far as romanisation
// cares.
type Script uint8

// Scripts.
const (
	ScriptLatin Script = iota
	ScriptCyrillic
	ScriptGreek
	ScriptArabic
	ScriptArmenian
	ScriptGeorgian
	ScriptOther
)

// ScriptOf reports the script of the first letter of s.
func ScriptOf(s string) Script {
	for _, c := range s {
		switch {
		case !unicode.IsLetter(c):
			continue
		case unicode.Is(unicode.Cyrillic, c):
			return ScriptCyrillic
		case unicode.Is(unicode.Greek, c):
			return ScriptGreek
		case unicode.Is(unicode.Arabic, c):
			return ScriptArabic
		case unicode.Is(unicode.Armenian, c):
			return ScriptArmenian
		case unicode.Is(unicode.Georgian, c):
			return ScriptGeorgian
		case unicode.Is(unicode.Latin, c):
			return ScriptLatin
		default:
			return ScriptOther
		}
	}
	return ScriptLatin
}

// ocrDigits are digits that stand for letters in names read by machines or
// typed in haste (Ol3g Sm1rnov).
var ocrDigits = map[rune]rune{'0': 'O', '1': 'I', '3': 'E', '4': 'A', '5': 'S', '6': 'G', '7': 'T', '8': 'B', '9': 'G'}

// Tokens splits a name into its words, upper-cased, with punctuation that
// does not belong to a name removed. The name is first normalised
// (Normalize: NFKC, default-ignorable code points dropped) and each word's
// look-alike letters folded (FoldConfusables), so that every input path
// compares the same letters. Hyphens, commas, dots, slashes and the
// MRZ filler '<' separate words; apostrophes and similar marks inside a word
// are dropped (O'BRIEN → OBRIEN, the Uzbek Oʻ and Gʻ written with any
// of the usual marks → O and G). Digits inside a word that otherwise holds
// letters are read as the letters they resemble (0→O, 1→I, 5→S, 8→B).
func Tokens(name string) []string {
	var out []string
	// Scratch for the current word and its upper-case spelling, on the
	// stack for words of usual length.
	var curBuf, upBuf [32]rune
	var wordBuf [64]byte
	cur := curBuf[:0]
	flush := func() {
		if len(cur) == 0 {
			return
		}
		letters := 0
		for _, c := range cur {
			if unicode.IsLetter(c) {
				letters++
			}
		}
		if letters > 0 {
			for i, c := range cur {
				if c >= '0' && c <= '9' {
					if d, ok := ocrDigits[c]; ok {
						cur[i] = d
					}
				}
			}
			up := upBuf[:0]
			for _, c := range cur {
				switch {
				case unicode.IsLetter(c):
					up = append(up, unicode.ToUpper(c))
				case len(up) > 0 && (unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Mc, c)):
					up = append(up, c) // a mark on the letter before it
				}
			}
			b := wordBuf[:0]
			for _, c := range FoldConfusables(up) {
				b = utf8.AppendRune(b, c)
			}
			if len(b) > 0 {
				out = append(out, string(b))
			}
		}
		cur = cur[:0]
	}
	for _, c := range Normalize(name) {
		switch {
		case c == '\'' || c == '’' || c == '‘' || c == 'ʼ' || c == '`' || c == '´' || c == 'ʻ' || c == '\u200c' || c == '\u200d':
			// inside a word: drop (ʼ and ʻ are modifier letters, so
			// this comes before the letters)
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			cur = append(cur, c)
		case unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Mc, c):
			// combining marks belong to the letter before them; scripts
			// such as Devanagari and Thai need them.
			if len(cur) > 0 {
				cur = append(cur, c)
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

// Renderings returns the distinct upper-case Latin spellings of one name
// token (as Tokens returns it) under every system that applies to its
// script, the most official first. A Latin token yields its ICAO folding and,
// when different, the spelling with diacritics dropped. A token in a script
// this package has no tables for is returned as written.
func Renderings(token string) []Rendering {
	var out []Rendering
	add := func(text string, sys System) {
		if text == "" {
			return
		}
		for _, r := range out {
			if r.Text == text {
				return
			}
		}
		out = append(out, Rendering{Text: text, System: sys})
	}
	switch ScriptOf(token) {
	case ScriptLatin:
		icao, stripped := FoldLatin(token)
		add(icao, LatinFolded)
		add(stripped, LatinStripped)
	case ScriptCyrillic:
		word := []rune(strings.ToLower(token))
		lower := string(word)
		// A word with letters of a Turkic, Tajik or Mongolian alphabet
		// is written the way that state's passports write it, then in
		// the nation's Latin alphabets; one with letters only Ukrainian
		// has is Ukrainian: its official rendering comes first.
		turkic := hasTurkicLetters(lower)
		if turkic {
			add(cyrillicRules[0].apply(word), ICAO)
			for _, r := range turkicRules {
				add(r.apply(word), r.system)
			}
		} else if strings.ContainsAny(lower, ukrainianLetters) || IsUkrainianForm(token) {
			add(ukrainianRules.apply(word), Ukrainian)
		}
		for _, r := range cyrillicRules {
			add(r.apply(word), r.system)
		}
		if !turkic && strings.ContainsAny(lower, serbianLetters+"ј") {
			add(serbianRules.apply(word), Serbian)
		}
		if !strings.ContainsAny(lower, russianOnlyLetters) && !turkic {
			add(ukrainianRules.apply(word), Ukrainian)
		}
		if bulgarianCandidate(lower) {
			add(bulgarianRules.apply(word), Bulgarian)
		}
		for _, other := range Counterparts(token) {
			w := []rune(strings.ToLower(other))
			if IsUkrainianForm(other) {
				add(ukrainianRules.apply(w), OtherLanguageForm)
			}
			if IsBelarusianForm(other) {
				add(belarusianRules.apply(w), OtherLanguageForm)
			}
			for _, r := range cyrillicRules {
				if r.system == ICAO || r.system == MVD1997 || r.system == English {
					add(r.apply(w), OtherLanguageForm)
				}
			}
		}
	case ScriptGreek:
		word := []rune(strings.ToLower(token))
		add(greekRules.apply(word), Greek)
		add(greekSimple.apply(word), Greek)
	case ScriptArabic:
		word := []rune(token)
		add(arabicVowelled.apply(word), Arabic)
		add(arabicRules.apply(word), Arabic)
	case ScriptArmenian:
		add(armenianRules.apply([]rune(strings.ToLower(token))), Armenian)
	case ScriptGeorgian:
		// Upper-casing turns Mkhedruli into Mtavruli; the table holds
		// Mkhedruli.
		add(georgianRules.apply([]rune(strings.ToLower(token))), Georgian)
	}
	if l, ok := latinLookalikeReading(token); ok {
		add(l, LookAlike)
	}
	if len(out) == 0 { // an unknown script, or letters that render as nothing
		out = append(out, Rendering{Text: strings.ToUpper(token), System: Native})
	}
	return out
}

// ICAOText returns the single spelling ICAO 9303 gives a token: the first
// rendering.
func ICAOText(token string) string {
	r := Renderings(token)
	if len(r) == 0 {
		return ""
	}
	return r[0].Text
}

// ICAOName renders a whole name as a current passport would: each token
// in its ICAO 9303 spelling, separated by spaces.
func ICAOName(name string) string {
	toks := Tokens(name)
	for i, t := range toks {
		toks[i] = ICAOText(t)
	}
	return strings.Join(toks, " ")
}

// IsASCIIUpper reports whether s holds only the letters A-Z.
func IsASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
