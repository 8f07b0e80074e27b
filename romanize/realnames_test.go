package romanize

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// renderingsUnder returns the texts of rs under sys.
func renderingsUnder(rs []Rendering, sys System) []string {
	var out []string
	for _, r := range rs {
		if r.System == sys {
			out = append(out, r.Text)
		}
	}
	return out
}

// TestCentralAsianCyrillic checks that names written with the letters of
// the Kazakh, Kyrgyz, Uzbek, Tajik, Mongolian, Bashkir, Tatar and
// Azerbaijani Cyrillic alphabets are rendered as those states' passports
// and national Latin alphabets write them, and that no rendering keeps a
// Cyrillic letter.
func TestCentralAsianCyrillic(t *testing.T) {
	cases := []struct {
		in   string
		sys  System
		want string
	}{
		{"Раҳмонов", ICAO, "RAHMONOV"},        // Tajik Ҳ
		{"Ҷӯраев", ICAO, "JURAEV"},            // Tajik Ҷ, Ӯ
		{"Ғафуров", Tajik, "GHAFUROV"},        // Tajik Ғ
		{"Қодиров", Tajik, "QODIROV"},         // Tajik Қ
		{"Нұрғали", ICAO, "NURGALI"},          // Kazakh Ұ, Ғ
		{"Қасымов", ICAO, "KASYMOV"},          // Kazakh passports: Қ K
		{"Қасымов", Kazakh, "QASYMOV"},        // Kazakh Latin 2021: Q
		{"Шәкәрім", Kazakh, "SAKARIM"},        // Ş, Ä folded
		{"Өмүрбеков", ICAO, "OMURBEKOV"},      // Kyrgyz Ө, Ү
		{"Теңизбаев", ICAO, "TENIZBAEV"},      // Kyrgyz Ң
		{"Ўринбоев", Uzbek, "ORINBOYEV"},      // Uzbek Ў (Oʻ)
		{"Хўжаев", Uzbek, "XOJAYEV"},          // Uzbek Х X, Ж J
		{"Мөнхбат", Mongolian, "MUNKHBAT"},    // Mongolian passports: Ө U
		{"Мөнхбат", Mongolian, "MONKHBAT"},    // MNS 5217: Ö
		{"Һадиев", ICAO, "HADIEV"},            // Bashkir and Tatar Һ
		{"Җәлилов", Tatar, "CALILOV"},         // Tatar Latin Җ C, Ә Ä
		{"Әлијев", Azerbaijani, "ALIYEV"},     // Azerbaijani Cyrillic Ә, Ј
		{"Һүсејнов", Azerbaijani, "HUSEYNOV"}, // Һ, Ү, Ј
		{"Ҝүлнарә", Azerbaijani, "GULNARA"},   // Ҝ
		{"Гурбанов", ICAO, "GURBANOV"},        // no national letter: read as Russian
	}
	for _, c := range cases {
		toks := Tokens(c.in)
		if len(toks) != 1 {
			t.Fatalf("Tokens(%q) = %q", c.in, toks)
		}
		rs := Renderings(toks[0])
		if !slices.Contains(texts(rs), c.want) {
			t.Errorf("%s: renderings %q, want %s (%s)", c.in, texts(rs), c.want, c.sys)
		}
		for _, r := range rs {
			for _, ch := range r.Text {
				if unicode.Is(unicode.Cyrillic, ch) {
					t.Errorf("%s: rendering %s under %s keeps a Cyrillic letter", c.in, r.Text, r.System)
				}
			}
		}
	}
	// The national Latin alphabets fold as the machine-readable zone
	// writes them.
	for in, want := range map[string]string{"Məmmədov": "MAMMADOV", "Şaimerdenov": "SAIMERDENOV",
		"Ýazmyradow": "YAZMYRADOW", "Ňurberdi": "NURBERDI", "Äbilqaiyr": "ABILQAIYR", "Ūlbosyn": "ULBOSYN",
		"İsmayılov": "ISMAYILOV"} {
		toks := Tokens(in)
		if len(toks) != 1 || !slices.Contains(texts(Renderings(toks[0])), want) {
			t.Errorf("%s: tokens %q, renderings %q, want %s", in, toks, texts(Renderings(toks[0])), want)
		}
	}
	// Uzbek Oʻ and Gʻ are one word whichever mark the writer had.
	for _, in := range []string{"Oʻrinboyev", "O‘rinboyev", "O'rinboyev", "O’rinboyev"} {
		if got := Tokens(in); len(got) != 1 || got[0] != "ORINBOYEV" {
			t.Errorf("Tokens(%q) = %q, want [ORINBOYEV]", in, got)
		}
	}
}

