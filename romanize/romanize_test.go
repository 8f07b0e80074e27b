package romanize

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(rs []Rendering) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Text)
	}
	return out
}

// TestRenderings checks that every spelling a system in real use gives a
// name is among the renderings of its Cyrillic (or Greek) form.
func TestRenderings(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Чайковский", []string{"CHAIKOVSKII", "CHAYKOVSKIY", "CHAYKOVSKY", "TCHAIKOVSKI", "TSCHAIKOWSKI", "CAJKOVSKIJ"}},
		{"Евгений", []string{"EVGENII", "EVGENIY", "YEVGENIY", "YEVGENY", "EVGUENI", "JEWGENI"}},
		{"Фёдор", []string{"FEDOR", "FYODOR"}},
		{"Алексей", []string{"ALEKSEI", "ALEKSEY", "ALEXEY", "ALEXEJ"}},
		{"Сергей", []string{"SERGEI", "SERGEY", "SERGUEI", "SERGEJ"}},
		{"Цветков", []string{"TSVETKOV", "TCVETKOV", "CVETKOV"}},
		{"Юлия", []string{"IULIIA", "YULIYA", "JULIJA"}},
		{"Щукин", []string{"SHCHUKIN", "CHTCHOUKINE", "SCHTSCHUKIN"}},
		{"Хрущёв", []string{"KHRUSHCHEV", "KHRUSHCHOV", "CHRUSCHTSCHOW", "KHROUCHTCHEV", "CHRUSZCZOW", "JRUSCHOV"}},
		{"Горбачёв", []string{"GORBACHEV", "GORBACHOV", "GORBATCHEV", "GORBATSCHOW", "GORBACZOW"}},
		{"Шостакович", []string{"SHOSTAKOVICH", "CHOSTAKOVITCH", "SCHOSTAKOWITSCH", "SZOSTAKOWICZ", "SOSTAKOVIC"}},
		{"Путин", []string{"PUTIN", "POUTINE"}},
		{"Ельцин", []string{"ELTSIN", "YELTSIN", "JELZIN"}},
		{"Зуев", []string{"ZUEV", "ZUYEV"}},
		{"Объедков", []string{"OBIEEDKOV", "OBEDKOV"}},
		{"Ильин", []string{"ILIN", "ILYIN"}},
		// Ukrainian, official system of 2010.
		{"Олександр", []string{"OLEKSANDR"}},
		{"Григорій", []string{"HRYHORII"}},
		{"Юрій", []string{"YURII"}},
		{"Євген", []string{"YEVHEN"}},
		{"Згурський", []string{"ZGURSKII", "ZGHURSKYI"}},
		{"Ґалаґан", []string{"GALAGAN"}},
		// The Russian form of a Ukrainian name, and the other way round.
		{"Олександр", []string{"OLEKSANDR", "ALEKSANDR"}},
		{"Микола", []string{"MYKOLA", "NIKOLAI", "NIKOLAY"}},
		{"Николай", []string{"NIKOLAI", "MYKOLA"}},
		// Greek (ICAO 9303).
		{"Γεώργιος", []string{"GEORGIOS"}},
		{"Κυριάκος", []string{"KYRIAKOS"}},
		{"Θεόδωρος", []string{"THEODOROS"}},
		// Georgian (upper-casing turns Mkhedruli into Mtavruli) and Armenian.
		{"ბარაკ", []string{"BARAK"}},
		{"Օբամա", []string{"OBAMA"}},
	}
	for _, c := range cases {
		toks := Tokens(c.in)
		if len(toks) != 1 {
			t.Fatalf("Tokens(%q) = %v, want one token", c.in, toks)
		}
		got := texts(Renderings(toks[0]))
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("Renderings(%s) = %v, missing %s", c.in, got, w)
			}
		}
		if got[0] != c.want[0] {
			t.Errorf("Renderings(%s)[0] = %s, want the official %s first", c.in, got[0], c.want[0])
		}
	}
}

