package synth

import "strings"

// The grammar that turns stems into surnames and fathers' names into
// patronymics, as Russian-language registers write them.

// sibilantOrSoft reports whether a stem ends in a letter after which the
// possessive suffix is written -ев rather than -ов.
func sibilantOrSoft(s string) bool {
	for _, e := range []string{"ж", "ш", "ч", "щ", "й", "ь"} {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// possessive forms the -ов/-ев/-ин surname of a stem: a stem in -а/-я takes
// -ин (Галка → Галкин, Илья → Ильин, Синица → Синицын), a stem in a soft
// sign, -й or a sibilant takes -ев (Игорь → Игорев, Андрей → Андреев,
// Грач → Грачев), any other -ов.
func possessive(stem string) string {
	switch {
	case strings.HasSuffix(stem, "ца"):
		return strings.TrimSuffix(stem, "а") + "ын"
	case strings.HasSuffix(stem, "а"):
		return strings.TrimSuffix(stem, "а") + "ин"
	case strings.HasSuffix(stem, "я"):
		s := strings.TrimSuffix(stem, "я")
		if !strings.HasSuffix(s, "ь") {
			s += "ь"
		}
		return s + "ин"
	case strings.HasSuffix(stem, "ий"):
		return strings.TrimSuffix(stem, "ий") + "ьев"
	case strings.HasSuffix(stem, "й"), strings.HasSuffix(stem, "ь"):
		return stem[:len(stem)-2] + "ев" // both letters are two bytes
	case sibilantOrSoft(stem):
		return stem + "ев"
	}
	return stem + "ов"
}

// adjectival forms the -ский surname of a place stem (Покров → Покровский,
// Троиц → Троицкий).
func adjectival(stem string) string {
	if strings.HasSuffix(stem, "ц") {
		return stem + "кий"
	}
	return stem + "ский"
}

// patronymic derives the patronymic of a son (female false) or daughter of
// a man named father, by the rules of Russian grammar: Иван → Иванович /
// Ивановна; Андрей → Андреевич; Юрий → Юрьевич, Дмитрий → Дмитриевич
// (after two consonants); Игорь → Игоревич; Никита → Никитич / Никитична;
// Илья → Ильич / Ильинична; Лев → Львович, Павел → Павлович, Пётр →
// Петрович, Михаил → Михайлович (the stem's changing vowel).
func patronymic(father string, female bool) string {
	if s, ok := fleeting[father]; ok {
		father = s
	}
	end := func(m, f string) string {
		if female {
			return f
		}
		return m
	}
	r := []rune(father)
	n := len(r)
	switch {
	case n >= 3 && string(r[n-2:]) == "ий":
		stem := string(r[:n-2])
		if isConsonant(r[n-3]) && n >= 4 && isConsonant(r[n-4]) {
			return stem + end("иевич", "иевна")
		}
		return stem + end("ьевич", "ьевна")
	case r[n-1] == 'й':
		return string(r[:n-1]) + end("евич", "евна")
	case r[n-1] == 'ь':
		return string(r[:n-1]) + end("евич", "евна")
	case r[n-1] == 'а' || r[n-1] == 'я':
		stem := string(r[:n-1])
		if female {
			if r[n-2] == 'т' {
				return stem + "ична"
			}
			return stem + "инична"
		}
		return stem + "ич"
	case strings.ContainsRune("жшчщц", r[n-1]):
		return father + end("евич", "евна")
	}
	return father + end("ович", "овна")
}

// fleeting holds the stems of fathers' names whose vowel drops or changes
// before a suffix.
var fleeting = map[string]string{"Лев": "Льв", "Павел": "Павл", "Пётр": "Петр", "Михаил": "Михайл"}

func isConsonant(r rune) bool {
	return strings.ContainsRune("бвгджзклмнпрстфхцчшщ", r)
}

// turkicPatronymic writes the Azerbaijani form of a patronymic: the
// father's name followed by оглы (son) or кызы (daughter).
func turkicPatronymic(father string, female bool) string {
	if female {
		return father + " кызы"
	}
	return father + " оглы"
}
