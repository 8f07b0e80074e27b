package trex

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalizeIdentifier is NormalizeDocumentNumber: the text is composed
// (NFC), a full-width or styled character read as the one it stands for
// (its NFKC form, when that is a single character, so that "№" does not
// become two letters), letters upper-cased, Cyrillic letters transliterated by ISO 9
// (one Latin letter for each Cyrillic one, so that distinct numbers stay
// distinct), letters of other scripts and combining marks kept as they
// are, and only separators, punctuation and symbols dropped. The result is
// composed again, so normalising is idempotent: a normalised number
// normalises to itself.
func normalizeIdentifier(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if r >= 0x80 {
			if n := []rune(norm.NFKC.String(string(r))); len(n) == 1 {
				r = n[0]
			}
		}
		r = unicode.ToUpper(r)
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r):
			// spaces, dashes, MRZ fillers, "№": not part of the number;
			// combining marks are kept, they belong to their letter
		default:
			if t, ok := iso9[r]; ok {
				b.WriteString(t)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return norm.NFC.String(b.String())
}

// iso9 transliterates upper-case Cyrillic letters by ISO 9:1995 (GOST
// 7.79 System A), which is reversible: no two letters share a rendering.
var iso9 = map[rune]string{
	'А': "A", 'Б': "B", 'В': "V", 'Г': "G", 'Д': "D", 'Е': "E", 'Ё': "Ë", 'Ж': "Ž",
	'З': "Z", 'И': "I", 'Й': "J", 'К': "K", 'Л': "L", 'М': "M", 'Н': "N", 'О': "O",
	'П': "P", 'Р': "R", 'С': "S", 'Т': "T", 'У': "U", 'Ф': "F", 'Х': "H", 'Ц': "C",
	'Ч': "Č", 'Ш': "Š", 'Щ': "Ŝ", 'Ъ': "ʺ", 'Ы': "Y", 'Ь': "ʹ", 'Э': "È", 'Ю': "Û",
	'Я': "Â", 'Є': "Ê", 'І': "Ì", 'Ї': "Ï", 'Ґ': "G̀", 'Ў': "Ǔ", 'Ѓ': "Ǵ", 'Ќ': "Ḱ",
	'Ђ': "Đ", 'Ћ': "Ć", 'Љ': "L̂", 'Њ': "N̂", 'Џ': "D̂", 'Ѕ': "Ẑ", 'Ј': "J̌",
}

// DefaultIdentifierKind is the kind of an identifier given without one.
const DefaultIdentifierKind = "national_id"

// Key is the identifier as subject access compares it: kind, issuing
// country and normalised number, so that the same number of another kind
// or another country is another person's. A missing kind is
// DefaultIdentifierKind; a missing country stays empty and matches only an
// identifier whose country is also unknown.
func (id Identifier) Key() string {
	kind := strings.ToLower(strings.TrimSpace(id.Kind))
	if kind == "" {
		kind = DefaultIdentifierKind
	}
	country := strings.ToUpper(strings.TrimSpace(id.Country))
	return kind + ":" + country + ":" + NormalizeDocumentNumber(id.Value)
}

// ParseIdentifier reads an identifier written as KIND:COUNTRY:NUMBER (for
// example "national_id:RU:4509 123456"; COUNTRY may be empty when unknown)
// or as a bare NUMBER, which is a national ID of unknown country. It
// refuses a number that has nothing left after normalisation.
func ParseIdentifier(s string) (Identifier, error) {
	parts := strings.Split(s, ":")
	var id Identifier
	switch len(parts) {
	case 1:
		id = Identifier{Kind: DefaultIdentifierKind, Value: parts[0]}
	case 3:
		id = Identifier{Kind: strings.ToLower(strings.TrimSpace(parts[0])), Country: strings.ToUpper(strings.TrimSpace(parts[1])), Value: parts[2]}
	default:
		return Identifier{}, Errorf(EINVALID, "identifier %q: write KIND:COUNTRY:NUMBER (e.g. national_id:RU:4509 123456) or just the number", s)
	}
	if id.Kind == "" {
		id.Kind = DefaultIdentifierKind
	}
	if !isCountryCode(id.Country) {
		return Identifier{}, Errorf(EINVALID, "identifier %q: country %q is not an ISO 3166 alpha-2 or alpha-3 code", s, id.Country)
	}
	if NormalizeDocumentNumber(id.Value) == "" {
		return Identifier{}, Errorf(EINVALID, "identifier %q: the number is empty", s)
	}
	return id, nil
}

// isCountryCode accepts "" (unknown) and two or three ASCII letters.
func isCountryCode(s string) bool {
	if s == "" {
		return true
	}
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
