package romanize

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// Each way of writing a name that displays like the plain spelling must
// yield the plain spelling's tokens.
func TestTokensFoldEvasions(t *testing.T) {
	for _, c := range []struct{ class, in, want string }{
		{"fullwidth", "ＫＲＡＶＥＴＳ Ｄｍｉｔｒｉｙ", "KRAVETS DMITRIY"},
		{"mathematical bold", "𝐊𝐑𝐀𝐕𝐄𝐓𝐒 𝐃𝐦𝐢𝐭𝐫𝐢𝐲", "KRAVETS DMITRIY"},
		{"mathematical script", "𝒦𝑅𝒜𝒱ℰ𝒯𝒮", "KRAVETS"},
		{"Hangul filler U+3164", "KRA\u3164VETS", "KRAVETS"},
		{"Hangul choseong filler U+115F", "KRAV\u115FETS", "KRAVETS"},
		{"Hangul jungseong filler U+1160", "K\u1160RAVETS", "KRAVETS"},
		{"halfwidth Hangul filler U+FFA0", "KRAVET\uFFA0S", "KRAVETS"},
		{"zero-width space and joiners", "KRA\u200bVE\u2060TS\ufeff", "KRAVETS"},
		{"soft hyphen", "KRA\u00adVETS", "KRAVETS"},
		{"Cherokee look-alikes", "ᏦᏒᎪᏙᎬᎢᏚ", "KRAVETS"},
		{"Cherokee small letters", "ꮶꮢꭺꮩꭼꭲꮪ", "KRAVETS"},
		{"Cherokee mixed into Latin", "KRᎪVᎬTS", "KRAVETS"},
		{"Lisu look-alikes", "ꓗꓣꓮꓦꓰꓔꓢ", "KRAVETS"},
		{"Cyrillic letters in a Latin name", "KRАVЕTS", "KRAVETS"},
		{"Greek letters in a Latin name", "ΚRAVΕTS", "KRAVETS"},
		{"Latin letters in a Cyrillic name", "KPABEЦ", "КРАВЕЦ"},
		{"Latin letters in a Cyrillic name, lower case", "Кpавeц", "КРАВЕЦ"},
		{"small capitals", "ᴋʀᴀᴠᴇᴛꜱ", "KRAVETS"},
		{"Cherokee with a letter of no look-alike", "ᏦᏒᎪᏙᎬᎢᏚᏣ", "KRAVETSᏣ"},
	} {
		got := Tokens(c.in)
		want := Tokens(c.want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: Tokens(%q) = %q, want %q", c.class, c.in, got, want)
		}
	}
}

// Names written wholly in one script of their own are not folded.
func TestTokensKeepSingleScriptNames(t *testing.T) {
	for _, in := range []string{"ВАСЯ", "Кравец", "ΑΘΗΝΑ", "Օհան", "김민준", "MÜLLER"} {
		got := Tokens(in)
		if want := strings.ToUpper(in); len(got) != 1 || got[0] != want {
			t.Errorf("Tokens(%q) = %q, want [%q]", in, got, want)
		}
	}
}

// The table of default-ignorable code points agrees with the property as
// the standard derives it from Go's Unicode tables (the unassigned code
// points the standard reserves as ignorable aside).
func TestDefaultIgnorableTable(t *testing.T) {
	for c := rune(0); c <= unicode.MaxRune; c++ {
		derived := derivedDefaultIgnorable(c)
		if derived && !isDefaultIgnorable(c) {
			t.Errorf("U+%04X is default-ignorable but not in the table", c)
		}
		if !derived && isDefaultIgnorable(c) && unicode.In(c, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.C) && !unicode.Is(unicode.Co, c) && !unicode.Is(unicode.Cs, c) {
			t.Errorf("U+%04X is in the table but not default-ignorable", c)
		}
	}
}

// derivedDefaultIgnorable derives the property from Go's Unicode tables,
// as the standard defines it.
func derivedDefaultIgnorable(c rune) bool {
	if unicode.Is(unicode.White_Space, c) || unicode.Is(unicode.Prepended_Concatenation_Mark, c) ||
		(c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0x13430 && c <= 0x1343F) {
		return false
	}
	return unicode.Is(unicode.Other_Default_Ignorable_Code_Point, c) || unicode.Is(unicode.Variation_Selector, c) ||
		unicode.Is(unicode.Cf, c)
}
