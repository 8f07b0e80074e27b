package mrz_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"trex"
	"trex/mrz"
)

// internalZone builds the zone of a Russian internal passport from the
// published layout: PN, RUS, the name field in the code table, then on
// line 2 three digits of the series and the number, no expiry (fillers,
// its digit a filler), and the last digit of the series, the date of
// issue and the issuing office's code in the optional data.
func internalZone(name, series, number, birth, sex, issued, office string) string {
	line1 := "PNRUS" + name
	line1 += strings.Repeat("<", 44-len(line1))
	docNo := series[:3] + number
	opt := series[3:] + issued + office + "<"
	line2 := docNo + string(mrz.CheckDigit(docNo)) + "RUS" + birth + string(mrz.CheckDigit(birth)) + sex +
		"<<<<<<" + "<" + opt + string(mrz.CheckDigit(opt))
	line2 += string(mrz.CheckDigit(line2[0:10] + line2[13:20] + line2[21:43]))
	return line1 + "\n" + line2
}

func TestRussianInternalPassport(t *testing.T) {
	// ЧЕРНЫШЁВ ЮРИЙ ВЯЧЕСЛАВОВИЧ: Ч→3, Ы→Y, Ш→4, Ё→2, Ю→7, Й→Q, Я→8.
	text := internalZone("3ERNY42V<<7RIQ<V83ESLAVOVI3", "4608", "123456", "850317", "M", "150402", "500123")
	z, err := strict.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	want := &mrz.National{
		Document:       "internal_passport",
		Name:           &trex.Name{Surname: "ЧЕРНЫШЁВ", Given: "ЮРИЙ", Patronymic: "ВЯЧЕСЛАВОВИЧ"},
		Identifier:     trex.Identifier{Kind: "internal_passport", Country: "RUS", Value: "4608123456"},
		IdentifierName: "series and number",
		IssueDate:      trex.MustPartialDate("2015-04-02"),
		Authority:      "500-123",
	}
	if !reflect.DeepEqual(z.National, want) {
		t.Errorf("National:\ngot  %+v\nwant %+v", z.National, want)
	}
	if z.Format != mrz.TD3 || z.DocumentNumber != "460123456" || !z.ExpiryDate.IsZero() ||
		z.BirthDate != trex.MustPartialDate("1985-03-17") || z.Sex != trex.SexMale || len(z.Warnings) != 0 {
		t.Errorf("zone: %+v", z)
	}
	// Screening sees the Cyrillic name and the whole series and number,
	// as a document and as a national identifier.
	p := z.Person()
	wantPerson := trex.Person{
		Names:       []trex.Name{{Surname: "ЧЕРНЫШЁВ", Given: "ЮРИЙ", Patronymic: "ВЯЧЕСЛАВОВИЧ"}},
		BirthDate:   trex.MustPartialDate("1985-03-17"),
		Sex:         trex.SexMale,
		Nationality: []string{"RUS"},
		Identifiers: []trex.Identifier{{Kind: "internal_passport", Country: "RUS", Value: "4608123456"}},
		Documents:   []trex.Document{{Kind: "internal_passport", Number: "4608123456", IssuingState: "RUS"}},
	}
	if !reflect.DeepEqual(p, wantPerson) {
		t.Errorf("Person:\ngot  %+v\nwant %+v", p, wantPerson)
	}
	// The zone prints back to a zone that reads the same.
	again, err := strict.Read(mustEncode(t, z))
	if err != nil || !reflect.DeepEqual(again.National, z.National) {
		t.Errorf("Read(Encode): %+v, %v", again, err)
	}
}

func TestInternalPassportCodeTable(t *testing.T) {
	// Every letter of the Russian alphabet, in the order of the alphabet.
	text := internalZone("ABVGDE2JZIQKLMNOPRSTUFHC34WXY967<<8", "4608", "123456", "850317", "F", "150402", "500123")
	z, err := strict.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := z.National.Name.Surname, "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮ"; got != want {
		t.Errorf("Surname = %q, want %q", got, want)
	}
	if got := z.National.Name.Given; got != "Я" {
		t.Errorf("Given = %q", got)
	}
}