// TestBulgarianSystem checks the official Bulgarian system on words only
// Bulgarian writes so (Ъ, Щ), and that Russian words are left to the
// Russian systems.
func TestBulgarianSystem(t *testing.T) {
	for in, want := range map[string]string{"Петър": "PETAR", "Щерев": "SHTEREV", "Ъглев": "AGLEV", "Христо": ""} {
		got := renderingsUnder(Renderings(Tokens(in)[0]), Bulgarian)
		if want == "" && len(got) > 0 || want != "" && !slices.Contains(got, want) {
			t.Errorf("%s: Bulgarian renderings %q, want %q", in, got, want)
		}
	}
	if got := renderingsUnder(Renderings("ОБЪЁМОВ"), Bulgarian); len(got) > 0 {
		t.Errorf("a Russian word with Ё got Bulgarian renderings %q", got)
	}
}

func alternatesUnder(token string, sys System) []string {
	return renderingsUnder(Alternates(token, nil), sys)
}

// TestRussianFormReadings checks that a name held in the Russian form is
// read back into the Latin alphabet of the bearer's language by the
// conventions Russian transcription follows.
func TestRussianFormReadings(t *testing.T) {
	cases := []struct {
		in   string
		sys  System
		want string
	}{
		{"Джафаров", TurkicReading, "CAFAROV"},  // Azerbaijani C for ДЖ
		{"Гусейнов", TurkicReading, "HUSEYNOV"}, // H for Г, Y for Й
		{"Халилов", TurkicReading, "XALILOV"},   // X for Х
		{"Гаджиев", TurkicReading, "HACIYEV"},   // -ИЕВ as -IYEV
		{"Гюльмамедов", TurkicReading, "GULMAMEDOV"},
		{"Жураев", UzbekReading, "JURAYEV"},
		{"Худойбердиев", UzbekReading, "XUDOYBERDIYEV"},
		{"Джураев", CentralAsian, "JURAEV"},
		{"Чобану", RomanianReading, "CIOBANU"},    // CIO for ЧО
		{"Чебан", RomanianReading, "CEBAN"},       // C before E
		{"Кожокару", RomanianReading, "COJOCARU"}, // C for К, J for Ж
		{"Мунтяну", RomanianReading, "MUNTEANU"},  // EA for Я
		{"Гицэ", RomanianReading, "GHITA"},        // GHI for ГИ, Ț for Ц, Ă for Э
		{"Ротарь", RomanianReading, "ROTARI"},     // final Ь as I
		// Belarusian: akanye (О as А), ОВ as ОЎ, ДЗ and Ц for soft Д
		// and Т, yakanye (Е as Я before the stress).
		{"Козлов", BelarusianReading, "KAZLAU"},
		{"Ковалёв", BelarusianReading, "KAVALIOU"},
		{"Сидоренко", BelarusianReading, "SIDARENKA"},
		{"Кузнецов", BelarusianReading, "KUZNIATSAU"},
		{"Лебедев", BelarusianReading, "LEBEDZEU"},
		{"Василевский", BelarusianReading, "VASILEUSKI"},
		{"Павлов", BelarusianReading, "PAULAU"}, {"Кыйв", BalticReading, "KOIV"},
		// Latvian, Lithuanian, Estonian.
		{"Иванов", BalticReading, "IVANOVS"}, {"Сергей", BalticReading, "SERGEJS"},
		{"Игорь", BalticReading, "IGORS"}, {"Кузнецова", BalticReading, "KUZNECOVA"},
		{"Иванов", BalticReading, "IVANOVAS"}, {"Николай", BalticReading, "NIKOLAJUS"},
		{"Юрий", BalticReading, "JURIJUS"}, {"Пылд", BalticReading, "POLD"}, {"Пярн", BalticReading, "PARN"},
		// Е as JE at the start and after a vowel or a sign, and the
		// masculine ending on -ин surnames.
		{"Егоров", BalticReading, "JEGOROVS"}, {"Васильев", BalticReading, "VASILJEVS"},
		{"Сергеев", BalticReading, "SERGEJEVAS"}, {"Юдин", BalticReading, "JUDINS"},
		// Belarusian forms of given names, in the national system.
		{"Сергей", OtherLanguageForm, "SIARHEI"},
		{"Дмитрий", OtherLanguageForm, "DZMITRY"},
		{"Ольга", OtherLanguageForm, "VOLHA"},
		{"Евгений", OtherLanguageForm, "YAUHENI"},
		{"Уладзімір", OtherLanguageForm, "VLADIMIR"},
	}
	for _, c := range cases {
		tok := Tokens(c.in)[0]
		got := append(texts(Renderings(tok)), texts(Alternates(tok, nil))...)
		if !slices.Contains(got, c.want) {
			t.Errorf("%s: spellings and readings %q, want %s (%s)", c.in, got, c.want, c.sys)
		}
	}
	// An Uzbek reading with an A is kept even when another spelling is
	// the same: its A is compared as A or O.
	if got := alternatesUnder("ИСЛАМ", UzbekReading); !slices.Contains(got, "ISLAM") {
		t.Errorf("Ислам: Uzbek readings %q, want ISLAM", got)
	}
	// Latvian and Lithuanian endings go on Russian names, not on names
	// of other origin that Russian transcribed.
	if got := alternatesUnder("ЯНСЕН", BalticReading); slices.Contains(got, "JANSENS") {
		t.Errorf("Янсен: Baltic readings %q: a Dutch name got a Latvian ending", got)
	}
	// Ukrainian words are not Russian forms of Turkic or Romanian names.
	if got := Alternates("ОЛЕКСІЙ", nil); len(renderingsUnder(got, TurkicReading))+len(renderingsUnder(got, RomanianReading)) > 0 {
		t.Errorf("a Ukrainian word got readings %v", got)
	}
}

