package screening

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"trex"
)

// namePair is a record's name as the register holds it and the
// traveller's name as the travel document spells it.
type namePair struct {
	record, traveller trex.Name
}

func regName(surname, given, patronymic string) trex.Name {
	return trex.Name{Surname: surname, Given: given, Patronymic: patronymic}
}

func docName(surname, given string) trex.Name { return trex.Name{Surname: surname, Given: given} }

// screenPairs indexes each pair's record under its own birth date and
// checks the traveller against the index: each same pair must be referred
// to its record, at the same birth date and at one a typical entry error
// away (day one apart); each different pair must be cleared at the same
// birth date.
func screenPairs(t *testing.T, same, different []namePair) {
	t.Helper()
	ix := New()
	dob := func(i int) trex.PartialDate {
		return trex.MustPartialDate(fmt.Sprintf("19%02d-%02d-%02d", 50+i%40, 1+i%12, 10+i%15))
	}
	all := append(append([]namePair(nil), same...), different...)
	for i, p := range all {
		ix.Put(trex.Subject{Key: fmt.Sprint("R", i), Person: trex.Person{Names: []trex.Name{p.record}, BirthDate: dob(i)}})
	}
	for i, p := range same {
		for _, d := range []trex.PartialDate{dob(i), {Year: dob(i).Year, Month: dob(i).Month, Day: dob(i).Day + 1}} {
			v, ms := matchAll(ix, trex.Person{Names: []trex.Name{p.traveller}, BirthDate: d})
			if v == trex.Clear || ms[0].RestrictionID != fmt.Sprint("R", i) {
				t.Errorf("%s born %s against %s born %s: %s %v, want refer", p.traveller, d, p.record, dob(i), v, ms)
			}
		}
	}
	for i, p := range different {
		k := len(same) + i
		if v, ms := matchAll(ix, trex.Person{Names: []trex.Name{p.traveller}, BirthDate: dob(k)}); v != trex.Clear {
			t.Errorf("%s against %s, same birth date: %s %v, want clear", p.traveller, p.record, v, ms)
		}
	}
}

// Names held in the Cyrillic alphabets of Central Asia, Mongolia, Bashkortostan,
// Tatarstan and (before 1991) Azerbaijan match the spellings of those
// states' passports and national Latin alphabets.
func TestCentralAsianNamesMatchTheirPassportSpellings(t *testing.T) {
	screenPairs(t, centralAsianSame, centralAsianDifferent)
}

// Azerbaijani, Uzbek, Baltic and Romanian names registered in their
// Russian form match the spelling of the bearer's own Latin alphabet, with
// or without a Turkic patronymic marker.
func TestRussianFormsMatchTurkicBalticAndRomanianSpellings(t *testing.T) {
	screenPairs(t, russianFormsSame, russianFormsDifferent)
}

// Names of foreign origin held in Cyrillic by practical transcription
// match their original Latin spelling.
func TestForeignNamesMatchTheirOriginalSpelling(t *testing.T) {
	screenPairs(t, foreignOriginSame, foreignOriginDifferent)
}

// Short and full forms of a given name, and its Bulgarian and Romanian
// forms, match; names that only share a short form, or look alike, do not.
func TestShortAndFullGivenNamesMatch(t *testing.T) {
	screenPairs(t, givenNameFormsSame, givenNameFormsDifferent)
}

// A document that carries one part of a compound surname matches the
// record that holds both.
func TestOnePartOfACompoundSurnameMatches(t *testing.T) {
	screenPairs(t, compoundSurnamesSame, compoundSurnamesDifferent)
}

// The explanation of a match on one part of a compound surname states
// what the missing part cost, as the score counted it.
func TestCompoundSurnamePartExplained(t *testing.T) {
	ix := New()
	dob := trex.MustPartialDate("1961-03-04")
	ix.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{regName("Римский-Корсаков", "Андрей", "")}, BirthDate: dob}})
	v, ms := matchAll(ix, trex.Person{Names: []trex.Name{docName("KORSAKOV", "ANDREI")}, BirthDate: dob})
	if v != trex.Refer {
		t.Fatalf("%s %v, want refer", v, ms)
	}
	var sum float64
	found := false
	for _, e := range ms[0].Evidence {
		sum += e.Weight
		if e.Field == "surname" && e.Outcome == "absent" && e.Weight == compoundPartMissing {
			found = true
		}
		if e.Field == "surname" && e.Outcome == "mismatch" {
			t.Errorf("evidence %+v: the part not on the document is absent, not a mismatch", e)
		}
	}
	if !found {
		t.Errorf("evidence %+v: want the missing part of the surname as absent, weight %v", ms[0].Evidence, compoundPartMissing)
	}
	if sum < ix.Weights.Refer {
		t.Errorf("the evidence adds up to %.2f, below the refer threshold %.2f the score reached", sum, ix.Weights.Refer)
	}
}