func TestInternalPassportPatronymics(t *testing.T) {
	for _, tc := range []struct {
		field                      string
		surname, given, patronymic string
	}{
		// МАМЕДОВ ЭЛЬЧИН АЙДЫН ОГЛЫ: a patronymic of two words.
		{"MAMEDOV<<6L93IN<AQDYN<OGLY", "МАМЕДОВ", "ЭЛЬЧИН", "АЙДЫН ОГЛЫ"},
		// A name without a patronymic.
		{"SMIT<<D8NA", "СМИТ", "ДЯНА", ""},
		// A double surname: its parts are separated by one filler.
		{"RIMSKAQ<KORSAKOVA<<OLXGA<PETROVNA", "РИМСКАЙ КОРСАКОВА", "ОЛЪГА", "ПЕТРОВНА"},
	} {
		z, err := strict.Read(internalZone(tc.field, "4608", "123456", "850317", "F", "150402", "500123"))
		if err != nil {
			t.Fatalf("%s: %v", tc.field, err)
		}
		n := z.National.Name
		if n.Surname != tc.surname || n.Given != tc.given || n.Patronymic != tc.patronymic {
			t.Errorf("%s: read %+v", tc.field, n)
		}
	}
}

func TestInternalPassportRefusals(t *testing.T) {
	good := internalZone("3ERNY42V<<7RIQ<V83ESLAVOVI3", "4608", "123456", "850317", "M", "150402", "500123")
	lines := strings.Split(good, "\n")
	for _, tc := range []struct {
		name      string
		text      string
		line, pos int
		reason    string
	}{
		{"a digit the code table does not use", replaceAt(lines[0], 7, "1") + "\n" + lines[1], 1, 7, "code table does not use"},
		// The last digit of the series is covered by the optional data's
		// check digit.
		{"series misread", lines[0] + "\n" + replaceAt(lines[1], 29, "9"), 2, 43, "check digit of the optional data"},
		{"number misread", lines[0] + "\n" + replaceAt(lines[1], 5, "9"), 2, 10, "check digit of the document number"},
		{"letter in the number", internalZone("IVANOV<<IVAN", "4608", "12345A", "850317", "M", "150402", "500123"), 2, 9, "digits only"},
		{"date of issue", internalZone("IVANOV<<IVAN", "4608", "123456", "850317", "M", "151302", "500123"), 2, 32, "month 13"},
		{"office code", internalZone("IVANOV<<IVAN", "4608", "123456", "850317", "M", "150402", "5001A3"), 2, 36, "office"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := strict.Read(tc.text)
			var e *mrz.Error
			if !errors.As(err, &e) || e.Line != tc.line || e.Pos != tc.pos || !strings.Contains(e.Reason, tc.reason) {
				t.Fatalf("got %v, want line %d position %d %q", err, tc.line, tc.pos, tc.reason)
			}
		})
	}
	// The same name field on a passport of Doc 9303's own layout is not
	// decoded: its digits are refused.
	_, err := strict.Read(strings.Replace(good, "PNRUS", "P<RUS", 1))
	if err == nil || !strings.Contains(err.Error(), "digit '3' in the name") {
		t.Errorf("a P<RUS zone with coded letters: %v", err)
	}
}

func TestOCRKeepsTheInternalPassportsDigits(t *testing.T) {
	text := internalZone("3ERNY42V<<7RIQ<V83ESLAVOVI3", "4608", "123456", "850317", "M", "150402", "500123")
	lines := strings.Split(text, "\n")
	// A 5 in the name stands for no letter of the table: it is an S.
	z, err := tolerant.Read(replaceAt(lines[0], 25, "5") + "\n" + lines[1])
	if err != nil {
		t.Fatal(err)
	}
	if z.National.Name.Patronymic != "ВЯЧЕСЛАВОВИЧ" || len(z.Corrections) != 1 {
		t.Errorf("read %+v, corrections %+v", z.National.Name, z.Corrections)
	}
	// The code table's digits are left as they are.
	z, err = tolerant.Read(text)
	if err != nil || len(z.Corrections) != 0 || z.National.Name.Surname != "ЧЕРНЫШЁВ" {
		t.Errorf("read %+v, %v", z, err)
	}
}