// TestICAOCyrillicTable checks the ICAO 9303 Part 3 Cyrillic table letter
// by letter.
func TestICAOCyrillicTable(t *testing.T) {
	want := map[string]string{
		"А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH", "З": "Z",
		"И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R",
		"С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Ш": "SH",
		"Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Э": "E", "Ю": "IU", "Я": "IA", "І": "I", "Ї": "I",
		"Є": "IE", "Ґ": "G", "Ў": "U", "Ђ": "D", "Ѓ": "G", "Ѕ": "DZ", "Ј": "J", "Љ": "LJ",
		"Њ": "NJ", "Ћ": "C", "Ќ": "K", "Џ": "DZ",
	}
	for in, w := range want {
		// Prefix a letter so that word-initial rules of other systems do
		// not apply; ICAO has none.
		got := ICAOText("Б" + in)
		if got != "B"+w {
			t.Errorf("ICAO(%s) = %s, want %s", in, strings.TrimPrefix(got, "B"), w)
		}
	}
}

// TestFoldLatin checks ICAO 9303's folding of Latin letters with
// diacritics, and the plain alternative.
func TestFoldLatin(t *testing.T) {
	cases := []struct{ in, icao, stripped string }{
		{"Müller", "MUELLER", "MULLER"},
		{"Straße", "STRASSE", "STRASSE"},
		{"Øresund", "OERESUND", "ORESUND"},
		{"Åsa", "AASA", "ASA"},
		{"Ærø", "AEROE", "AERO"},
		{"Jäger", "JAEGER", "JAGER"},
		{"Čajkovskij", "CAJKOVSKIJ", "CAJKOVSKIJ"},
		{"François", "FRANCOIS", "FRANCOIS"},
		{"Łukasz", "LUKASZ", "LUKASZ"},
		{"Þór", "THOR", "THOR"},
		{"Erdoğan", "ERDOGAN", "ERDOGAN"},
		{"SMITH", "SMITH", "SMITH"},
	}
	for _, c := range cases {
		icao, stripped := FoldLatin(c.in)
		if icao != c.icao || stripped != c.stripped {
			t.Errorf("FoldLatin(%s) = %s, %s; want %s, %s", c.in, icao, stripped, c.icao, c.stripped)
		}
	}
}

// TestSkeleton checks that spellings of one name under different systems
// share a skeleton, and that different names (including the two gender
// forms of a surname) do not.
// TestPalatalSkeleton holds that the palatal skeleton tells a soft
// consonant from a hard one (Лёня and Лена) but not the spellings of one
// name that differ in a glide at the start or after a vowel, or in the
// letters of a soft sign.
func TestPalatalSkeleton(t *testing.T) {
	same := [][]string{
		{"LENIA", "LENYA", "LYONYA", "LJONJA"},
		{"NATALIA", "NATALYA", "NATALJA", "NATALIIA"},
		{"EVGENII", "YEVGENIY", "JEWGENI"},
		{"IULIA", "YULIA", "JULIA"},
	}
	for _, g := range same {
		for _, s := range g[1:] {
			if a, b := PalatalSkeleton(g[0]), PalatalSkeleton(s); a != b {
				t.Errorf("PalatalSkeleton(%s) = %s, PalatalSkeleton(%s) = %s, want equal", g[0], a, s, b)
			}
		}
	}
	for _, p := range [][2]string{{"LENIA", "LENA"}, {"DARIA", "DARA"}, {"VALERIIA", "VALERA"}} {
		if PalatalSkeleton(p[0]) == PalatalSkeleton(p[1]) {
			t.Errorf("%s and %s share the palatal skeleton %s", p[0], p[1], PalatalSkeleton(p[0]))
		}
		if Skeleton(p[0]) != Skeleton(p[1]) {
			t.Errorf("%s and %s: skeletons %s, %s, want equal (the skeleton drops the glide)", p[0], p[1], Skeleton(p[0]), Skeleton(p[1]))
		}
	}
}

