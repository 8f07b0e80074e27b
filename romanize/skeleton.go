package romanize

import "strings"

// skeletonSeqs are the letter groups that romanisation systems write in
// different ways for one sound, longest first, and the class symbol each
// becomes. Class symbols are lower case so that they never meet input.
var skeletonSeqs = []pair{
	{"SCHTSCH", "w"}, {"SHTCH", "w"}, {"CHTCH", "w"}, {"SZCZ", "w"}, {"SHCH", "w"},
	{"DSCH", "j"}, {"DZH", "j"}, {"DJ", "j"}, // ДЖ: Khodzhaev, Khodjaev, Chodschajew
	{"TSCH", "c"}, {"TCH", "c"}, {"TSH", "c"},
	{"SCH", "w"}, {"SH", "w"}, {"SZ", "w"},
	{"CZ", "c"}, {"CH", "c"}, {"TS", "c"}, {"TC", "c"}, {"TZ", "c"},
	{"ZH", "z"}, {"KH", "h"}, {"GH", "g"}, {"PH", "f"}, {"TH", "t"},
	{"CK", "k"}, {"KS", "x"}, {"QU", "kv"},
	{"GUE", "ge"}, {"GUI", "gi"}, {"GUY", "gi"},
	{"OU", "u"}, {"OO", "u"},
}

// seqsByFirst holds skeletonSeqs by their first letter, longest first.
var seqsByFirst = func() (t [26][]pair) {
	for _, p := range skeletonSeqs {
		t[p.from[0]-'A'] = append(t[p.from[0]-'A'], p)
	}
	return t
}()

// skeletonLetters maps single letters to their class.
var skeletonLetters = [26]byte{
	'a', 'b', 'k', 'd', 'e', 'f', 'g', 'h', 'i', 'i', 'k', 'l', 'm',
	'n', 'o', 'p', 'k', 'r', 's', 't', 'u', 'v', 'v', 'x', 'i', 'z',
}

func isSkelVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// oldEndings are word endings of older Western spellings of Slavic
// surnames and the endings current systems write for them: -OFF and -EFF
// (Smirnoff, Rachmaninoff) for -ОВ and -ЕВ.
var oldEndings = []pair{{"OFF", "OV"}, {"EFF", "EV"}}

// oldEnding rewrites an older spelling's ending as current systems write
// it, keeping at least two letters before it.
func oldEnding(s string) string {
	for _, e := range oldEndings {
		if len(s) >= len(e.from)+2 && strings.HasSuffix(s, e.from) {
			return s[:len(s)-len(e.from)] + e.to
		}
	}
	return s
}

// Skeleton reduces an upper-case ASCII spelling to a canonical phonetic
// skeleton on which the romanisation systems agree: SH, SCH and CH (French)
// merge, as do CH, TCH and TSCH; TS, TC, TZ and soft C; KH and H; Y, J and I;
// X and KS; W and V; OU and U; a glide I before a vowel is dropped (so IA,
// YA and JA all read A, and IE, YE, JE read E); YO after a consonant reads E
// (Fyodor and Fedor agree); doubled letters are single; the older endings
// -OFF and -EFF read -OV and -EV (Ivanoff and Ivanov agree). IVANOVA and
// IVANOV keep distinct skeletons.
//
// Characters other than A-Z are kept as they are, so a token in a script
// without tables is its own skeleton.
func Skeleton(s string) string { return skeleton(s, false) }

// PalatalSkeleton is Skeleton but for a glide I between a consonant and a
// vowel, which it keeps: the soft consonant that Russian writes with Ь or
// a soft vowel letter (Лёня, LENIA) and that Skeleton reads as the hard
// one (Лена, LENA). Glides at the start of a word or after a vowel (YE
// and E, YA and A) are dropped as Skeleton drops them, since spelling
// systems differ in them, and so is the I of a Ё after a consonant.
func PalatalSkeleton(s string) string { return skeleton(s, true) }

// skeleton computes Skeleton, keeping glides after a consonant when
// palatal is set.
func skeleton(s string, palatal bool) string {
	s = oldEnding(s)
	var b []byte
	b = make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < 'A' || c > 'Z' {
			b = append(b, c)
			i++
			continue
		}
		matched := false
		for _, p := range seqsByFirst[c-'A'] {
			if strings.HasPrefix(s[i:], p.from) {
				b = append(b, p.to...)
				i += len(p.from)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if c == 'C' && i+1 < len(s) && (s[i+1] == 'E' || s[i+1] == 'I' || s[i+1] == 'Y') {
			b = append(b, 'c')
		} else {
			b = append(b, skeletonLetters[c-'A'])
		}
		i++
	}
	b = collapse(b)
	// Glides and Ё: drop i before a vowel; i+o after a consonant reads e.
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 'i' && i+1 < len(b) && isSkelVowel(b[i+1]) && b[i+1] != 'i' {
			afterConsonant := i > 0 && !isSkelVowel(b[i-1])
			if b[i+1] == 'o' && afterConsonant {
				out = append(out, 'e')
				i++
				continue
			}
			if !palatal || !afterConsonant {
				continue
			}
		}
		out = append(out, c)
	}
	return string(collapse(out))
}

// collapse makes doubled letters single, in place.
func collapse(b []byte) []byte {
	res := b[:0]
	for i, c := range b {
		if i > 0 && b[i-1] == c {
			continue
		}
		res = append(res, c)
	}
	return res
}
