package screening

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"trex"
)

// namesakeRegister holds n men named Иван Иванов born on random days, and
// one more, the listed person, with a rare patronymic.
func namesakeRegister(n int) (*Index, trex.Person) {
	r := rand.New(rand.NewPCG(1, 2))
	ix := New()
	for i := 0; i < n; i++ {
		ix.Put(trex.Subject{Key: "n" + strconv.Itoa(i), Person: trex.Person{
			Names:     []trex.Name{{Surname: "Иванов", Given: "Иван", Patronymic: "Сергеевич"}},
			BirthDate: trex.PartialDate{Year: 1950 + r.IntN(50), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}, Sex: trex.SexMale}})
	}
	listed := trex.Person{Names: []trex.Name{{Surname: "Иванов", Given: "Иван", Patronymic: "Тимурович"}},
		BirthDate: trex.MustPartialDate("1971-03-14"), Sex: trex.SexMale}
	ix.Put(trex.Subject{Key: "listed", Person: listed})
	return ix, listed
}

// TestNearDateWeighedAgainstNamesakes holds the chance model's decisions:
// among hundreds of namesakes a near birth date is not referred (it
// singles no one out), an exact one is, and so is a near one when a
// patronymic on the document narrows the namesakes to a few; with few
// namesakes a near date is referred.
func TestNearDateWeighedAgainstNamesakes(t *testing.T) {
	near := trex.MustPartialDate("1971-04-14") // month one apart
	traveller := func(patronymic string, d trex.PartialDate) trex.Person {
		return trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN", Patronymic: patronymic}}, BirthDate: d, Sex: trex.SexMale}
	}
	ix, listed := namesakeRegister(2000)
	for _, c := range []struct {
		what string
		p    trex.Person
		want bool
	}{
		{"near date among 2000 namesakes", traveller("", near), false},
		{"exact date among 2000 namesakes", traveller("", listed.BirthDate), true},
		{"near date and a rare patronymic", traveller("TIMUROVICH", near), true},
	} {
		_, ms := matchAll(ix, c.p)
		if got := referred(ms, "listed"); got != c.want {
			t.Errorf("%s: referred %v, want %v", c.what, got, c.want)
		}
	}
	few, _ := namesakeRegister(3)
	if _, ms := matchAll(few, traveller("", near)); !referred(ms, "listed") {
		t.Error("near date among 3 namesakes: not referred, want referred")
	}
}

// TestRegisteredNameIsNotATypo holds that a traveller whose surname is a
// different surname the register holds is not read as a misspelling of a
// listed person's (a namesake of the other name born the same day), while
// a misspelling that is no one's name still is.
func TestRegisteredNameIsNotATypo(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ix := New()
	for i := 0; i < 10; i++ {
		ix.Put(trex.Subject{Key: "s" + strconv.Itoa(i), Person: trex.Person{Names: []trex.Name{{Surname: "Соболева", Given: "Елена"}},
			BirthDate: trex.PartialDate{Year: 1950 + r.IntN(40), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}, Sex: trex.SexFemale}})
	}
	d := trex.MustPartialDate("1980-05-05")
	ix.Put(trex.Subject{Key: "listed", Person: trex.Person{Names: []trex.Name{{Surname: "Соловьева", Given: "Елена"}}, BirthDate: d, Sex: trex.SexFemale}})
	check := func(surname string) bool {
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: surname, Given: "ELENA"}}, BirthDate: d, Sex: trex.SexFemale})
		return referred(ms, "listed")
	}
	if check("SOBOLEVA") {
		t.Error("SOBOLEVA, a surname the register holds ten times, referred as a misspelt SOLOVEVA")
	}
	if !check("SOLOVEWVA") {
		t.Error("SOLOVEWVA, no one's name, not referred as a misspelt SOLOVEVA")
	}
}