// TestOriginKeys checks that a name of foreign origin and its Russian
// practical transcription share a key, for each source language, and
// that names that differ do not.
func TestOriginKeys(t *testing.T) {
	same := [][2]string{
		// German.
		{"Schmidt", "Шмидт"}, {"Müller", "Мюллер"}, {"Mueller", "Мюллер"}, {"Neumann", "Нойман"},
		{"Schneider", "Шнайдер"}, {"Hoffmann", "Хофман"}, {"Zimmermann", "Циммерман"}, {"Vogel", "Фогель"},
		{"Stein", "Штайн"}, {"Dietrich", "Дитрих"},
		// French.
		{"Leroy", "Леруа"}, {"Dubois", "Дюбуа"}, {"Moreau", "Моро"}, {"Laurent", "Лоран"}, {"Girard", "Жирар"},
		{"Mercier", "Мерсье"}, {"Lefebvre", "Лефевр"}, {"Fontaine", "Фонтен"}, {"Dupont", "Дюпон"},
		{"Rousseau", "Руссо"}, {"François", "Франсуа"}, {"Renault", "Рено"},
		// English.
		{"Smith", "Смит"}, {"Johnson", "Джонсон"}, {"Williams", "Уильямс"}, {"Wright", "Райт"},
		{"Thompson", "Томпсон"}, {"Moore", "Мур"}, {"Green", "Грин"}, {"Taylor", "Тейлор"},
		// Italian.
		{"Giordano", "Джордано"}, {"Ricci", "Риччи"}, {"Mancini", "Манчини"}, {"Bianchi", "Бьянки"},
		{"Esposito", "Эспозито"}, {"Chiesa", "Кьеза"}, {"Sciarra", "Шарра"},
		// Spanish.
		{"García", "Гарсия"}, {"Jiménez", "Хименес"}, {"González", "Гонсалес"}, {"Rodríguez", "Родригес"},
		{"Guillermo", "Гильермо"}, {"Castillo", "Кастильо"}, {"Hernández", "Эрнандес"}, {"Muñoz", "Муньос"},
		// Portuguese (European): final S and S before a consonant Ш,
		// final O У, LH ЛЬ, ÃO АН.
		{"Santos", "Сантуш"}, {"Costa", "Кошта"}, {"Carvalho", "Карвалью"}, {"João", "Жуан"},
		{"Gonçalves", "Гонсалвеш"}, {"Ribeiro", "Рибейру"},
		// Hungarian: SZ С, S Ш, ZS Ж, CS Ч, GY ДЬ, silent H of TH, GH.
		{"Kovács", "Ковач"}, {"Szabó", "Сабо"}, {"Tóth", "Тот"}, {"György", "Дьёрдь"},
		{"Erzsébet", "Эржебет"}, {"Balogh", "Балог"},
		// More English and French conventions: TCH ТЧ, WALK УОК, EW ЬЮ,
		// the I of WHITE АЙ, YOUNG ЯНГ; ILL after a consonant ИЙ.
		{"Mitchell", "Митчелл"}, {"Walker", "Уокер"}, {"Lewis", "Льюис"}, {"White", "Уайт"},
		{"Young", "Янг"}, {"Guillaume", "Гийом"},
		// Polish: SZ Ш, CZ Ч, RZ Ж (Ш after K), W В, Ą ОМ, Ó У, Ś Ш,
		// the adjectival -SKI -СКИЙ.
		{"Wiśniewski", "Вишневский"}, {"Krzysztof", "Кшиштоф"}, {"Dąbrowski", "Домбровский"},
		{"Wójcik", "Вуйцик"}, {"Grzegorz", "Гжегож"}, {"Kowalska", "Ковальская"},
		// Dutch: SCH СХ, G Х, IJ ЕЙ, OU АУ; Italian Z as ДЗ.
		{"Schouten", "Схаутен"}, {"Gijs", "Хейс"}, {"Mazzini", "Мадзини"},
		// German and Yiddish names in the Yiddish and the older Russian
		// traditions: EI ЕЙ, H Г, -STEIN -ШТЕЙН.
		{"Weinstein", "Вайнштейн"}, {"Heifetz", "Хейфец"}, {"Horowitz", "Горовиц"}, {"Hoffman", "Гофман"},
		{"Hirsch", "Гирш"}, {"Katznelson", "Кацнельсон"}, {"Ginsburg", "Гинзбург"}, {"Eisenberg", "Эйзенберг"},
		// Armenian surnames in their Russian forms.
		{"Hakobyan", "Акопян"}, {"Sargsyan", "Саркисян"}, {"Hovhannisyan", "Ованесян"},
		{"Aghajanyan", "Агаджанян"}, {"Harutyunyan", "Арутюнян"}, {"Ghukasyan", "Гукасян"},
	}
	share := func(a, b string) bool {
		kb := OriginKeys(Tokens(b)[0])
		for _, k := range OriginKeys(Tokens(a)[0]) {
			if slices.Contains(kb, k) {
				return true
			}
		}
		return false
	}
	for _, p := range same {
		if !share(p[0], p[1]) {
			t.Errorf("%s and %s share no key: %q, %q", p[0], p[1], OriginKeys(Tokens(p[0])[0]), OriginKeys(Tokens(p[1])[0]))
		}
	}
	different := [][2]string{
		{"Schmitz", "Шмидт"}, {"Leroux", "Леруа"}, {"Dupuis", "Дюпон"}, {"Ricca", "Риччи"},
		{"Garcin", "Гарсия"}, {"Smyth", "Смирнов"}, {"Santana", "Сантуш"}, {"Kovacsik", "Ковач"},
		{"Walter", "Уокер"}, {"Sasha", "Шаша"}, {"Kowalski", "Ковальчик"}, {"Wiśniewski", "Вишневецкий"},
		{"Vishnevskii", "Вишневская"}, {"Sarafyan", "Саркисян"}, {"Manucharyan", "Манукян"},
		{"Petrosov", "Петросян"}, {"Martirosyan", "Мартиросов"}, {"Heller", "Келлер"}, {"Hirsch", "Гирс"},
		// Romanised Russian names keep their letters: not Italian CH (К),
		// not French silent Z or H.
		{"Chernov", "Кернов"}, {"Zharov", "Заров"}, {"Shulga", "Сулга"}, {"Ivanov", "Иванова"},
	}
	for _, p := range different {
		if share(p[0], p[1]) {
			t.Errorf("%s and %s share a key: %q, %q", p[0], p[1], OriginKeys(Tokens(p[0])[0]), OriginKeys(Tokens(p[1])[0]))
		}
	}
	for _, k := range append(OriginKeys("SCHMIDT"), OriginKeys("ШМИДТ")...) {
		if strings.ToLower(k) != k {
			t.Errorf("key %q is not lower case: it could equal a rendering", k)
		}
	}
}

