package screening

import (
	"strings"
	"testing"

	"trex"
	"trex/romanize"
)

// A check's reasons and evidence details say how fields agree without
// quoting the record: not its names (as written or romanised), patronymic,
// birth date or identifiers. The record's values are in Evidence.Record.
func TestExplanationsDoNotQuoteTheRecord(t *testing.T) {
	dob := "1979-11-02"
	record := trex.Person{
		Names:     []trex.Name{{Surname: "Волкова", Given: "Дарья", Patronymic: "Олеговна"}, {Surname: "KRAVETS", Given: "MARINA"}},
		BirthDate: trex.MustPartialDate(dob), Sex: trex.SexFemale, Nationality: []string{"RU"},
		Documents:   []trex.Document{{Kind: "passport", Number: "752223344"}},
		Identifiers: []trex.Identifier{{Kind: "national_id", Value: "770101234567"}},
	}
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: record})
	doc := []trex.Document{{Number: "752223344"}}
	travellers := map[string]trex.Person{
		"exact":               {Names: []trex.Name{{Surname: "KRAVETS", Given: "MARINA"}}, BirthDate: record.BirthDate},
		"transliteration":     {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA"}}, BirthDate: record.BirthDate, Sex: trex.SexFemale},
		"variant":             {Names: []trex.Name{{Surname: "WOLKOWA", Given: "DARJA"}}, BirthDate: record.BirthDate},
		"typo":                {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIIA"}}, BirthDate: trex.MustPartialDate("1979-11-03")},
		"near date":           {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA"}}, BirthDate: trex.MustPartialDate("1979-02-11")},
		"partial date":        {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA"}}, BirthDate: trex.PartialDate{Year: 1979}},
		"unknown date":        {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA"}}},
		"with patronymic":     {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA", Patronymic: "OLEGOVNA"}}, BirthDate: record.BirthDate},
		"other patronymic":    {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA", Patronymic: "IGOREVNA"}}, BirthDate: record.BirthDate, Documents: doc},
		"document, all agree": {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA"}}, BirthDate: record.BirthDate, Documents: doc},
		"document only":       {Documents: doc},
		"document, all wrong": {Names: []trex.Name{{Surname: "PETROV", Given: "OLEG"}}, BirthDate: trex.MustPartialDate("1950-01-01"), Sex: trex.SexMale, Nationality: []string{"DE"}, Documents: doc},
		"inn":                 {Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA"}}, Identifiers: []trex.Identifier{{Kind: "national_id", Value: "770101234567"}}},
	}
	secrets := []string{dob, "1979", "11-02", "752223344", "770101234567"}
	for _, n := range record.Names {
		for _, part := range []string{n.Surname, n.Given, n.Patronymic} {
			for _, tok := range romanize.Tokens(part) {
				secrets = append(secrets, tok)
				for _, r := range romanize.Renderings(tok) {
					secrets = append(secrets, r.Text)
				}
			}
		}
	}
	for name, tr := range travellers {
		v, ms := matchAll(ix, tr)
		if v == trex.Clear || len(ms) == 0 {
			t.Errorf("%s: %s, want a match to inspect", name, v)
			continue
		}
		withRecord := 0
		for _, m := range ms {
			texts := append([]string{}, m.Reasons...)
			for _, e := range m.Evidence {
				texts = append(texts, e.Detail)
				if e.Record != "" {
					withRecord++
				}
			}
			for _, text := range texts {
				up := strings.ToUpper(text)
				for _, s := range secrets {
					if strings.Contains(up, strings.ToUpper(s)) {
						t.Errorf("%s: %q quotes the record's %q", name, text, s)
					}
				}
			}
		}
		if withRecord == 0 {
			t.Errorf("%s: no evidence carries the record's value for a supervisor", name)
		}
	}
}

// Explanations of a name spelled under an older or foreign system call it
// a romanisation, not a typing error; every system named reads as a name.
func TestKnownRomanisationsAreExplainedAsSuch(t *testing.T) {
	for _, rec := range []string{"Иванов", "IVANOV"} {
		ix := New()
		ix.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{{Surname: rec, Given: "Сергей"}}, BirthDate: trex.MustPartialDate("1970-01-02")}})
		for _, spelling := range []string{"IVANOFF", "IWANOW", "IWANOFF"} {
			_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: spelling, Given: "SERGEY"}}, BirthDate: trex.MustPartialDate("1970-01-02")})
			if len(ms) != 1 {
				t.Fatalf("%s against %s: %d matches, want 1", spelling, rec, len(ms))
			}
			for _, e := range ms[0].Evidence {
				if e.Field == "surname" && (e.Outcome == "typo" || e.Outcome == "mismatch") {
					t.Errorf("%s against %s explained as %s: %v", spelling, rec, e.Outcome, ms[0].Reasons)
				}
			}
			for _, r := range ms[0].Reasons {
				if strings.Contains(r, "typing") || strings.Contains(r, "unknown system") || strings.Contains(r, "  ") || strings.Contains(r, "under ,") {
					t.Errorf("%s against %s: reason %q", spelling, rec, r)
				}
			}
		}
	}
	// Polish and Spanish renderings name their system.
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{{Surname: "Хрущёв", Given: "Никита"}}, BirthDate: trex.MustPartialDate("1970-01-02")}})
	for _, c := range [][2]string{{"CHRUSZCZOW", "Polish"}, {"JRUSCHOV", "Spanish"}} {
		_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: c[0], Given: "NIKITA"}}, BirthDate: trex.MustPartialDate("1970-01-02")})
		if len(ms) != 1 || !strings.Contains(strings.Join(ms[0].Reasons, " "), c[1]) {
			t.Errorf("%s: reasons do not name the %s system: %v", c[0], c[1], ms)
		}
	}
}

// Without a birth date on one side, the summary does not claim the birth
// date made the person probable.
func TestUnknownBirthDateSummary(t *testing.T) {
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{{Surname: "Волкова", Given: "Дарья"}}, BirthDate: trex.MustPartialDate("1979-11-02")}})
	_, ms := matchAll(ix, trex.Person{Names: []trex.Name{{Surname: "VOLKOVA", Given: "DARIA"}}})
	if len(ms) != 1 {
		t.Fatalf("%d matches, want 1", len(ms))
	}
	for _, r := range ms[0].Reasons {
		if strings.Contains(r, "birth date make") {
			t.Errorf("reason %q credits a birth date that is unknown", r)
		}
	}
}

// A document that is the record's keeps the match's score above zero even
// when the name and the birth date are wrong: they say the holder may not
// be the person, not that the document is not the record's.
func TestDocumentOnlyAgreementDoesNotScoreZero(t *testing.T) {
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{{Surname: "Волкова", Given: "Дарья"}}, BirthDate: trex.MustPartialDate("1979-11-02"),
		Sex: trex.SexFemale, Documents: []trex.Document{{Number: "752223344"}}}})
	wrong := trex.Person{Names: []trex.Name{{Surname: "PETROV", Given: "OLEG"}}, BirthDate: trex.MustPartialDate("1950-01-01"), Sex: trex.SexMale,
		Documents: []trex.Document{{Number: "752223344"}}}
	v, ms := matchAll(ix, wrong)
	if v != trex.Refer || len(ms) != 1 {
		t.Fatalf("%s %v, want a referral", v, ms)
	}
	_, alone := matchAll(ix, trex.Person{Documents: wrong.Documents})
	if ms[0].Score <= 0 || ms[0].Score < alone[0].Score-0.5 {
		t.Errorf("document with wrong name and birth date scores %.3f (the document alone %.3f), want above zero", ms[0].Score, alone[0].Score)
	}
}