var (
	centralAsianSame = []namePair{
		{regName("Раҳмонов", "Ҷамшед", ""), docName("RAHMONOV", "JAMSHED")},
		{regName("Ғафуров", "Ҳамид", ""), docName("GHAFUROV", "HAMID")},
		{regName("Қасымов", "Нұрлан", ""), docName("KASYMOV", "NURLAN")},
		{regName("Қасымова", "Әйгерім", ""), docName("QASYMOVA", "ÄIGERIM")},
		{regName("Өмүрбеков", "Айбек", ""), docName("OMURBEKOV", "AIBEK")},
		{regName("Ўринбоев", "Жасур", ""), docName("O‘RINBOYEV", "JASUR")},
		{regName("Батболд", "Мөнхбат", ""), docName("BATBOLD", "MUNKHBAT")},
		{regName("Һадиев", "Рөстәм", ""), docName("HADIEV", "RÖSTÄM")},
		{regName("Һүсејнова", "Ҝүлнарә", ""), docName("HÜSEYNOVA", "GÜLNARƏ")},
	}
	centralAsianDifferent = []namePair{
		{regName("Раҳмонов", "Ҷамшед", ""), docName("RAHMONOV", "JAHONGIR")},
		{regName("Қасымов", "Нұрлан", ""), docName("KASYMOV", "NURBOL")},
		{regName("Өмүрбеков", "Айбек", ""), docName("ORMONBEKOV", "AIBEK")},
	}
)

var (
	russianFormsSame = []namePair{
		{regName("Джафаров", "Эльчин", ""), docName("CAFAROV", "ELCIN")},
		{regName("Гусейнов", "Рашад", ""), docName("HUSEYNOV", "RASAD")},
		{regName("Халилов", "Гасым", ""), docName("XALILOV", "QASIM")},
		{regName("Гулиев", "Вугар", ""), docName("QULIYEV", "VUQAR")},
		{regName("Жураев", "Бахтиёр", ""), docName("JURAYEV", "BAXTIYOR")},
		{regName("Ташматов", "Ислам", ""), docName("TOSHMATOV", "ISLOM")},
		{regName("Джураев", "Джамшед", ""), docName("JURAEV", "JAMSHED")},
		{regName("Чобану", "Георгий", ""), docName("CIOBANU", "GHEORGHE")},
		{regName("Кожокару", "Иван", ""), docName("COJOCARU", "ION")},
		{regName("Мунтяну", "Николай", ""), docName("MUNTEANU", "NICOLAE")},
		{regName("Озолс", "Янис", ""), docName("OZOLS", "JANIS")},
		{regName("Берзиньш", "Андрис", ""), docName("BERZINS", "ANDRIS")},
		{regName("Казлаускене", "Ирена", ""), docName("KAZLAUSKIENE", "IRENA")},
		{regName("Мамедов", "Эльчин", "Гасан оглы"), docName("MAMMADOV", "ELCHIN HASAN OGLU")},
		{regName("Керимов", "Вагиф", ""), docName("KARIMOV", "VAQIF")},
		{regName("Магеррамова", "Айгюн", ""), docName("MAHARRAMOVA", "AYGUN")},
		{regName("Алиева", "Севиндж", "Рагим кызы"), docName("ALIYEVA", "SEVINC")},
	}
	russianFormsDifferent = []namePair{
		{regName("Джафаров", "Эльчин", ""), docName("CAFEROGLU", "ELCIN")},
		{regName("Чобану", "Георгий", ""), docName("CIOCANU", "GHEORGHE")},
		{regName("Гусейнов", "Рашад", ""), docName("HUSEYNOV", "RAMIL")},
		{regName("Мамедов", "Эльчин", "Гасан оглы"), docName("MAMEDOV", "ELNUR")},
	}
)