func TestSkeleton(t *testing.T) {
	same := [][]string{
		{"EVGENII", "YEVGENIY", "YEVGENY", "JEWGENI", "EVGUENI", "EVGENIJ"},
		{"FEDOR", "FYODOR", "FIODOR", "FJODOR"},
		{"IULIIA", "YULIYA", "JULIJA", "YULIA", "IOULIA"},
		{"ALEKSEI", "ALEXEY", "ALEKSEY", "ALEXEJ"},
		{"KUZNETSOV", "KUZNETCOV"},
		{"VASILEV", "VASILYEV", "VASILIEV", "VASSILIEV"},
		{"CHAIKOVSKII", "CHAYKOVSKY", "TCHAIKOVSKI", "TSCHAIKOWSKI"},
		{"SHCHUKIN", "CHTCHOUKIN", "SCHTSCHUKIN"},
		{"KHRUSHCHEV", "KHRUSHCHYOV"},
		{"IAKOVLEV", "YAKOVLEV", "JAKOWLEW"},
		{"KHODZHAEV", "KHODJAEV", "HODJAYEV"},
		{"DZHAMAL", "DJAMAL", "DSCHAMAL"},
	}
	for _, group := range same {
		want := Skeleton(group[0])
		for _, s := range group[1:] {
			if got := Skeleton(s); got != want {
				t.Errorf("Skeleton(%s) = %s, Skeleton(%s) = %s; want equal", s, got, group[0], want)
			}
		}
	}
	differ := [][2]string{{"IVANOV", "IVANOVA"}, {"PETROV", "PETROVA"}, {"OSTROVSKII", "OSTROVSKAIA"}, {"IVANOV", "IVANCOV"}, {"SERGEI", "SEMEN"}}
	for _, d := range differ {
		if Skeleton(d[0]) == Skeleton(d[1]) {
			t.Errorf("Skeleton(%s) == Skeleton(%s) = %s; want different", d[0], d[1], Skeleton(d[0]))
		}
	}
}

func TestTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Ol3g Sm1rnov", []string{"OLEG", "SMIRNOV"}},
		{"O'Brien", []string{"OBRIEN"}},
		{"Jean-Claude  JUNCKER", []string{"JEAN", "CLAUDE", "JUNCKER"}},
		{"SMITH<<JOHN<PAUL", []string{"SMITH", "JOHN", "PAUL"}},
		{"Putin, Vladimir", []string{"PUTIN", "VLADIMIR"}},
		{"Римский-Корсаков", []string{"РИМСКИЙ", "КОРСАКОВ"}},
		{"  ", nil},
		{"12345", nil},
		{"नरेन्द्र", []string{"नरेन्द्र"}},
	}
	for _, c := range cases {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzTokens checks the normaliser on arbitrary input: no panics, tokens
// are non-empty upper-case words without separators, tokenising is
// idempotent, and every token has a non-empty rendering and skeleton.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Ivanov Sergei", "Иванов Сергей Петрович", "Müller-Lüdenscheidt", "O'Brien, Seán", "SMITH<<JOHN", "Ig0r", "Κυριάκος", "محمد بن سلمان", "習近平", "\x00\xff", "Ǆemal ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		for _, tok := range toks {
			if tok == "" || strings.ContainsAny(tok, " -,.<'") || !utf8.ValidString(tok) {
				t.Fatalf("Tokens(%q) gave bad token %q", s, tok)
			}
			rs := Renderings(tok)
			if len(rs) == 0 {
				t.Fatalf("Renderings(%q) is empty", tok)
			}
			for _, r := range rs {
				if r.Text == "" && ScriptOf(tok) == ScriptLatin {
					t.Fatalf("Renderings(%q) holds an empty text", tok)
				}
				_ = Skeleton(r.Text)
			}
		}
		if again := Tokens(strings.Join(toks, " ")); !slices.Equal(again, toks) {
			t.Fatalf("Tokens is not idempotent: %q → %q → %q", s, toks, again)
		}
	})
}

func TestICAOName(t *testing.T) {
	for in, want := range map[string]string{"Ерёмин": "EREMIN", "Анна Мария": "ANNA MARIIA", "Щукин  Юрий": "SHCHUKIN IURII"} {
		if got := ICAOName(in); got != want {
			t.Errorf("ICAOName(%q) = %q, want %q", in, got, want)
		}
	}
}
