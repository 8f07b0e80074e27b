package screening

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"trex"
	"trex/romanize"
	"trex/synth"
)

// realNamesHeldOut are pairs of the same classes as the tests above,
// written down after the tables were built, to measure how far they
// generalise. Three missed at a near birth date when first run (the Uzbek
// O that Russian writes А, the French nasal IN that Russian writes ЕН);
// the rules for those conventions were added then, so the list is no
// longer wholly held out.
var realNamesHeldOut = []namePair{
	{regName("Тоҷиддинов", "Фарҳод", ""), docName("TOJIDDINOV", "FARHOD")},
	{regName("Нұрмағамбетов", "Ерлан", ""), docName("NURMAGAMBETOV", "YERLAN")},
	{regName("Жұмабаев", "Асқар", ""), docName("ZHUMABAYEV", "ASKAR")},
	{regName("Сүлейменов", "Олжас", ""), docName("SULEIMENOV", "OLZHAS")},
	{regName("Төлеуов", "Бауыржан", ""), docName("TOLEUOV", "BAUYRZHAN")},
	{regName("Үсенов", "Нурбек", ""), docName("USENOV", "NURBEK")},
	{regName("Мамытбеков", "Чыңгыз", ""), docName("MAMYTBEKOV", "CHYNGYZ")},
	{regName("Ғиззатуллин", "Рәфис", ""), docName("GIZZATULLIN", "RAFIS")},
	{regName("Шәймиев", "Минтимер", ""), docName("SHAIMIEV", "MINTIMER")},
	{regName("Алиев", "Ильхам", ""), docName("ALIYEV", "ILHAM")},
	{regName("Аббасова", "Гюльнара", ""), docName("ABBASOVA", "GULNARA")},
	{regName("Шахбазов", "Тогрул", ""), docName("SHAHBAZOV", "TOGRUL")},
	{regName("Джалилов", "Рауф", ""), docName("CALILOV", "RAUF")},
	{regName("Нуриев", "Эльдар", ""), docName("NURIYEV", "ELDAR")},
	{regName("Юлдашев", "Бахтияр", ""), docName("YULDASHEV", "BAXTIYOR")},
	{regName("Каримов", "Ислам", ""), docName("KARIMOV", "ISLOM")},
	{regName("Турсунов", "Шухрат", ""), docName("TURSUNOV", "SHUHRAT")},
	{regName("Калныньш", "Айварс", ""), docName("KALNINS", "AIVARS")},
	{regName("Петраускас", "Йонас", ""), docName("PETRAUSKAS", "JONAS")},
	{regName("Русу", "Виорел", ""), docName("RUSU", "VIOREL")},
	{regName("Чебану", "Думитру", ""), docName("CEBANU", "DUMITRU")},
	{regName("Унгуряну", "Василе", ""), docName("UNGUREANU", "VASILE")},
	{regName("Гуцу", "Михаил", ""), docName("GUTU", "MIHAI")},
	{regName("Вагнер", "Томас", ""), docName("WAGNER", "THOMAS")},
	{regName("Беккер", "Петер", ""), docName("BECKER", "PETER")},
	{regName("Шульц", "Вольфганг", ""), docName("SCHULZ", "WOLFGANG")},
	{regName("Бернар", "Филипп", ""), docName("BERNARD", "PHILIPPE")},
	{regName("Мартен", "Тьерри", ""), docName("MARTIN", "THIERRY")},
	{regName("Росси", "Марко", ""), docName("ROSSI", "MARCO")},
	{regName("Лопес", "Мигель", ""), docName("LOPEZ", "MIGUEL")},
	{regName("Санчес", "Хавьер", ""), docName("SANCHEZ", "JAVIER")},
	{regName("Волков", "Николай", ""), docName("VOLKOV", "KOLYA")},
	{regName("Стоянов", "Петър", ""), docName("STOYANOV", "PESHO")},
	{regName("Браун", "Дэвид", ""), docName("BROWN", "DAVID")},
}

