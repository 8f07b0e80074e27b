package romanize

import "strings"

// Belarusian names. A Belarusian citizen's record in a Russian-language
// register holds the Russian form of the name (Сергей Козлов) while the
// passport spells the Belarusian form (Сяргей Казлоў) in the Latin letters
// of Belarus's national system (SIARHEI KAZLOU). Given names differ as
// whole words, so they are paired in a table; surnames follow the
// spelling rules of Belarusian orthography, read by belarusianReading.

// belarusianRules is the Belarusian national romanisation that passports
// use: Г H, Ў U, І I, Ы Y, Х KH, Ц TS, Я Ю Ё IA IU IO after a consonant and
// YA YU YO at the start of a word and after a vowel, a final ЫЙ Y and ІЙ I.
var belarusianRules = &rules{system: Belarusian, base: with(icaoCyr,
	"г", "H", "ё", "IO", "ъ", "", "’", "", "'", ""),
	vowels:     cyrVowels + "ў",
	initial:    table("я", "YA", "ю", "YU", "ё", "YO", "е", "YE"),
	afterVowel: table("я", "YA", "ю", "YU", "ё", "YO", "е", "YE"),
	endings:    []pair{{"ый", "Y"}, {"ій", "I"}},
}

// belarusianRussian pairs common given names in their Belarusian and
// Russian forms, as the Belarusian civil register writes them. A
// Belarusian form that is also a Russian name of its own (Алена, the
// Russian Алёна, for Елена) is left out: it would make two names one.
var belarusianRussian = [][2]string{
	{"Аляксандр", "Александр"}, {"Аляксей", "Алексей"}, {"Андрэй", "Андрей"}, {"Анатоль", "Анатолий"},
	{"Васіль", "Василий"}, {"Віктар", "Виктор"}, {"Віталь", "Виталий"}, {"Уладзімір", "Владимир"},
	{"Вячаслаў", "Вячеслав"}, {"Генадзь", "Геннадий"}, {"Рыгор", "Григорий"}, {"Дзмітрый", "Дмитрий"},
	{"Яўген", "Евгений"}, {"Яўгеній", "Евгений"}, {"Іван", "Иван"}, {"Ігар", "Игорь"},
	{"Кірыл", "Кирилл"}, {"Канстанцін", "Константин"}, {"Леанід", "Леонид"}, {"Мікалай", "Николай"},
	{"Міхаіл", "Михаил"}, {"Павел", "Павел"}, {"Пётр", "Пётр"}, {"Пятро", "Пётр"},
	{"Сяргей", "Сергей"}, {"Юрый", "Юрий"}, {"Фёдар", "Фёдор"}, {"Арцём", "Артём"},
	{"Максім", "Максим"}, {"Раман", "Роман"}, {"Дзяніс", "Денис"}, {"Ілья", "Илья"},
	{"Валерый", "Валерий"}, {"Уладзіслаў", "Владислав"}, {"Станіслаў", "Станислав"}, {"Яўгенія", "Евгения"},
	{"Наталля", "Наталья"}, {"Тацяна", "Татьяна"}, {"Ірына", "Ирина"},
	{"Святлана", "Светлана"}, {"Ганна", "Анна"}, {"Марыя", "Мария"}, {"Кацярына", "Екатерина"},
	{"Юлія", "Юлия"}, {"Вольга", "Ольга"}, {"Людміла", "Людмила"}, {"Надзея", "Надежда"},
	{"Анастасія", "Анастасия"}, {"Вікторыя", "Виктория"}, {"Лізавета", "Елизавета"}, {"Вераніка", "Вероника"},
	{"Ксенія", "Ксения"}, {"Дар’я", "Дарья"}, {"Галіна", "Галина"}, {"Валянціна", "Валентина"},
}

// belarusianForm holds the names that are the Belarusian side of a pair
// (upper case).
var belarusianForm = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range belarusianRussian {
		m[strings.ToUpper(strings.ReplaceAll(p[0], "’", ""))] = true
	}
	return m
}()

// IsBelarusianForm reports whether token is the Belarusian form of a
// given name the package knows in Belarusian and Russian.
func IsBelarusianForm(token string) bool {
	return belarusianForm[strings.ToUpper(token)]
}

// belarusianReadings read a Russian form as Belarusian spells the same
// name and the national system romanises it: an unstressed О is written
// А (akanye; not knowing the stress, every О is read А, and the
// comparison lets that A stand for an O), Д and Т before a soft vowel are
// ДЗ and Ц, Р is hard (РЫ), a final ОВ or ЕВ is ОЎ or ЕЎ, the adjectival
// endings -СКИЙ, -ЦКИЙ are -СКІ, -ЦКІ (-ВСКИЙ -ЎСКІ), and Г is H. Козлов: KAZLAU (KAZLOU),
// Сидоренко: SIDARENKA. The second reading also writes Е after a
// consonant as Я, as Belarusian does before the stress (yakanye):
// Кузнецов, KUZNIATSAU (KUZNIATSOU). В after a vowel and before a
// consonant is the non-syllabic Ў (Павлов, Паўлаў, PAULAU).
var belarusianReadings = func() []*rules {
	mk := func(e string) *rules {
		soft := []pair{}
		for _, v := range [][2]string{{"е", e}, {"и", "I"}, {"ё", "IO"}, {"ю", "IU"}, {"я", "IA"}, {"ь", ""}} {
			soft = append(soft, pair{"д" + v[0], "DZ" + v[1]}, pair{"т" + v[0], "TS" + v[1]})
		}
		soft = append(soft, pair{"ри", "RY"}, pair{"ря", "RA"}, pair{"рё", "RO"}, pair{"рю", "RU"},
			pair{"чи", "CHY"}, pair{"ши", "SHY"}, pair{"жи", "ZHY"}, pair{"ци", "TSY"})
		return &rules{system: BelarusianReading, base: with(icaoCyr,
			"о", "A", "г", "H", "е", e, "ё", "IO", "ъ", "", "ь", ""),
			vowels:     cyrVowels,
			initial:    table("я", "YA", "ю", "YU", "ё", "YO", "е", "YE", "о", "A"),
			afterVowel: table("я", "YA", "ю", "YU", "ё", "YO", "е", "YE"),
			endings: []pair{{"вский", "USKI"}, {"вская", "USKAIA"}, {"ский", "SKI"}, {"цкий", "TSKI"},
				{"ская", "SKAIA"}, {"цкая", "TSKAIA"}, {"дев", "DZ" + e + "U"}, {"тев", "TS" + e + "U"},
				{"ёв", "IOU"}, {"ов", "AU"}, {"ев", "EU"}, {"ий", "I"}, {"ый", "Y"}},
			seqs: soft,
			prep: belarusianShortU,
		}
	}
	return []*rules{mk("E"), mk("IA")}
}()

// belarusianShortU writes В after a vowel and before a consonant as Ў,
// as Belarusian spelling does. The word is copied, not changed.
func belarusianShortU(w []rune) []rune {
	var out []rune
	for i := 1; i+1 < len(w); i++ {
		if w[i] == 'в' && strings.ContainsRune(cyrVowels, w[i-1]) && w[i-1] != 'ь' && w[i-1] != 'ъ' &&
			!strings.ContainsRune(cyrVowels, w[i+1]) {
			if out == nil {
				out = append([]rune(nil), w...)
			}
			out[i] = 'ў'
		}
	}
	if out == nil {
		return w
	}
	return out
}
