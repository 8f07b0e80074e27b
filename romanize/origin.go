package romanize

import "strings"

// Phonetic keys for names of foreign origin held in Cyrillic. Russian
// writes a German, French, English, Italian, Spanish, Portuguese,
// Hungarian, Polish or Dutch name by the practical transcription
// conventions of that language (Schmidt → Шмидт, Leroy → Леруа, Giordano
// → Джордано, Jiménez → Хименес, Santos → Сантуш, Kovács → Ковач), that is by
// sound, and no letter table reverses that: silent letters vanish and
// letter groups become one sound. OriginKeys reduces both sides to one
// key: a Cyrillic word letter by letter, and a Latin word by the
// conventions of each source language, as Russian would write it. The
// keys are lower-case ASCII (ж j, ц c, ч q, ш and щ w), so that they
// never equal a rendering.

// keyCtx restricts where a key rule applies.
type keyCtx uint8

const (
	anywhere     keyCtx = iota
	atStart             // at the start of the word
	atEnd               // at the end of the word
	beforeFront         // before E, I or Y
	beforeVowel         // before a vowel
	afterVowel          // after a vowel
	betweenVowel        // between two vowels
	notBeforeVow        // before a consonant or at the end
)

// keyRule rewrites from (upper-case Latin) as to in the context at.
type keyRule struct {
	from, to string
	at       keyCtx
}

// romanisedSlavic are the letter groups of romanised Slavic names; every
// language reads them as they are meant, so that ZHAROV keeps its Ж.
var romanisedSlavic = []keyRule{{"SHCH", "w", anywhere}, {"ZH", "j", anywhere}, {"KH", "h", anywhere}, {"SH", "w", anywhere}}

var germanKey = []keyRule{
	{"STEIN", "wtein", atEnd}, {"SON", "son", atEnd}, {"SB", "zb", anywhere},
	{"TSCH", "q", anywhere}, {"SCH", "w", anywhere}, {"CHS", "ks", anywhere}, {"CH", "h", anywhere},
	{"CK", "k", anywhere}, {"TZ", "c", anywhere}, {"Z", "c", anywhere}, {"PH", "f", anywhere},
	{"TH", "t", anywhere}, {"QU", "kv", anywhere}, {"SP", "wp", atStart}, {"ST", "wt", atStart},
	{"S", "z", beforeVowel}, {"AEU", "oi", anywhere}, {"EI", "ai", anywhere}, {"EY", "ai", anywhere},
	{"EU", "oi", anywhere}, {"IE", "i", anywhere}, {"AE", "e", anywhere}, {"OE", "e", anywhere},
	{"UE", "u", anywhere}, {"J", "i", anywhere}, {"V", "f", anywhere}, {"W", "v", anywhere},
	{"H", "", afterVowel}, {"C", "c", beforeFront},
}

var frenchKey = []keyRule{
	{"EAUX", "o", atEnd}, {"EAU", "o", anywhere}, {"AULT", "o", atEnd}, {"AUX", "o", atEnd},
	{"AU", "o", anywhere}, {"OEU", "e", anywhere}, {"OU", "u", anywhere}, {"OI", "ua", anywhere},
	{"OY", "ua", anywhere}, {"AIN", "en", notBeforeVow}, {"EIN", "en", notBeforeVow},
	{"IN", "en", notBeforeVow}, {"AI", "e", anywhere}, {"EI", "e", anywhere}, {"AY", "e", anywhere},
	{"EU", "e", anywhere},
	{"EAN", "an", anywhere}, {"IER", "ie", atEnd}, {"ENT", "an", atEnd}, {"ER", "e", atEnd},
	{"ET", "e", atEnd}, {"EZ", "e", atEnd}, {"ES", "", atEnd}, {"BV", "v", anywhere},
	{"ILL", "ii", beforeVowel}, {"CH", "w", anywhere}, {"GN", "n", anywhere}, {"QU", "k", anywhere},
	{"GU", "g", beforeFront}, {"G", "j", beforeFront}, {"C", "s", beforeFront}, {"PH", "f", anywhere},
	{"TH", "t", anywhere}, {"S", "z", betweenVowel}, {"H", "", anywhere}, {"W", "v", anywhere},
	{"J", "j", anywhere}, {"T", "", atEnd}, {"D", "", atEnd}, {"S", "", atEnd}, {"X", "", atEnd},
	{"Z", "", atEnd}, {"P", "", atEnd}, {"E", "", atEnd},
}

