package mrz_test

import (
	"strings"
	"testing"

	"trex"
	"trex/mrz"
)

// Germany's one-letter code D (Doc 9303 Part 3) stands with fillers in
// the issuing state and nationality, and is known.
func TestGermanCodeD(t *testing.T) {
	text := mustEncode(t, &mrz.Zone{Format: mrz.TD1, DocumentCode: "ID", IssuingState: "D", Surname: "MUSTERMANN",
		GivenNames: []string{"ERIKA"}, DocumentNumber: "T22000129", Nationality: "D",
		BirthDate: trex.MustPartialDate("1964-08-12"), Sex: trex.SexFemale, ExpiryDate: trex.MustPartialDate("2031-10-31")})
	if !strings.HasPrefix(text, "IDD<<T22000129") {
		t.Fatalf("zone %q", text)
	}
	z, err := strict.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	if z.IssuingState != "D" || z.Nationality != "D" || len(z.Warnings) != 0 {
		t.Errorf("read %q %q, warnings %+v", z.IssuingState, z.Nationality, z.Warnings)
	}
}

// A TD2 card's long number may also count the filler in its check digit.
func TestTD2LongNumberWithFiller(t *testing.T) {
	const number = "X12345678591"
	z := &mrz.Zone{Format: mrz.TD2, DocumentCode: "I", IssuingState: "UTO", Surname: "ERIKSSON",
		DocumentNumber: number, Nationality: "UTO", BirthDate: trex.MustPartialDate("1974-08-12"),
		ExpiryDate: trex.MustPartialDate("2030-04-15"), NumberCheckWithFiller: true}
	if mrz.CheckDigit(number) == mrz.CheckDigit(number[:9]+"<"+number[9:]) {
		t.Fatal("the conventions agree on this number")
	}
	got, err := strict.Read(mustEncode(t, z))
	if err != nil {
		t.Fatal(err)
	}
	if got.DocumentNumber != number || !got.NumberCheckWithFiller {
		t.Errorf("read %q, with filler %v", got.DocumentNumber, got.NumberCheckWithFiller)
	}
}

// Where other readers accept what Doc 9303 does not allow, trex refuses,
// and says why. Each case keeps the reason it is a refusal.
func TestRefusalsWhereOtherReadersAccept(t *testing.T) {
	for _, tc := range []struct {
		name, why, text, reason string
	}{
		{"check digit wrong", "a zone whose digit disagrees is not the document's, whatever its other fields say",
			td3Line1 + "\n" + replaceAt(td3Line2, 20, "3"), "check digit of the date of birth"},
		{"lower case", "the MRZ alphabet is upper case; only the OCR mode raises it",
			strings.ToLower(td3Line1) + "\n" + td3Line2, "not in the MRZ alphabet"},
		{"month 13", "a date that does not exist is a misread or a forgery",
			withBirth(t, "741312"), "month 13"},
		{"sex K", "Part 3 allows M, F and X (or a filler) only",
			td3Line1 + "\n" + replaceAt(td3Line2, 21, "K"), "sex 'K'"},
		{"French identity card", "its 2x36 layout is national, not Doc 9303's TD2",
			"IDFRASPECIMEN<<<<<<<<<<<<<<<<<<<<<<<\n8806923102858ANNE<<<<<<<<<<7401012F8", "not a Doc 9303"},
		{"Swiss driving licence", "a driving licence is not a travel document",
			"ABC123D<<\nFACHE123456789<<<<<<740812<<<<\nSPECIMEN<<ANNA<<<<<<<<<<<<<<<<", "not a travel document"},
		{"digit in the name", "a name holds letters only, outside the internal passport's code table",
			replaceAt(td3Line1, 8, "0") + "\n" + td3Line2, "digit '0' in the name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z, err := strict.Read(tc.text)
			if err == nil {
				t.Fatalf("accepted (%s): %+v", tc.why, z)
			}
			if !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("refused as %v, want %q (%s)", err, tc.reason, tc.why)
			}
		})
	}
}
