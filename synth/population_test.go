package synth

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"trex"
)

func TestPatronymicGrammar(t *testing.T) {
	for _, c := range []struct{ father, son, daughter string }{
		{"Иван", "Иванович", "Ивановна"},
		{"Андрей", "Андреевич", "Андреевна"},
		{"Юрий", "Юрьевич", "Юрьевна"},
		{"Дмитрий", "Дмитриевич", "Дмитриевна"},
		{"Георгий", "Георгиевич", "Георгиевна"},
		{"Игорь", "Игоревич", "Игоревна"},
		{"Никита", "Никитич", "Никитична"},
		{"Илья", "Ильич", "Ильинична"},
		{"Лев", "Львович", "Львовна"},
		{"Пётр", "Петрович", "Петровна"},
		{"Михаил", "Михайлович", "Михайловна"},
	} {
		if got := patronymic(c.father, false); got != c.son {
			t.Errorf("son of %s: %s, want %s", c.father, got, c.son)
		}
		if got := patronymic(c.father, true); got != c.daughter {
			t.Errorf("daughter of %s: %s, want %s", c.father, got, c.daughter)
		}
	}
	if got := foreignPatronymic("Муса", false); got != "Мусаевич" {
		t.Errorf("son of Муса: %s", got)
	}
	if got := turkicPatronymic("Гасан", true); got != "Гасан кызы" {
		t.Errorf("daughter of Гасан: %s", got)
	}
}

func TestSurnameGrammar(t *testing.T) {
	for stem, want := range map[string]string{"Иван": "Иванов", "Галка": "Галкин", "Илья": "Ильин", "Синица": "Синицын",
		"Андрей": "Андреев", "Игорь": "Игорев", "Грач": "Грачев", "Кузнец": "Кузнецов", "Григорий": "Григорьев"} {
		if got := possessive(stem); got != want {
			t.Errorf("possessive(%s) = %s, want %s", stem, got, want)
		}
	}
	if got := adjectival("Троиц"); got != "Троицкий" {
		t.Errorf("adjectival(Троиц) = %s", got)
	}
	if got := (surname{"Троицкий"}).feminine(); got != "Троицкая" {
		t.Errorf("feminine of Троицкий: %s", got)
	}
}

func TestPopulationDeterministic(t *testing.T) {
	a, b := NewPopulation(3), NewPopulation(3)
	for i := 0; i < 200; i++ {
		if pa, pb := a.Person(), b.Person(); !reflect.DeepEqual(pa, pb) {
			t.Fatalf("person %d differs for one seed", i)
		}
	}
}

// TestPopulationShape draws a register's worth of persons and checks the
// properties the scale tests rest on: a surname inventory in the tens of
// thousands with a Zipf-like skew, given names concentrated as in life,
// patronymics and surnames in the person's gender, and birth years
// spread as births and survival spread them, not uniformly.
func TestPopulationShape(t *testing.T) {
	if n := thePopulation().surnames; n < 20000 {
		t.Fatalf("surname inventory %d, want tens of thousands", n)
	}
	g := NewPopulation(11)
	n := 100_000
	if testing.Short() {
		n = 30_000
	}
	surnames, givens := map[string]int{}, map[string]int{}
	years := map[int]int{}
	janFirst := 0
	for i := 0; i < n; i++ {
		p := g.Person()
		nm := p.Names[0]
		for _, part := range []string{nm.Surname, nm.Given, nm.Patronymic} {
			if part == "" || !unicode.Is(unicode.Cyrillic, []rune(part)[0]) {
				t.Fatalf("name part %q is not Cyrillic", part)
			}
		}
		female := p.Sex == trex.SexFemale
		switch {
		case female && strings.HasSuffix(nm.Patronymic, "ич"), !female && strings.HasSuffix(nm.Patronymic, "на"):
			t.Fatalf("%v person with patronymic %q", p.Sex, nm.Patronymic)
		case female && (strings.HasSuffix(nm.Surname, "ов") || strings.HasSuffix(nm.Surname, "ский")):
			t.Fatalf("woman's surname %q in the masculine form", nm.Surname)
		case !female && (strings.HasSuffix(nm.Surname, "ова") || strings.HasSuffix(nm.Surname, "ская")):
			t.Fatalf("man's surname %q in the feminine form", nm.Surname)
		}
		d := p.BirthDate
		if _, err := trex.ParsePartialDate(d.String()); err != nil || !d.IsFull() || d.Year < 1945 || d.Year > 2008 {
			t.Fatalf("birth date %v: %v", d, err)
		}
		if d.Month == 1 && d.Day == 1 {
			janFirst++
		}
		surnames[strings.TrimSuffix(nm.Surname, "а")]++
		givens[nm.Given]++
		years[d.Year]++
	}
	top := 0
	for _, c := range surnames {
		top = max(top, c)
	}
	share := float64(top) / float64(n)
	t.Logf("%d persons: %d distinct surnames, commonest %.4f; %d given names; 1 January %.4f",
		n, len(surnames), share, len(givens), float64(janFirst)/float64(n))
	if share < 0.003 || share > 0.02 {
		t.Errorf("commonest surname is %.4f of persons, want a real population's 0.3–2%%", share)
	}
	if len(surnames) < n/10 {
		t.Errorf("%d distinct surnames in %d persons: too few for a real population", len(surnames), n)
	}
	if len(givens) < 300 {
		t.Errorf("%d distinct given names", len(givens))
	}
	// The 1980s peak against the late-1990s trough: about two to one in
	// Russia's births.
	peak, trough := years[1986]+years[1987], years[1998]+years[1999]
	if r := float64(peak) / float64(max(trough, 1)); r < 1.4 || r > 2.6 {
		t.Errorf("births 1986–87 against 1998–99: %.2f, want about 2", r)
	}
	if jf := float64(janFirst) / float64(n); jf < 0.003 || jf > 0.01 {
		t.Errorf("share born on 1 January %.4f, want the register heaping of about 0.5%%", jf)
	}
}