var englishKey = []keyRule{
	{"TCH", "tq", anywhere}, {"OUNG", "ang", anywhere}, {"UR", "er", notBeforeVow}, {"ALK", "ok", anywhere}, {"EW", "iu", anywhere}, {"CH", "q", anywhere}, {"SH", "w", anywhere}, {"TH", "t", anywhere},
	{"PH", "f", anywhere}, {"CK", "k", anywhere}, {"WH", "u", atStart}, {"WR", "r", atStart},
	{"KN", "n", atStart}, {"IGH", "ai", anywhere}, {"GH", "", anywhere}, {"ALL", "ol", anywhere},
	{"OW", "au", notBeforeVow}, {"OU", "au", anywhere}, {"OO", "u", anywhere}, {"EE", "i", anywhere},
	{"EA", "i", anywhere}, {"AY", "ei", anywhere}, {"AI", "ei", anywhere}, {"W", "u", atStart},
	{"W", "", afterVowel}, {"W", "u", anywhere}, {"J", "dj", anywhere}, {"C", "s", beforeFront},
	{"QU", "kv", anywhere}, {"Y", "i", atEnd}, {"ES", "s", atEnd}, {"E", "", atEnd},
	{"H", "", afterVowel},
}

var italianKey = []keyRule{
	{"SCH", "sk", anywhere}, {"SC", "w", beforeFront}, {"CCH", "k", anywhere}, {"CH", "k", anywhere},
	{"GH", "g", anywhere}, {"GU", "gv", beforeVowel}, {"CC", "q", beforeFront}, {"C", "q", beforeFront}, {"GG", "dj", beforeFront},
	{"G", "dj", beforeFront}, {"GLI", "l", anywhere}, {"GN", "n", anywhere}, {"QU", "kv", anywhere},
	{"ZZ", "c", anywhere}, {"Z", "c", anywhere}, {"S", "z", betweenVowel}, {"H", "", anywhere},
	{"J", "i", anywhere},
}

// portugueseKey follows the Russian transcription of European
// Portuguese: S before a consonant or at the end is Ш, a final O is У and
// a final E is И or dropped, LH and NH are ЛЬ and НЬ, ÃO is АН (folded
// to AO), J and G before E, I are Ж.
var portugueseKey = []keyRule{
	{"LH", "li", anywhere}, {"NH", "ni", anywhere}, {"CH", "w", anywhere}, {"QU", "k", anywhere},
	{"GU", "g", beforeFront}, {"G", "j", beforeFront}, {"J", "j", anywhere}, {"C", "s", beforeFront},
	{"OAO", "uan", atEnd}, {"AO", "an", atEnd}, {"OA", "ua", anywhere}, {"OS", "uw", atEnd}, {"ES", "ew", atEnd},
	{"IM", "in", atEnd}, {"S", "w", notBeforeVow}, {"S", "z", betweenVowel}, {"O", "u", atEnd},
	{"X", "w", anywhere}, {"H", "", anywhere}, {"Z", "z", anywhere},
}

// hungarianKey follows the Russian transcription of Hungarian: SZ С, S
// Ш, ZS Ж, CS Ч, C Ц, GY ДЬ, NY НЬ, TY ТЬ, LY Й, and an H after a
// consonant or a vowel at the end of a name (TH, GH) silent.
var hungarianKey = []keyRule{
	{"SZ", "s", anywhere}, {"ZS", "j", anywhere}, {"CS", "q", anywhere}, {"CZ", "c", anywhere},
	{"GY", "d", anywhere}, {"NY", "n", anywhere}, {"TY", "t", anywhere}, {"LY", "i", anywhere},
	{"TH", "t", anywhere}, {"GH", "g", anywhere}, {"S", "w", anywhere}, {"C", "c", anywhere},
	{"J", "i", anywhere}, {"OE", "e", anywhere}, {"UE", "u", anywhere},
}

// hungarianSpelling keeps a word that has a letter group only Hungarian
// spelling uses (SZ, ZS, CS, GY, NY, LY, TY, a final TH, GH or SS) and
// drops any other: a romanised Russian name (SASHA) read as Hungarian
// would only look like another name.
func hungarianSpelling(w string) string {
	for _, g := range []string{"SZ", "ZS", "CS", "GY", "NY", "LY", "TY"} {
		if strings.Contains(w, g) {
			return w
		}
	}
	for _, g := range []string{"TH", "GH", "SS"} {
		if strings.HasSuffix(w, g) {
			return w
		}
	}
	return ""
}

// yiddishKey reads a German or Yiddish name as the Russian tradition for
// Yiddish names writes it: EI and EY as ЕЙ (Хейфец, Эйзенберг).
var yiddishKey = withKeyRules(germanKey, keyRule{"EI", "ei", anywhere}, keyRule{"EY", "ei", anywhere})

