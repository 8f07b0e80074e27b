package mrz_test

import (
	"strings"
	"testing"

	"trex"
	"trex/mrz"
)

func TestCenturyRules(t *testing.T) {
	// now is 2026-11-25.
	tests := []struct {
		name         string
		birth, raw   string // the date printed and the date expected back
		expiry, rawE string
	}{
		{"born earlier this year", "2026-01-10", "2026-01-10", "2030-01-01", "2030-01-01"},
		{"born today", "2026-11-25", "2026-11-25", "2030-01-01", "2030-01-01"},
		{"a birthday tomorrow is last century's", "2026-11-26", "1926-11-26", "2030-01-01", "2030-01-01"},
		{"born in the nineties", "1999-12-31", "1999-12-31", "2030-01-01", "2030-01-01"},
		{"born in 2000", "2000-02-29", "2000-02-29", "2030-01-01", "2030-01-01"},
		{"expiry fifty years ahead", "1974-08-12", "1974-08-12", "2076-12-31", "2076-12-31"},
		{"expiry beyond fifty years is last century's", "1974-08-12", "1974-08-12", "2077-01-01", "1977-01-01"},
		{"birth year only", "1974", "1974", "2030-01-01", "2030-01-01"},
		{"birth year and month", "1974-08", "1974-08", "2030-01-01", "2030-01-01"},
		{"birth date unknown", "", "", "2030-01-01", "2030-01-01"},
		{"no expiry", "1974-08-12", "1974-08-12", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := mustEncode(t, &mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "UTO",
				Surname: "ERIKSSON", DocumentNumber: "L898902C3", Nationality: "UTO",
				BirthDate: mustDate(tc.birth), ExpiryDate: mustDate(tc.expiry)})
			z, err := strict.Read(text)
			if err != nil {
				t.Fatal(err)
			}
			if got := z.BirthDate.String(); got != tc.raw {
				t.Errorf("BirthDate = %q, want %q", got, tc.raw)
			}
			if got := z.ExpiryDate.String(); got != tc.rawE {
				t.Errorf("ExpiryDate = %q, want %q", got, tc.rawE)
			}
		})
	}
}

func TestExpiryPartsRequired(t *testing.T) {
	line2 := td3Line2[:21] + "12<<<<" + string(mrz.CheckDigit("12<<<<")) + td3Line2[28:43]
	composite := line2[0:10] + line2[13:20] + line2[21:43]
	_, err := strict.Read(td3Line1 + "\n" + line2 + string(mrz.CheckDigit(composite)))
	e, ok := err.(*mrz.Error)
	if !ok || e.Line != 2 || e.Pos != 24 {
		t.Fatalf("got %v, want an error at line 2, position 24", err)
	}
}

func mustDate(s string) trex.PartialDate { return trex.MustPartialDate(s) }

func TestTruncatedName(t *testing.T) {
	long := &mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "UTO",
		Surname:        "VANDERWOODSEN DE LA TORRE",
		GivenNames:     []string{"MARIA", "ANNA", "CHRISTINA"},
		DocumentNumber: "L898902C3", Nationality: "UTO", BirthDate: mustDate("1974-08-12"),
		ExpiryDate: mustDate("2030-01-01")}
	z, err := strict.Read(mustEncode(t, long))
	if err != nil {
		t.Fatal(err)
	}
	if !z.Truncated {
		t.Error("a name that fills its field is not flagged as truncated")
	}
	// The field holds VANDERWOODSEN<DE<LA<TORRE<<MARIA<ANNA<C: 39 positions.
	if z.Surname != long.Surname || strings.Join(z.GivenNames, " ") != "MARIA ANNA C" {
		t.Errorf("name: %q %q", z.Surname, z.GivenNames)
	}
	if z, err := strict.Read(specimens[0].text); err != nil || z.Truncated {
		t.Errorf("the specimen's name ends in fillers but is flagged truncated (err %v)", err)
	}
}

func TestNameWithoutGivenNames(t *testing.T) {
	z, err := strict.Read("P<UTOERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" + td3Line2)
	if err != nil {
		t.Fatal(err)
	}
	if z.Surname != "ERIKSSON" || len(z.GivenNames) != 0 {
		t.Errorf("got %q %q", z.Surname, z.GivenNames)
	}
	z, err = strict.Read("P<UTODE<LA<TORRE<<JOSE<<<<<<<<<<<<<<<<<<<<<<\n" + td3Line2)
	if err != nil {
		t.Fatal(err)
	}
	if z.Surname != "DE LA TORRE" || len(z.GivenNames) != 1 || z.GivenNames[0] != "JOSE" {
		t.Errorf("got %q %q", z.Surname, z.GivenNames)
	}
}