var (
	foreignOriginSame = []namePair{
		{regName("Шмидт", "Ганс", ""), docName("SCHMIDT", "HANS")},
		{regName("Нойман", "Клаус", ""), docName("NEUMANN", "KLAUS")},
		{regName("Шнайдер", "Юрген", ""), docName("SCHNEIDER", "JUERGEN")},
		{regName("Леруа", "Жан", ""), docName("LEROY", "JEAN")},
		{regName("Дюбуа", "Мишель", ""), docName("DUBOIS", "MICHEL")},
		{regName("Лоран", "Пьер", ""), docName("LAURENT", "PIERRE")},
		{regName("Уильямс", "Джон", ""), docName("WILLIAMS", "JOHN")},
		{regName("Райт", "Джеймс", ""), docName("WRIGHT", "JAMES")},
		{regName("Джордано", "Джузеппе", ""), docName("GIORDANO", "GIUSEPPE")},
		{regName("Кьеза", "Лучано", ""), docName("CHIESA", "LUCIANO")},
		{regName("Хименес", "Хосе", ""), docName("JIMENEZ", "JOSE")},
		{regName("Гарсия", "Гильермо", ""), docName("GARCIA", "GUILLERMO")},
	}
	foreignOriginDifferent = []namePair{
		{regName("Шмидт", "Ганс", ""), docName("SCHMITZ", "HANS")},
		{regName("Дюбуа", "Мишель", ""), docName("DUBOIS", "ANDRE")},
		{regName("Джордано", "Джузеппе", ""), docName("GIORGETTI", "GIUSEPPE")},
		{regName("Гарсия", "Гильермо", ""), docName("GARCIA", "GUSTAVO")},
	}
)

var (
	givenNameFormsSame = []namePair{
		{regName("Смирнов", "Александр", "Петрович"), docName("SMIRNOV", "SASHA")},
		{regName("Кузнецова", "Наталья", ""), docName("KUZNETSOVA", "NATALIIA")},
		{regName("Соколов", "Дмитрий", ""), docName("SOKOLOV", "DIMA")},
		{regName("Георгиев", "Тодор", ""), docName("GEORGIEV", "TOSHO")},
		{regName("Петров", "Димитър", ""), docName("PETROV", "DMITRII")},
		{regName("Иванов", "Пётр", ""), docName("IVANOV", "PETAR")},
		{regName("Попеску", "Иван", ""), docName("POPESCU", "ION")},
	}
	givenNameFormsDifferent = []namePair{
		{regName("Лебедев", "Вячеслав", ""), docName("LEBEDEV", "YAROSLAV")},
		{regName("Морозова", "Татьяна", ""), docName("MOROZOVA", "ANYA")},
		{regName("Георгиев", "Тодор", ""), docName("GEORGIEV", "TONY")},
		{regName("Смирнов", "Александр", ""), docName("SMIRNOV", "ALEKSEI")},
	}
)

var (
	compoundSurnamesSame = []namePair{
		{regName("Римский-Корсаков", "Андрей", ""), docName("KORSAKOV", "ANDREI")},
		{regName("Салтыков-Щедрин", "Михаил", ""), docName("SHCHEDRIN", "MIKHAIL")},
		{regName("Римская-Корсакова", "Анна", ""), docName("RIMSKAIA", "ANNA")},
		{regName("Гарсия Маркес", "Габриэль", ""), docName("MARQUEZ", "GABRIEL")},
	}
	compoundSurnamesDifferent = []namePair{
		{regName("Римский-Корсаков", "Андрей", ""), docName("KOROLEV", "ANDREI")},
		{regName("Салтыков-Щедрин", "Михаил", ""), docName("SHCHERBAKOV", "MIKHAIL")},
	}
)

// A match on a weaker reading says which reading agreed, without quoting
// the record.
func TestReadingsAreExplained(t *testing.T) {
	for _, c := range []struct {
		pair namePair
		want string
	}{
		{namePair{regName("Леруа", "Жан", ""), docName("LEROY", "JEAN")}, "Surname agrees with the record's (original spelling of a name transcribed into Russian)."},
		{namePair{regName("Смирнов", "Александр", ""), docName("SMIRNOV", "SASHA")}, "Given name agrees with the record's (another form of the given name)."},
		{namePair{regName("Джафаров", "Эльчин", ""), docName("CAFAROV", "ELCIN")}, "Surname agrees with the record's (Azerbaijani or Turkic spelling of the Russian form)."},
	} {
		ix := New()
		dob := trex.MustPartialDate("1971-02-03")
		ix.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{c.pair.record}, BirthDate: dob}})
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{c.pair.traveller}, BirthDate: dob})
		if len(ms) != 1 || !slices.Contains(ms[0].Reasons, c.want) {
			t.Errorf("%s against %s: %v, want the reason %q", c.pair.traveller, c.pair.record, ms, c.want)
			continue
		}
		for _, r := range ms[0].Reasons {
			if strings.Contains(r, c.pair.record.Surname) || strings.Contains(r, c.pair.record.Given) {
				t.Errorf("reason %q quotes the record", r)
			}
		}
	}
}