// oldGermanKey reads a German or Yiddish name as the older Russian
// tradition writes it: H at the start as Г, EI as ЕЙ (Гейне, Гофман,
// Горовиц, Гирш).
var oldGermanKey = append([]keyRule{{"H", "g", atStart}}, yiddishKey...)

// withKeyRules returns rules with the rules for the same letters and
// context replaced by repl.
func withKeyRules(rules []keyRule, repl ...keyRule) []keyRule {
	out := make([]keyRule, 0, len(rules))
	for _, r := range rules {
		for _, n := range repl {
			if n.from == r.from && n.at == r.at {
				r = n
			}
		}
		out = append(out, r)
	}
	return out
}

// italianKeyDZ reads the Italian Z as the voiced ДЗ that Russian writes
// in some names (Mazzini, Мадзини; Zeffirelli, Дзеффирелли).
var italianKeyDZ = func() []keyRule {
	out := []keyRule{{"ZZ", "dz", anywhere}, {"Z", "dz", anywhere}}
	for _, r := range italianKey {
		if r.from != "ZZ" && r.from != "Z" {
			out = append(out, r)
		}
	}
	return out
}()

var spanishKey = []keyRule{
	{"CH", "q", anywhere}, {"LL", "li", anywhere}, {"QU", "k", anywhere}, {"GU", "g", beforeFront},
	{"G", "h", beforeFront}, {"J", "h", anywhere}, {"C", "s", beforeFront}, {"Z", "s", anywhere},
	{"H", "", anywhere}, {"W", "u", anywhere},
}

// originLanguage is one source language: how its words are prepared and
// its rules.
type originLanguage struct {
	prepare func(string) string // nil: as they are
	rules   []keyRule
	icao    bool // read the ICAO folding (Ö as OE), not the letters stripped
}

// originLanguages are the source languages whose conventions OriginKeys
// reverses (Polish, whose letters need their marks, is read apart). German
// and Hungarian read the ICAO folding: Russian writes their Ä, Ö and Ü as
// Е, Ё and Ю.
var originLanguages = []originLanguage{{nil, germanKey, true}, {nil, yiddishKey, true},
	{nil, oldGermanKey, true}, {nil, frenchKey, false},
	{englishMagicE, englishKey, false}, {nil, italianKey, false}, {nil, italianKeyDZ, false},
	{nil, spanishKey, false}, {nil, portugueseKey, false}, {hungarianSpelling, hungarianKey, true},
	{dutchSpelling, dutchKey, false}}

// englishMagicE rewrites an English A or I before one consonant and a
// final silent E (James, Blake, Kate; White, Pike) as the diphthong
// Russian writes ЕЙ or АЙ.
func englishMagicE(w string) string {
	n := len(w)
	for _, end := range []string{"E", "ES"} {
		i := n - len(end) - 2 // the A or I
		if i < 1 || !strings.HasSuffix(w, end) || isLatinVowel(w[i+1]) || w[i+1] == 'W' {
			continue
		}
		switch {
		case w[i] == 'A':
			return w[:i] + "AY" + w[i+1:]
		case w[i] == 'I' && !isLatinVowel(w[i-1]):
			return w[:i] + "IGH" + w[i+1:]
		}
	}
	return w
}

// keyLetters is the default key of each Latin letter.
var keyLetters = [26]string{
	"a", "b", "k", "d", "e", "f", "g", "h", "i", "i", "k", "l", "m",
	"n", "o", "p", "k", "r", "s", "t", "u", "v", "v", "ks", "i", "z",
}

// cyrKey is the key of each Cyrillic letter.
var cyrKey = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "j", 'з': "z",
	'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "q", 'ш': "w", 'щ': "w",
	'ъ': "", 'ы': "i", 'ь': "", 'э': "e", 'ю': "u", 'я': "a",
}

func isLatinVowel(c byte) bool {
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y'
}

// latinKey is the key of an upper-case ASCII word under one language's
// rules.
func latinKey(w string, lang []keyRule) string {
	var b strings.Builder
	for i := 0; i < len(w); {
		done := false
		for _, rs := range [2][]keyRule{romanisedSlavic, lang} {
			for _, r := range rs {
				if !strings.HasPrefix(w[i:], r.from) {
					continue
				}
				end := i + len(r.from)
				ok := true
				switch r.at {
				case atStart:
					ok = i == 0
				case atEnd:
					ok = end == len(w) && i > 0
				case beforeFront:
					ok = end < len(w) && (w[end] == 'E' || w[end] == 'I' || w[end] == 'Y')
				case beforeVowel:
					ok = end < len(w) && isLatinVowel(w[end])
				case afterVowel:
					ok = i > 0 && isLatinVowel(w[i-1])
				case betweenVowel:
					ok = i > 0 && isLatinVowel(w[i-1]) && end < len(w) && isLatinVowel(w[end])
				case notBeforeVow:
					ok = end == len(w) || !isLatinVowel(w[end])
				}
				if ok {
					b.WriteString(r.to)
					i = end
					done = true
					break
				}
			}
			if done {
				break
			}
		}
		if !done {
			if c := w[i]; c >= 'A' && c <= 'Z' {
				b.WriteString(keyLetters[c-'A'])
			}
			i++
		}
	}
	return settleKey(b.String())
}

