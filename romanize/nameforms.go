package romanize

import "strings"

// givenNameForms are groups of forms of one given name that a person may
// carry on different documents: the full form and the short (hypocoristic)
// forms used as names in their own right, the variant spellings of the
// full form (Наталья, Наталия), the Bulgarian forms of names Russian also
// has, and the Romanian (Moldovan) forms of names registered in Russian
// form. The groups follow the published conventions of Russian and
// Bulgarian naming (the Russian dictionary of personal names and the
// Bulgarian civil register's forms) and the Romanian equivalents of
// Russian names; they name no person. The first form of each group is the
// full one; a name in several groups (Слава) is related to each of them
// but does not relate them to each other.
var givenNameForms = []string{
	// Russian, masculine.
	"Александр Саша", "Алексей Алёша Лёша", "Анатолий Толя", "Борис Боря", "Валентин Валя",
	"Валерий Валера", "Василий Вася", "Виктор Витя", "Владимир Вова Володя", "Владислав Влад",
	"Вячеслав Слава", "Геннадий Гена", "Георгий Жора Гоша Егор", "Григорий Гриша",
	"Даниил Данила Данил", "Дмитрий Дима Митя", "Евгений Женя", "Иван Ваня", "Илья Илия",
	"Константин Костя", "Леонид Лёня", "Максим Макс", "Михаил Миша", "Николай Коля",
	"Павел Паша", "Пётр Петя", "Роман Рома", "Сергей Серёжа", "Станислав Стас Слава",
	"Степан Стёпа", "Фёдор Федя", "Юрий Юра", "Яков Яша", "Ярослав Слава", "Артём Артемий",
	"Тимофей Тима", "Андрей Андрюша", "Антон Тоша", "Аркадий Аркаша", "Арсений Сеня", "Семён Сеня",
	"Вадим Вадик", "Виталий Виталик", "Всеволод Сева", "Герман Гера", "Лев Лёва", "Эдуард Эдик",
	"Ефим Фима", "Филипп Филя", "Вениамин Веня", "Иннокентий Кеша", "Афанасий Афоня", "Прохор Проша",
	"Родион Родя", "Ростислав Слава", "Святослав Слава",
	// Russian, feminine.
	"Анастасия Настя", "Анна Аня", "Валентина Валя", "Галина Галя", "Дарья Дария Даша",
	"Евгения Женя", "Екатерина Катя", "Елена Лена", "Елизавета Лиза", "Ирина Ира",
	"Ксения Ксюша", "Любовь Люба", "Людмила Люда Мила", "Мария Марья Маша", "Надежда Надя",
	"Наталья Наталия Наташа", "Ольга Оля", "Светлана Света", "Софья София Соня",
	"Татьяна Таня", "Юлия Юля", "Александра Саша Шура", "Альбина Аля", "Антонина Тоня",
	"Валерия Лера", "Варвара Варя", "Вероника Ника", "Виктория Вика", "Зинаида Зина", "Клавдия Клава",
	"Лариса Лара", "Лидия Лида", "Маргарита Рита", "Полина Поля", "Раиса Рая", "Таисия Тася",
	"Тамара Тома", "Эльвира Эля", "Ангелина Геля", "Евдокия Дуня Дуся", "Серафима Сима",
	"Людмила Люся",
	// Russian, the church and civil forms of one name.
	"Ксения Аксинья Аксиния", "Евдокия Авдотья", "Прасковья Параскева", "Аграфена Агриппина",
	"Ульяна Иулиания", "Емельян Емилиан", "Фёкла Фекла",
	// Bulgarian forms and their short forms.
	"Георги Гошо Жоро Георгий", "Димитър Митко Димо Дмитрий", "Тодор Тошо Тошко", "Петър Пешо Петьо Пётр",
	"Иван Ваньо", "Александър Сашо Саша Александр", "Николай Ники Кольо", "Христо Ицо",
	"Стефан Стефчо", "Йордан Данчо", "Атанас Наско", "Васил Васко Василий", "Красимир Краси",
	"Любомир Любо", "Владимир Владо", "Цветан Цецо", "Кирил Киро Кирилл", "Стоян Стойчо",
	"Йорданка Данка", "Цветанка Цеца", "Ивайло Иво", "Благовест Благо", "Радослав Радо",
	"Светослав Светльо", "Божидар Божо", "Веселин Веско", "Пламен Пламенчо",
	"Иван Ванчо", "Калоян Кальо", "Драгомир Драго", "Десислава Деси", "Теодора Теди",
	"Цветелина Цвети", "Гергана Гери", "Виктория Вики", "Габриела Габи", "Антония Тони",
	"Николета Ники",
	// Romanian (Moldovan) forms of names registered in Russian form.
	"Иван Ион", "Георгий Георге", "Василий Василе", "Михаил Михай", "Николай Николае",
	"Дмитрий Думитру", "Пётр Петру", "Степан Штефан", "Александр Александру",
	// Lineage markers of Turkic patronymics: "son of", "daughter of".
	"Оглы Оғлу Улы Уулу Угли Ўғли", "Кызы Гызы Кизи Қизи Қызы",
}

// nameForms maps an upper-case form to the other forms of its groups.
var nameForms = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range givenNameForms {
		fs := strings.Fields(strings.ToUpper(g))
		for _, a := range fs {
			for _, b := range fs {
				if a != b && !containsString(m[a], b) {
					m[a] = append(m[a], b)
				}
			}
		}
	}
	return m
}()

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// NameForms returns the other forms of a given name (upper-case Cyrillic):
// full, short and variant forms and the Bulgarian and Romanian forms of a
// Russian name, or nil.
func NameForms(token string) []string {
	return nameForms[strings.ToUpper(token)]
}
