package romanize

import "strings"

// givenOriginals pairs given names as Russian practical transcription
// writes them with the spelling of the bearer's own language, for names
// whose Russian form follows the pronunciation too far for letter rules
// or phonetic keys to reverse: English names in the conventions of the
// Russian dictionaries of English personal names (Michael Майкл, Andrew
// Эндрю, Stephen Стивен), Polish names whose ending reads as Russian
// (Katarzyna Катажина), and Armenian and Georgian names in the Russian
// forms registers hold against the national passport spelling (Hakob
// Акоп, Hovsep Овсеп; Davit Давид, Giorgi Георгий). They name no person.
var givenOriginals = [][2]string{
	// English, masculine.
	{"Майкл", "Michael"}, {"Эндрю", "Andrew"}, {"Мэтью", "Matthew"}, {"Кристофер", "Christopher"},
	{"Ричард", "Richard"}, {"Стивен", "Stephen"}, {"Стивен", "Steven"}, {"Джордж", "George"},
	{"Дэвид", "David"}, {"Дэниел", "Daniel"}, {"Джеймс", "James"}, {"Джон", "John"},
	{"Уильям", "William"}, {"Томас", "Thomas"}, {"Роберт", "Robert"}, {"Чарльз", "Charles"},
	{"Джозеф", "Joseph"}, {"Эдвард", "Edward"}, {"Энтони", "Anthony"}, {"Марк", "Mark"},
	{"Пол", "Paul"}, {"Питер", "Peter"}, {"Кеннет", "Kenneth"}, {"Брайан", "Brian"},
	{"Кевин", "Kevin"}, {"Джейсон", "Jason"}, {"Патрик", "Patrick"}, {"Гарри", "Harry"},
	{"Оливер", "Oliver"}, {"Джек", "Jack"}, {"Скотт", "Scott"}, {"Тимоти", "Timothy"},
	{"Джошуа", "Joshua"}, {"Джейкоб", "Jacob"}, {"Николас", "Nicholas"}, {"Джонатан", "Jonathan"},
	{"Саймон", "Simon"}, {"Эдриан", "Adrian"}, {"Грэм", "Graham"}, {"Найджел", "Nigel"},
	{"Фрэнк", "Frank"}, {"Рэймонд", "Raymond"}, {"Хью", "Hugh"}, {"Иэн", "Ian"},
	// English, feminine.
	{"Кэтрин", "Catherine"}, {"Кэтрин", "Katherine"}, {"Кэтрин", "Kathryn"}, {"Сара", "Sarah"},
	{"Мэри", "Mary"}, {"Элизабет", "Elizabeth"}, {"Дженнифер", "Jennifer"}, {"Джессика", "Jessica"},
	{"Эмили", "Emily"}, {"Эмма", "Emma"}, {"Оливия", "Olivia"}, {"Люси", "Lucy"},
	{"Шарлотта", "Charlotte"}, {"Хелен", "Helen"}, {"Маргарет", "Margaret"}, {"Сьюзан", "Susan"},
	{"Карен", "Karen"}, {"Нэнси", "Nancy"}, {"Лора", "Laura"}, {"Рэйчел", "Rachel"},
	{"Ребекка", "Rebecca"}, {"Эми", "Amy"}, {"Энн", "Ann"}, {"Энн", "Anne"},
	{"Джейн", "Jane"}, {"Джули", "Julie"}, {"Клэр", "Claire"}, {"Хлоя", "Chloe"},
	{"Грейс", "Grace"}, {"Джоан", "Joan"}, {"Дороти", "Dorothy"}, {"Ширли", "Shirley"},
	// Polish names in -yna, whose ending reads as a Russian one.
	{"Катажина", "Katarzyna"}, {"Кристина", "Krystyna"}, {"Юстына", "Justyna"}, {"Гражина", "Grażyna"},
	// Armenian: the Russian form and the passport spelling.
	{"Акоп", "Hakob"}, {"Акоп", "Hakop"}, {"Оганес", "Hovhannes"}, {"Ованес", "Hovhannes"},
	{"Арутюн", "Harutyun"}, {"Айк", "Hayk"}, {"Овсеп", "Hovsep"}, {"Гоар", "Gohar"},
	{"Ваге", "Vahe"}, {"Ваган", "Vahan"}, {"Саркис", "Sargis"}, {"Погос", "Poghos"},
	{"Мгер", "Mher"}, {"Оник", "Hovik"}, {"Ованнес", "Hovhannes"}, {"Асмик", "Hasmik"},
	{"Рипсиме", "Hripsime"}, {"Егише", "Yeghishe"}, {"Арпи", "Arpi"}, {"Кнарик", "Knarik"},
	// Georgian: the Russian form and the national spelling.
	{"Давид", "Davit"}, {"Георгий", "Giorgi"}, {"Ираклий", "Irakli"}, {"Тамара", "Tamar"},
	{"Нина", "Nino"}, {"Михаил", "Mikheil"}, {"Александр", "Aleksandre"}, {"Николай", "Nikoloz"},
	{"Пётр", "Petre"}, {"Илья", "Ilia"}, {"Константин", "Konstantine"}, {"Вахтанг", "Vakhtang"},
	{"Екатерина", "Ekaterine"}, {"Елена", "Elene"}, {"Мария", "Mariam"}, {"Ольга", "Olga"},
}

// originalsOf maps an upper-case Cyrillic given name to the upper-case
// original spellings of givenOriginals.
var originalsOf = func() map[string][]string {
	m := map[string][]string{}
	for _, p := range givenOriginals {
		k := strings.ToUpper(p[0])
		_, v := FoldLatin(p[1])
		if !containsString(m[k], v) {
			m[k] = append(m[k], v)
		}
	}
	return m
}()

// GivenOriginals returns the original spellings (upper-case Latin) of a
// given name held in its Russian form (upper-case Cyrillic), or nil.
func GivenOriginals(token string) []string {
	return originalsOf[strings.ToUpper(token)]
}
