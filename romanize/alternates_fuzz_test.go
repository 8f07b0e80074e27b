package romanize

import (
	"strings"
	"testing"
	"unicode"
)

// checkAlternates holds the properties of Alternates and OriginKeys on
// any token: no empty reading; keys in lower-case ASCII (or an Armenian
// key's mark) so that they never equal a rendering; readings other than
// keys without Cyrillic letters; and output that grows with the token at
// most linearly, so that a long name costs no more than its length.
func checkAlternates(t *testing.T, tok string) {
	t.Helper()
	total := 0
	for _, r := range Alternates(tok, nil) {
		if r.Text == "" {
			t.Fatalf("Alternates(%q) holds an empty reading under %s", tok, r.System)
		}
		total += len(r.Text)
		if r.System == ForeignOrigin {
			k := strings.TrimPrefix(r.Text, armenianKeyPrefix)
			if strings.ToLower(k) != k || strings.IndexFunc(k, func(c rune) bool { return c > unicode.MaxASCII }) >= 0 {
				t.Fatalf("Alternates(%q): key %q is not lower-case ASCII", tok, r.Text)
			}
			continue
		}
		if ScriptOf(tok) == ScriptCyrillic && strings.IndexFunc(r.Text, func(c rune) bool { return unicode.Is(unicode.Cyrillic, c) }) >= 0 &&
			strings.IndexFunc(tok, func(c rune) bool {
				return unicode.Is(unicode.Cyrillic, c) && !strings.ContainsRune(cyrLetters, unicode.ToLower(c))
			}) < 0 {
			t.Fatalf("Alternates(%q): reading %q under %s keeps a Cyrillic letter", tok, r.Text, r.System)
		}
	}
	if limit := 64*len(tok) + 64; total > limit {
		t.Fatalf("Alternates of a %d-byte token hold %d bytes, want at most %d", len(tok), total, limit)
	}
}

// cyrLetters are the Cyrillic letters every reading knows.
const cyrLetters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

// FuzzAlternates checks checkAlternates on arbitrary names.
func FuzzAlternates(f *testing.F) {
	for _, s := range []string{"Козлов Сергей", "Wiśniewski Krzysztof", "Hovhannisyan Акопян", "Ђорђевић", "Дзмітрый",
		"Gonçalves João", "Kovács György", "Schouten Gijs", "Майкл", "Иванов", "ДЕДЕДЕДЕ", "ĄĄĄĄ", "YANYANYAN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		for _, tok := range Tokens(s) {
			checkAlternates(t, tok)
		}
	})
}

// TestAlternatesOfLongNames feeds the readings the longest names a check
// admits, built from the letter groups each rule set rewrites most: the
// output stays linear in the input.
func TestAlternatesOfLongNames(t *testing.T) {
	for _, unit := range []string{"де", "ть", "дж", "ян", "ов", "Ą", "SZCZ", "OAO", "GH", "ЙЙ", "IJ"} {
		tok := Tokens(strings.Repeat(unit, 4096/len(unit)))
		if len(tok) != 1 {
			t.Fatalf("%q repeated: tokens %d", unit, len(tok))
		}
		checkAlternates(t, tok[0])
	}
}