// settleKey drops a glide i before a vowel and makes doubled letters
// single, as Russian spelling and its transcription both blur them.
func settleKey(k string) string {
	out := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == 'i' && i+1 < len(k) && strings.IndexByte("aeou", k[i+1]) >= 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// minKeyLen is the shortest key compared: shorter ones say too little.
const minKeyLen = 3

// slavicEndings are endings of East Slavic surnames and patronymics, in
// Latin renderings and in Cyrillic. A word that ends in one is not of
// foreign origin: its romanisations compare it, and a foreign-language
// reading of its letters (CHERNOV read as Italian) would only make it
// look like another name.
var slavicEndings = []string{
	"OV", "EV", "OVA", "EVA", "INA", "YN", "YNA", "SKII", "SKIY", "SKY", "SKI", "SKAIA", "SKAYA",
	"SKAJA", "ENKO", "UK", "YUK", "IUK", "VICH", "VNA", "OFF", "EFF",
	"ОВ", "ЕВ", "ЁВ", "ОВА", "ЕВА", "ЁВА", "ИНА", "ЫН", "ЫНА", "СКИЙ", "СКАЯ", "ЦКИЙ",
	"ЦКАЯ", "ЕНКО", "УК", "ЮК", "ВИЧ", "ВНА",
}

// slavicEnding reports whether an upper-case word ends like an East
// Slavic surname or patronymic.
func slavicEnding(w string) bool {
	for _, e := range slavicEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// OriginKeys returns the phonetic keys of a name token (as Tokens returns
// it): for a Latin word one per source language (German, French, English,
// Italian, Spanish, Portuguese, Hungarian, Polish, Dutch) as Russian
// practical transcription would write it, for a Russian Cyrillic word the
// key of its letters. A Latin and a Cyrillic word that share a key are
// the same name, transcribed. Words in other scripts and keys shorter
// than three letters yield none, as do words with East Slavic endings
// (-OV, -ИН, -ENKO, ...) but for adjectival surnames (-SKI, -СКИЙ), which
// yield only their Polish key; an Armenian surname (-ЯН, -YAN) also
// yields its Armenian key (see armenianKey).
func OriginKeys(token string) []string {
	upper := strings.ToUpper(token)
	// A word with an East Slavic ending has no key, but for an adjectival
	// surname, read only as Polish, a Slavic language whose spelling
	// Russian transcribes letter group by letter group (Wiśniewski,
	// Вишневский). Keys of every Russian surname would make the keys'
	// bits (see package screening) meet too often to sort pairs.
	polishOnly := false
	if slavicEnding(upper) {
		if !polishAdjectival(upper) {
			return nil
		}
		polishOnly = true
	}
	var out []string
	add := func(k string) {
		if len(k) >= minKeyLen && !containsString(out, k) {
			out = append(out, k)
		}
	}
	switch ScriptOf(token) {
	case ScriptLatin:
		if _, pl := FoldLatin(polishLetters(upper)); IsASCIIUpper(pl) {
			add(latinKey(pl, polishKey))
		}
		if polishOnly {
			return out
		}
		if armenianSurname(upper) {
			if _, w := FoldLatin(upper); IsASCIIUpper(w) {
				add(armenianKey(w))
			}
		}
		// Ç is S in the languages whose names reach Russian this way.
		icao, w := FoldLatin(strings.ReplaceAll(upper, "Ç", "S"))
		if !IsASCIIUpper(w) {
			return out
		}
		for _, lang := range originLanguages {
			v := w
			if lang.icao && IsASCIIUpper(icao) {
				v = icao
			}
			if lang.prepare != nil {
				v = lang.prepare(v)
			}
			add(latinKey(v, lang.rules))
		}
	case ScriptCyrillic:
		if armenianSurname(upper) {
			add(armenianKey(upper))
		}
		var b strings.Builder
		for _, c := range strings.ToLower(token) {
			k, ok := cyrKey[c]
			if !ok {
				return out // a letter Russian transcription does not use
			}
			b.WriteString(k)
		}
		add(settleKey(b.String()))
	}
	return out
}