// TestNameForms checks the table of given-name forms: full and short forms,
// Bulgarian and Romanian forms, Turkic patronymic markers; and that a
// form shared by two names does not relate them to each other.
func TestNameForms(t *testing.T) {
	related := [][2]string{
		{"Александр", "Саша"}, {"Дмитрий", "Дима"}, {"Владимир", "Володя"}, {"Наталья", "Наталия"},
		{"Георги", "Гошо"}, {"Тодор", "Тошо"}, {"Дмитрий", "Димитър"}, {"Пётр", "Петър"},
		{"Иван", "Ион"}, {"Георгий", "Георге"}, {"Оглы", "Улы"}, {"Кызы", "Гызы"},
		{"Вячеслав", "Слава"}, {"Ярослав", "Слава"}, {"Маргарита", "Рита"}, {"Всеволод", "Сева"},
		{"Десислава", "Деси"}, {"Иван", "Ванчо"},
	}
	for _, p := range related {
		a, b := strings.ToUpper(p[0]), strings.ToUpper(p[1])
		if !slices.Contains(NameForms(a), b) || !slices.Contains(NameForms(b), a) {
			t.Errorf("%s and %s are not related both ways: %q, %q", a, b, NameForms(a), NameForms(b))
		}
	}
	for _, p := range [][2]string{{"Вячеслав", "Ярослав"}, {"Анна", "Татьяна"}, {"Елена", "Алёна"}, {"Иван", "Ян"},
		{"Арсений", "Семён"}, {"Юлия", "Ульяна"}} {
		a, b := strings.ToUpper(p[0]), strings.ToUpper(p[1])
		if slices.Contains(NameForms(a), b) {
			t.Errorf("%s and %s are related: they are different names", a, b)
		}
	}
	// The forms are offered as readings of the token, Latin-spelt.
	if got := alternatesUnder("САША", NameForm); !slices.Contains(got, "ALEKSANDR") {
		t.Errorf("Саша: name forms %q, want ALEKSANDR among them", got)
	}
	if got := alternatesUnder("ДМИТРИЙ", NameForm); !slices.Contains(got, "DIMITAR") {
		t.Errorf("Дмитрий: name forms %q, want the Bulgarian DIMITAR", got)
	}
}

