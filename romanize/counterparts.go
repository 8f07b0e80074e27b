package romanize

import "strings"

// ukrainianRussian pairs common given names in their Ukrainian and Russian
// forms. A Ukrainian citizen's record may hold the Ukrainian form while an
// older document carries the Russian one romanised (or the other way
// round): Олександр / Александр, Микола / Николай.
var ukrainianRussian = [][2]string{
	{"Олександр", "Александр"}, {"Олексій", "Алексей"}, {"Андрій", "Андрей"}, {"Анатолій", "Анатолий"},
	{"Василь", "Василий"}, {"Віктор", "Виктор"}, {"Віталій", "Виталий"}, {"Володимир", "Владимир"},
	{"В'ячеслав", "Вячеслав"}, {"Геннадій", "Геннадий"}, {"Григорій", "Григорий"}, {"Дмитро", "Дмитрий"},
	{"Євген", "Евгений"}, {"Іван", "Иван"}, {"Ігор", "Игорь"}, {"Кирило", "Кирилл"},
	{"Костянтин", "Константин"}, {"Леонід", "Леонид"}, {"Микола", "Николай"}, {"Михайло", "Михаил"},
	{"Павло", "Павел"}, {"Петро", "Пётр"}, {"Сергій", "Сергей"}, {"Юрій", "Юрий"},
	{"Яків", "Яков"}, {"Федір", "Фёдор"}, {"Артем", "Артём"}, {"Семен", "Семён"},
	{"Тимофій", "Тимофей"}, {"Матвій", "Матвей"}, {"Арсеній", "Арсений"}, {"Валерій", "Валерий"},
	{"Аркадій", "Аркадий"}, {"Данило", "Даниил"}, {"Ілля", "Илья"}, {"Опанас", "Афанасий"},
	{"Панас", "Афанасий"}, {"Юхим", "Ефим"}, {"Гліб", "Глеб"}, {"Олена", "Елена"},
	{"Наталія", "Наталья"}, {"Тетяна", "Татьяна"}, {"Ірина", "Ирина"}, {"Світлана", "Светлана"},
	{"Ганна", "Анна"}, {"Марія", "Мария"}, {"Катерина", "Екатерина"}, {"Юлія", "Юлия"},
	{"Надія", "Надежда"}, {"Анастасія", "Анастасия"}, {"Дарія", "Дарья"}, {"Вікторія", "Виктория"},
	{"Ксенія", "Ксения"}, {"Поліна", "Полина"}, {"Софія", "Софья"}, {"Олександра", "Александра"},
	{"Любов", "Любовь"}, {"Віра", "Вера"}, {"Ніна", "Нина"}, {"Зінаїда", "Зинаида"},
	{"Раїса", "Раиса"}, {"Лілія", "Лилия"}, {"Уляна", "Ульяна"}, {"Христина", "Кристина"},
	{"Вероніка", "Вероника"}, {"Єлизавета", "Елизавета"}, {"Аліна", "Алина"}, {"Євгенія", "Евгения"},
}

// counterparts maps an upper-case name to its forms in the other language;
// ukrainianForm holds the names that are the Ukrainian side of a pair.
var counterparts, ukrainianForm = func() (map[string][]string, map[string]bool) {
	m, uk := map[string][]string{}, map[string]bool{}
	for _, p := range ukrainianRussian {
		u, r := strings.ToUpper(strings.ReplaceAll(p[0], "'", "")), strings.ToUpper(p[1])
		m[u] = append(m[u], r)
		m[r] = append(m[r], u)
		uk[u] = true
	}
	for _, p := range belarusianRussian {
		b, r := strings.ToUpper(strings.ReplaceAll(p[0], "’", "")), strings.ToUpper(p[1])
		if b == r {
			continue
		}
		if !containsString(m[b], r) {
			m[b] = append(m[b], r)
		}
		if !containsString(m[r], b) {
			m[r] = append(m[r], b)
		}
	}
	return m, uk
}()

// Counterparts returns the Russian forms of a Ukrainian or Belarusian
// given name and the Ukrainian and Belarusian forms of a Russian one
// (upper-case Cyrillic), or nil.
func Counterparts(token string) []string {
	return counterparts[strings.ToUpper(token)]
}

// IsUkrainianForm reports whether token is the Ukrainian form of a given
// name the package knows in both languages.
func IsUkrainianForm(token string) bool {
	return ukrainianForm[strings.ToUpper(token)]
}
