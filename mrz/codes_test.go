package mrz_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"trex"
	"trex/mrz"
)

func TestKnownCode(t *testing.T) {
	for code, want := range map[string]bool{
		"BIH": true, "RUS": true, "KAZ": true, "D": true, "UTO": true, "XXA": true, "XXB": true,
		"XXC": true, "XXX": true, "EUE": true, "UNO": true, "UNA": true, "GBD": true, "XPO": true,
		"BOS": false, // Bosnia and Herzegovina is BIH
		"DEU": true, "DE": false, "GER": false,
		"YUG": false, "SUN": false, "ZAR": false, "ANT": false, "PCI": false, // withdrawn
		"ASC": false, "DGA": false, "TAA": false, "CPT": false, // reserved, not assigned
		"SSD": true, "BES": true, "CUW": true, "SXM": true, "ALA": true, // assigned lately
		"AAA": false, "ZZZ": false, "": false, "UT": false,
	} {
		if got := mrz.KnownCode(code); got != want {
			t.Errorf("KnownCode(%q) = %v, want %v", code, got, want)
		}
	}
}

// bosnian is a TD3 zone whose issuing state and nationality print BOS.
func bosnian(t *testing.T) string {
	return mustEncode(t, &mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "BOS",
		Surname: "HODZIC", GivenNames: []string{"AMRA"}, DocumentNumber: "A1234567", Nationality: "BOS",
		BirthDate: trex.MustPartialDate("1985-03-02"), Sex: trex.SexFemale, ExpiryDate: trex.MustPartialDate("2031-03-01")})
}

func TestUnknownCodesWarn(t *testing.T) {
	z, err := strict.Read(bosnian(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(z.Warnings); !reflect.DeepEqual(got, []string{"unknown_code issuing state", "unknown_code nationality"}) {
		t.Errorf("warnings = %v (%+v)", got, z.Warnings)
	}
	if !strings.Contains(z.Warnings[0].Message, `"BOS"`) {
		t.Errorf("message does not name the code: %q", z.Warnings[0].Message)
	}
	ok, err := strict.Read(specimens[5].text) // UTO, valid until 2030
	if err != nil {
		t.Fatal(err)
	}
	if len(ok.Warnings) != 0 {
		t.Errorf("a specimen of known codes warns: %+v", ok.Warnings)
	}
}

func codes(ws []mrz.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Code+" "+w.Field)
	}
	return out
}

func TestOCRSettlesACodeByTheList(t *testing.T) {
	// 0 may be O, Q or D, and 1 may be I or L: only UTO and IRL are codes.
	text := replaceAt(td3Line1, 5, "0") + "\n" + replaceAt(replaceAt(td3Line2, 11, "1"), 12, "R")
	text = strings.Replace(text, "1RO", "1RL", 1)
	z, err := tolerant.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	if z.IssuingState != "UTO" || z.Nationality != "IRL" {
		t.Errorf("issuing state %q, nationality %q", z.IssuingState, z.Nationality)
	}
	want := []mrz.Correction{
		{Line: 1, Pos: 5, From: "0", To: "O", Field: "issuing state"},
		{Line: 2, Pos: 11, From: "1", To: "I", Field: "nationality"},
	}
	if !reflect.DeepEqual(z.Corrections, want) {
		t.Errorf("Corrections = %+v", z.Corrections)
	}
}

func TestOCRRefusesACodeTheListLeavesOpen(t *testing.T) {
	// A1A reads as AIA (Anguilla) or ALA (Åland): both are codes.
	text := td3Line1 + "\n" + td3Line2[:10] + "A1A" + td3Line2[13:]
	_, err := tolerant.Read(text)
	var e *mrz.Error
	if !errors.As(err, &e) || e.Line != 2 || e.Pos != 12 || !strings.Contains(e.Reason, "nationality") {
		t.Fatalf("got %v, want a refusal at line 2, position 12", err)
	}
}

func TestSecondDoubleFillerWarns(t *testing.T) {
	line1 := "P<UTODE<LA<CRUZ<<GARCIA<<MARIA<<<<<<<<<<<<<<"
	z, err := strict.Read(line1 + "\n" + td3Line2)
	if err != nil {
		t.Fatal(err)
	}
	if z.Surname != "DE LA CRUZ" || !reflect.DeepEqual(z.GivenNames, []string{"GARCIA", "MARIA"}) {
		t.Errorf("name %q %q", z.Surname, z.GivenNames)
	}
	if got := codes(z.Warnings); !reflect.DeepEqual(got, []string{"name_separator name", "expired date of expiry"}) {
		t.Errorf("warnings = %v", got)
	}
	// A single double filler and a run of trailing fillers do not warn.
	z, err = strict.Read(td3Line1 + "\n" + td3Line2)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(z.Warnings); !reflect.DeepEqual(got, []string{"expired date of expiry"}) {
		t.Errorf("warnings = %v", got)
	}
}

func TestExpiredDocumentIsReadAndWarned(t *testing.T) {
	zone := func(expiry string) string {
		return mustEncode(t, &mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "UTO",
			Surname: "ERIKSSON", DocumentNumber: "L898902C3", Nationality: "UTO",
			BirthDate: trex.MustPartialDate("1974-08-12"), ExpiryDate: trex.MustPartialDate(expiry)})
	}
	// now is 2026-11-25: the day before is expired, the day itself is not.
	for expiry, want := range map[string]bool{"2026-11-24": true, "2026-11-25": false, "2031-01-01": false} {
		z, err := strict.Read(zone(expiry))
		if err != nil {
			t.Fatalf("%s: %v", expiry, err)
		}
		if got := len(z.Warnings) == 1 && z.Warnings[0].Code == mrz.WarnExpired; got != want {
			t.Errorf("expiry %s: warnings %+v, want expired %v", expiry, z.Warnings, want)
		}
	}
}