// TestQualityRealNameClasses measures, per class of real names, recall of
// listed persons whose document spells their name the other way (at the
// same birth date and at a day-one-apart entry error) and the false-flag
// rate of travellers with such names who are not listed: each traveller
// checked at every other class record's birth date, and at the birth dates
// of persons of a synthetic register of 50,000 that the class records are
// part of.
func TestQualityRealNameClasses(t *testing.T) {
	classes := []struct {
		name  string
		pairs []namePair
	}{
		{"central-asian", centralAsianSame}, {"russian-form", russianFormsSame},
		{"foreign-origin", foreignOriginSame}, {"given-name-form", givenNameFormsSame},
		{"compound-surname", compoundSurnamesSame}, {"held-out", realNamesHeldOut},
	}
	ix := New()
	gen := synth.New(99)
	people := make([]trex.Person, 50000)
	names := map[string]trex.Name{}
	for i := range people {
		people[i] = gen.Person()
		ix.Put(trex.Subject{Key: fmt.Sprint("s", i), Person: people[i]})
		names[fmt.Sprint("s", i)] = people[i].Names[0]
	}
	type listed struct {
		key string
		p   namePair
		dob trex.PartialDate
	}
	var all []listed
	for ci, c := range classes {
		for i, p := range c.pairs {
			key := fmt.Sprintf("c%d-%d", ci, i)
			dob := trex.MustPartialDate(fmt.Sprintf("19%02d-%02d-%02d", 40+(ci*7+i)%50, 1+(ci+i)%12, 1+(ci*3+i)%27))
			ix.Put(trex.Subject{Key: key, Person: trex.Person{Names: []trex.Name{p.record}, BirthDate: dob}})
			names[key] = p.record
			all = append(all, listed{key, p, dob})
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	t.Logf("%-18s %5s %12s %12s %6s %10s", "class", "pos", "recall-same", "recall-near", "neg", "falseflag")
	var pos, foundSame, foundNear, neg, flagged int
	k := 0
	for _, c := range classes {
		var cp, cs, cn, cneg, cf int
		for range c.pairs {
			l := all[k]
			k++
			near := l.dob
			near.Day++
			for j, d := range []trex.PartialDate{l.dob, near} {
				_, ms := matchAll(ix, trex.Person{Names: []trex.Name{l.p.traveller}, BirthDate: d})
				if contains(ms, l.key) {
					if j == 0 {
						cs++
					} else {
						cn++
					}
				} else if c.name != "held-out" && j == 0 {
					t.Errorf("%s: %s born %s not referred to %s born %s", c.name, l.p.traveller, d, l.p.record, l.dob)
				}
			}
			cp++
			// Not listed: the same name at other persons' birth dates.
			var dobs []trex.PartialDate
			for _, o := range all {
				if o.key != l.key {
					dobs = append(dobs, o.dob)
				}
			}
			for range 100 {
				dobs = append(dobs, people[r.IntN(len(people))].BirthDate)
			}
			for _, d := range dobs {
				if d == l.dob {
					continue
				}
				_, ms := matchAll(ix, trex.Person{Names: []trex.Name{l.p.traveller}, BirthDate: d})
				cneg++
				for _, m := range ms {
					// A referral to the listed person, or to a namesake
					// in the register (the same surname and given name),
					// is not one the name forms caused.
					if m.RestrictionID == l.key || namesake(names[m.RestrictionID], l.p) {
						continue
					}
					cf++
					t.Logf("flagged: %s born %s as %s: %v", l.p.traveller, d, names[m.RestrictionID], m.Reasons)
					break
				}
			}
		}
		t.Logf("%-18s %5d %12.4f %12.4f %6d %10.4f", c.name, cp, ratio(cs, cp), ratio(cn, cp), cneg, ratio(cf, cneg))
		pos, foundSame, foundNear, neg, flagged = pos+cp, foundSame+cs, foundNear+cn, neg+cneg, flagged+cf
	}
	t.Logf("%-18s %5d %12.4f %12.4f %6d %10.4f", "ALL", pos, ratio(foundSame, pos), ratio(foundNear, pos), neg, ratio(flagged, neg))
	if r := ratio(foundSame, pos); r < 1 {
		t.Errorf("recall at the same birth date %.4f, want 1", r)
	}
	// A near birth date is weighed against the namesakes the register
	// holds by chance (chance.go): with the commonest names of this
	// register (a short form of a common given name and a common surname)
	// it singles out no one, and is not referred.
	if r := ratio(foundNear, pos); r < 0.95 {
		t.Errorf("recall at a near birth date %.4f, want >= 0.95", r)
	}
	if f := ratio(flagged, neg); f > 0.002 {
		t.Errorf("false-flag rate %.4f, want <= 0.002", f)
	}
}

// namesake reports whether a register name is the pair's record name (the
// same surname and given name) or is the traveller's name in its ICAO
// spelling: a referral to it is not one a reading caused.
func namesake(a trex.Name, p namePair) bool {
	if strings.EqualFold(a.Surname, p.record.Surname) && strings.EqualFold(a.Given, p.record.Given) {
		return true
	}
	return romanize.ICAOName(a.Surname) == romanize.ICAOName(p.traveller.Surname) &&
		romanize.ICAOName(a.Given) == romanize.ICAOName(p.traveller.Given)
}
