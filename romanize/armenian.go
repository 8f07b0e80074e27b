package romanize

import "strings"

// Armenian surnames. Registers hold them in the Russian forms that
// Russian transcription of Armenian made (Акопян, Саркисян, Ованесян),
// which drop the H Armenian writes (Hakobyan), write voiced consonants
// voiceless (Акоп, Hakob), insert a vowel into consonant clusters
// (Саркисян, Sargsyan) and shift E and I; passports spell the Armenian
// form (HAKOBYAN, SARGSYAN, HOVHANNISYAN). armenianKey reduces both to the
// sounds they agree on: consonants with voicing merged, H and glides
// dropped, A, O, U kept, E and I dropped. It is taken only of words with
// the Armenian patronymic ending -ЯН (-YAN, -IAN), where the reduction
// does not meet the surnames of other languages.

// armenianKeyPrefix marks an Armenian key, so that it never equals the
// key of another language.
const armenianKeyPrefix = "="

var armenianCyrKey = map[rune]string{
	'а': "a", 'б': "p", 'в': "v", 'г': "k", 'д': "t", 'ж': "j", 'з': "s", 'к': "k", 'л': "l",
	'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f",
	'ц': "c", 'ч': "q", 'ш': "w", 'щ': "w", 'ю': "u", 'я': "a", 'ё': "o",
	// Dropped: е, и, й, ы, э, ь, ъ, х (the H sounds).
}

// armenianLatinSeqs are the Latin letter groups of the Armenian national
// romanisation, reduced as armenianCyrKey reduces the Russian letters.
var armenianLatinSeqs = []pair{
	{"KH", ""}, {"GH", "k"}, {"ZH", "j"}, {"SH", "w"}, {"CH", "q"}, {"TS", "c"}, {"DZ", "c"},
	{"J", "q"}, {"B", "p"}, {"G", "k"}, {"D", "t"}, {"Z", "s"}, {"W", "v"}, {"Q", "k"},
	{"C", "c"}, {"H", ""}, {"Y", ""}, {"E", ""}, {"I", ""}, {"X", ""},
}

// armenianSurname reports whether an upper-case word ends as Armenian
// surnames do.
func armenianSurname(w string) bool {
	for _, e := range []string{"ЯН", "ЯНЦ", "YAN", "IAN", "JAN", "YANTS", "IANTS"} {
		if strings.HasSuffix(w, e) && len(w) > len(e)+2 {
			return true
		}
	}
	return false
}

// armenianKey is the key of an upper-case Armenian surname in Cyrillic or
// Latin (folded to ASCII), or "" for a word with other letters.
func armenianKey(w string) string {
	var b strings.Builder
	if ScriptOf(w) == ScriptCyrillic {
		// ДЖ is the one sound J.
		for _, c := range strings.ReplaceAll(strings.ToLower(w), "дж", "ч") {
			k, ok := armenianCyrKey[c]
			if !ok && !strings.ContainsRune("еийыэьъх", c) {
				return ""
			}
			b.WriteString(k)
		}
	} else {
	outer:
		for i := 0; i < len(w); {
			for _, s := range armenianLatinSeqs {
				if strings.HasPrefix(w[i:], s.from) {
					b.WriteString(s.to)
					i += len(s.from)
					continue outer
				}
			}
			if c := w[i]; c < 'A' || c > 'Z' {
				return ""
			}
			b.WriteByte(w[i] + 'a' - 'A')
			i++
		}
	}
	k := b.String()
	out := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		if n := len(out); n > 0 && out[n-1] == k[i] {
			continue
		}
		out = append(out, k[i])
	}
	return armenianKeyPrefix + string(out)
}