// TestNameFormsKeepGroupsApart holds that no form of one name group spells,
// in the ICAO, 1997 passport or English systems, with the skeleton and
// palatal skeleton of another group's form: name forms are compared by
// both, so such a pair would make two names one (Уля, Ульяна's short
// form, and Юля were, and Уля is left out).
func TestNameFormsKeepGroupsApart(t *testing.T) {
	related := map[string]map[string]bool{}
	for _, g := range givenNameForms {
		fs := strings.Fields(strings.ToUpper(g))
		for _, a := range fs {
			if related[a] == nil {
				related[a] = map[string]bool{}
			}
			for _, b := range fs {
				related[a][b] = true
			}
		}
	}
	bySkeleton := map[string][]string{}
	for f := range related {
		for _, r := range Renderings(f) {
			if r.System != ICAO && r.System != MVD1997 && r.System != English {
				continue
			}
			if s := Skeleton(r.Text) + " " + PalatalSkeleton(r.Text); !slices.Contains(bySkeleton[s], f) {
				bySkeleton[s] = append(bySkeleton[s], f)
			}
		}
	}
	for s, fs := range bySkeleton {
		for i, a := range fs {
			for _, b := range fs[i+1:] {
				if !related[a][b] {
					t.Errorf("%s and %s, forms of different names, share the skeleton %s", a, b, s)
				}
			}
		}
	}
}