// TestNearDateOutsideTheRegistersYears holds that the near dates an entry
// error admits count by how many of the register were born in their year:
// a traveller whose birth year an error moved one past the last year
// anyone of the register was born in has a single near date some
// namesake could hold by chance, not six, and among some eighty
// namesakes is referred; one born mid-span, whose near dates all fall in
// populated years, is not.
func TestNearDateOutsideTheRegistersYears(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ix := New()
	day := func() trex.PartialDate {
		return trex.PartialDate{Year: 1950 + r.IntN(50), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
	}
	surnames := []string{"Петров", "Сидоров", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков"}
	given := []string{"Пётр", "Сергей", "Николай", "Дмитрий", "Андрей", "Михаил", "Олег", "Юрий", "Павел", "Борис"}
	for i := 0; i < 1200; i++ {
		ix.Put(trex.Subject{Key: "o" + strconv.Itoa(i), Person: trex.Person{
			Names:     []trex.Name{{Surname: surnames[i%len(surnames)], Given: given[i/len(surnames)%len(given)]}},
			BirthDate: day(), Sex: trex.SexMale}})
	}
	for i := 0; i < 80; i++ {
		ix.Put(trex.Subject{Key: "n" + strconv.Itoa(i), Person: trex.Person{
			Names: []trex.Name{{Surname: "Иванов", Given: "Иван"}}, BirthDate: day(), Sex: trex.SexMale}})
	}
	for _, c := range []struct {
		what             string
		listed, traveler string
		want             bool
	}{
		{"year one past the register's last", "1999-03-14", "2000-03-14", true},
		{"year one apart mid-span", "1975-03-14", "1976-03-14", false},
	} {
		ix.Put(trex.Subject{Key: "listed", Person: trex.Person{Names: []trex.Name{{Surname: "Иванов", Given: "Иван"}},
			BirthDate: trex.MustPartialDate(c.listed), Sex: trex.SexMale}})
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}},
			BirthDate: trex.MustPartialDate(c.traveler), Sex: trex.SexMale})
		if got := referred(ms, "listed"); got != c.want {
			t.Errorf("%s: referred %v, want %v (chance %.3g)", c.what, got, c.want,
				ix.chanceOf(trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}}, BirthDate: trex.MustPartialDate(c.traveler), Sex: trex.SexMale}, "listed"))
		}
	}
}

// TestNearDatesOffTheCalendarNeverAgreeByChance holds that a near date no
// one can be born on (the 31st of April, written for the 31st of May with
// the month one off) adds nothing to the chance of a near date: in a
// register born within one year, the 31st of May is near two days of
// that year a namesake could be born on (the 30th and the 13th of May).
func TestNearDatesOffTheCalendarNeverAgreeByChance(t *testing.T) {
	ix := New()
	start := time.Date(1975, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 3650; i++ {
		d := start.AddDate(0, 0, i%365)
		ix.Put(trex.Subject{Key: "o" + strconv.Itoa(i), Person: trex.Person{Names: []trex.Name{{Surname: "Петров", Given: "Пётр"}},
			BirthDate: trex.PartialDate{Year: d.Year(), Month: int(d.Month()), Day: d.Day()}, Sex: trex.SexMale}})
	}
	days := ix.birthDays()
	got := ix.nearShare(trex.MustPartialDate("1975-05-31"), days)
	if want := 2 / days; math.Abs(got-want) > 1e-9*want {
		t.Errorf("near share of 1975-05-31 %.6g, want %.6g (two days of 1975)", got, want)
	}
}

// TestBirthDateNoStrangerBearsIsAnEntryError holds the near-date
// likelihood ratio's numerator: among 2000 namesakes, a traveller whose
// document shows a day no one is born on (the 31st of April), one entry
// error from the listed person's 31st of March, is referred, since no
// stranger bears that date; the same error from the 30th of March, which
// writes a real day, is not.
func TestBirthDateNoStrangerBearsIsAnEntryError(t *testing.T) {
	ix, _ := namesakeRegister(2000)
	for _, c := range []struct {
		listed, shown trex.PartialDate
		want          bool
	}{
		{trex.PartialDate{Year: 1971, Month: 3, Day: 31}, trex.PartialDate{Year: 1971, Month: 4, Day: 31}, true},
		{trex.PartialDate{Year: 1971, Month: 3, Day: 30}, trex.PartialDate{Year: 1971, Month: 4, Day: 30}, false},
	} {
		ix.Put(trex.Subject{Key: "listed", Person: trex.Person{Names: []trex.Name{{Surname: "Иванов", Given: "Иван"}},
			BirthDate: c.listed, Sex: trex.SexMale}})
		traveller := trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}}, BirthDate: c.shown, Sex: trex.SexMale}
		_, ms := matchAll(ix, traveller)
		if got := referred(ms, "listed"); got != c.want {
			t.Errorf("listed %v, document %v: referred %v, want %v (chance %.3g)", c.listed, c.shown, got, c.want, ix.chanceOf(traveller, "listed"))
		}
	}
}

// TestEntryErrorShareWeighsTheWaysAnErrorReachesTheDate holds that a
// near date counts by the ways the tolerated entry errors reach it from
// the record's date: an error in the 12th of March may also swap day and
// month, one in the 14th may not (there is no 14th month), so the 13th of
// March on a document is the likelier error of the 14th, and the chance
// ratio of the 12th is the larger.
func TestEntryErrorShareWeighsTheWaysAnErrorReachesTheDate(t *testing.T) {
	ix, _ := namesakeRegister(2000)
	days := ix.birthDays()
	shown := trex.PartialDate{Year: 1971, Month: 3, Day: 13}
	twelfth := ix.entryErrorShare(shown, trex.PartialDate{Year: 1971, Month: 3, Day: 12}, days)
	fourteenth := ix.entryErrorShare(shown, trex.PartialDate{Year: 1971, Month: 3, Day: 14}, days)
	if !(fourteenth < twelfth) {
		t.Errorf("13 March shown: share for a record of the 14th %.4g, of the 12th %.4g: want the 14th's smaller", fourteenth, twelfth)
	}
}
