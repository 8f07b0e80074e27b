package screening

// freshClasses are pairs of the classes whose rules were added after
// standardsClasses was first measured, written after those rules, from
// the same standards and transcription conventions, and not used to
// change any rule: they measure how far the class rules generalise. The
// names are made up of common name parts; they are not people.
var freshClasses = []realNameClass{
	{"belarusian", []namePair{
		{regName("Павлов", "Виктор", ""), docName("PAULAU", "VIKTAR")},
		{regName("Михайлов", "Юрий", ""), docName("MIKHAILAU", "YURY")},
		{regName("Захарова", "Светлана", ""), docName("ZAKHARAVA", "SVIATLANA")},
		{regName("Богданов", "Константин", ""), docName("BAHDANAU", "KANSTANTSIN")},
		{regName("Гончаров", "Виталий", ""), docName("HANCHAROU", "VITAL")},
		{regName("Лебедев", "Артём", ""), docName("LEBEDZEU", "ARTSIOM")},
	}, []namePair{
		{regName("Павлов", "Виктор", ""), docName("PAULIUK", "VIKTAR")},
		{regName("Богданов", "Константин", ""), docName("BAHDANOVICH", "KANSTANTSIN")},
	}},
	{"polish", []namePair{
		{regName("Янковский", "Павел", ""), docName("JANKOWSKI", "PAWEŁ")},
		{regName("Мазуркевич", "Адам", ""), docName("MAZURKIEWICZ", "ADAM")},
		{regName("Грабовская", "Катажина", ""), docName("GRABOWSKA", "KATARZYNA")},
		{regName("Щепаньский", "Марек", ""), docName("SZCZEPAŃSKI", "MAREK")},
		{regName("Жак", "Тадеуш", ""), docName("ŻAK", "TADEUSZ")},
	}, []namePair{
		{regName("Янковский", "Павел", ""), docName("JANKOWIAK", "PAWEŁ")},
	}},
	{"portuguese", []namePair{
		{regName("Оливейра", "Тьягу", ""), docName("OLIVEIRA", "TIAGO")},
		{regName("Соуза", "Гонсалу", ""), docName("SOUSA", "GONÇALO")},
		{regName("Лопеш", "Марта", ""), docName("LOPES", "MARTA")},
		{regName("Алмейда", "Сержиу", ""), docName("ALMEIDA", "SÉRGIO")},
	}, []namePair{
		{regName("Оливейра", "Тьягу", ""), docName("OLIVARES", "TIAGO")},
	}},
	{"hungarian", []namePair{
		{regName("Сюч", "Петер", ""), docName("SZŰCS", "PÉTER")},
		{regName("Лакатош", "Тамаш", ""), docName("LAKATOS", "TAMÁS")},
		{regName("Месарош", "Золтан", ""), docName("MÉSZÁROS", "ZOLTÁN")},
		{regName("Гал", "Чаба", ""), docName("GÁL", "CSABA")},
	}, []namePair{
		{regName("Лакатош", "Тамаш", ""), docName("LAKATOSNE", "TAMÁS")},
	}},
	{"dutch", []namePair{
		{regName("де Йонг", "Сандер", ""), docName("DE JONG", "SANDER")},
		{regName("Вермёлен", "Йост", ""), docName("VERMEULEN", "JOOST")},
		{regName("Смитс", "Брам", ""), docName("SMITS", "BRAM")},
		{regName("Хукстра", "Герт", ""), docName("HOEKSTRA", "GEERT")},
	}, []namePair{
		{regName("Хукстра", "Герт", ""), docName("HOEKSEMA", "GEERT")},
	}},
	{"armenian", []namePair{
		{regName("Мартиросян", "Геворк", ""), docName("MARTIROSYAN", "GEVORG")},
		{regName("Галстян", "Ани", ""), docName("GALSTYAN", "ANI")},
		{regName("Казарян", "Вардан", ""), docName("GHAZARYAN", "VARDAN")},
		{regName("Овсепян", "Нарине", ""), docName("HOVSEPYAN", "NARINE")},
		{regName("Саакян", "Лилит", ""), docName("SAHAKYAN", "LILIT")},
	}, []namePair{
		{regName("Казарян", "Вардан", ""), docName("GHAZANCHYAN", "VARDAN")},
		{regName("Саакян", "Лилит", ""), docName("SARGSYAN", "LILIT")},
	}},
	{"english", []namePair{
		{regName("Морган", "Элизабет", ""), docName("MORGAN", "ELIZABETH")},
		{regName("Филлипс", "Энтони", ""), docName("PHILLIPS", "ANTHONY")},
		{regName("Купер", "Джонатан", ""), docName("COOPER", "JONATHAN")},
		{regName("Эдвардс", "Рэйчел", ""), docName("EDWARDS", "RACHEL")},
		{regName("Вуд", "Грэм", ""), docName("WOOD", "GRAHAM")},
	}, []namePair{
		{regName("Купер", "Джонатан", ""), docName("CASPER", "JONATHAN")},
	}},
	{"baltic", []namePair{
		{regName("Соколов", "Дмитрий", ""), docName("SOKOLOVS", "DMITRIJS")},
		{regName("Кузнецов", "Александр", ""), docName("KUZNECOVAS", "ALEKSANDRAS")},
		{regName("Кыйв", "Юри", ""), docName("KÕIV", "JÜRI")},
		{regName("Калниня", "Иева", ""), docName("KALNIŅA", "IEVA")},
	}, []namePair{
		{regName("Соколов", "Дмитрий", ""), docName("SOKOLS", "DMITRIJS")},
	}},
}