// TestLooseLetter checks which letters of a reading may stand for others:
// only those the reading's language conventions blur.
func TestLooseLetter(t *testing.T) {
	for _, c := range []struct {
		sys  System
		r, f byte
		want bool
	}{
		{UzbekReading, 'A', 'O', true}, {BelarusianReading, 'A', 'O', true}, {BelarusianReading, 'O', 'A', false},
		{TurkicReading, 'E', 'A', true}, {TurkicReading, 'X', 'H', true}, {TurkicReading, 'A', 'E', false},
		{TurkicReading, 'A', 'O', false}, {RomanianReading, 'E', 'A', false}, {ICAO, 'A', 'O', false},
	} {
		if got := LooseLetter(c.sys, c.r, c.f); got != c.want {
			t.Errorf("LooseLetter(%s, %c, %c) = %v, want %v", c.sys, c.r, c.f, got, c.want)
		}
	}
}

// TestGivenOriginals checks that a given name Russian transcribed by sound
// offers the bearer's own spelling as a reading, and only its own.
func TestGivenOriginals(t *testing.T) {
	for in, want := range map[string]string{"МАЙКЛ": "MICHAEL", "ЭНДРЮ": "ANDREW", "КЭТРИН": "KATHRYN",
		"АКОП": "HAKOB", "ДАВИД": "DAVIT", "ГЕОРГИЙ": "GIORGI"} {
		if got := alternatesUnder(in, OriginalSpelling); !slices.Contains(got, want) {
			t.Errorf("%s: original spellings %q, want %s", in, got, want)
		}
	}
	if got := alternatesUnder("МАЙКЛ", OriginalSpelling); slices.Contains(got, "MITCHELL") {
		t.Errorf("Майкл: original spellings %q", got)
	}
}

// TestSerbianCyrillic checks that Serbian Cyrillic reads as Serbian
// passports write it.
func TestSerbianCyrillic(t *testing.T) {
	for in, want := range map[string]string{"Ђорђевић": "DJORDJEVIC", "Љубица": "LJUBICA", "Џемал": "DZEMAL"} {
		if got := texts(Renderings(Tokens(in)[0])); !slices.Contains(got, want) {
			t.Errorf("%s: renderings %q, want %s", in, got, want)
		}
	}
}
