package mrz_test

import (
	"errors"
	"strings"
	"testing"

	"trex"
	"trex/mrz"
)

func TestOCRFindsTheZoneBelowNoise(t *testing.T) {
	for _, sp := range specimens {
		// Noise as long as the zone's lines reads as a zone's line too,
		// but the run it starts does not read.
		width := len(strings.Split(sp.text, "\n")[0])
		for _, noise := range []string{"PASSPORT / PASSEPORT", "<<< K <<", "DEUTSCHLAND", strings.Repeat("<", width)} {
			text := noise + "\n" + sp.text
			if _, err := strict.Read(text); err == nil {
				t.Errorf("%s: strict mode read a zone with a line of noise", sp.name)
			} else if strings.Contains(err.Error(), "driving licence") {
				t.Errorf("%s below %q: strict mode calls it a driving licence: %v", sp.name, noise, err)
			}
			z, err := tolerant.Read(text)
			if err != nil {
				t.Errorf("%s below %q: %v", sp.name, noise, err)
				continue
			}
			if z.Format != sp.want.Format || z.DocumentNumber != sp.want.DocumentNumber || len(z.Corrections) != 0 {
				t.Errorf("%s: read as %s %s, corrections %v", sp.name, z.Format, z.DocumentNumber, z.Corrections)
			}
		}
	}
	// Noise below the zone as well, and a misread to correct.
	text := "REPUBLIC OF UTOPIA\n" + td3Line1 + "\n" + replaceAt(td3Line2, 6, "O") + "\n  12 "
	z, err := tolerant.Read(text)
	if err != nil || z.DocumentNumber != "L898902C3" || len(z.Corrections) != 1 {
		t.Fatalf("got %+v, %v", z, err)
	}
}

func TestOCRWithNoiseStillRefusesAnAmbiguousNumber(t *testing.T) {
	// As in TestOCRRefusesAmbiguity: two swaps fit the check digit.
	truth := mustEncode(t, &mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "UTO",
		Surname: "ERIKSSON", DocumentNumber: "5AASAAAAA", Nationality: "UTO",
		BirthDate: trex.MustPartialDate("1974-08-12"), ExpiryDate: trex.MustPartialDate("2030-04-15")})
	lines := strings.Split(truth, "\n")
	lines[1] = replaceAt(lines[1], 1, "S")
	_, err := tolerant.Read("PASSPORT\n" + strings.Join(lines, "\n"))
	var e *mrz.Error
	if !errors.As(err, &e) || e.Line != 2 || e.Pos != 10 || !strings.Contains(e.Reason, "input lines 2-3") {
		t.Fatalf("got %v, want a check digit error at line 2, position 10 of the zone at input lines 2-3", err)
	}
}

func TestOCRRefusesTwoZones(t *testing.T) {
	// Two documents on one scan: which one was meant is not for the reader
	// to pick.
	text := specimens[0].text + "\n" + specimens[5].text
	if z, err := tolerant.Read(text); err == nil {
		t.Fatalf("read %+v from two zones", z)
	}
}

func TestLayoutsOutsideDoc9303(t *testing.T) {
	for _, tc := range []struct {
		name, text, reason string
	}{
		// The French identity card of 1988-2021: surname and office on
		// line 1, card number, given names, birth date and sex on line 2.
		{"French identity card", "IDFRASPECIMEN<<<<<<<<<<<<<<<<<<<<<<<\n8806923102858ANNE<<<<<<<<<<7401012F8", "French national identity card"},
		{"driving licence, one line", "D1UTO1234567890123456789012345", "driving licence"},
		// The Swiss licence: its number above the code FA, the state and
		// the dates, then the name.
		{"Swiss driving licence", "ABC123D<<\nFACHE123456789<<<<<<740812<<<<\nSPECIMEN<<ANNA<<<<<<<<<<<<<<<<", "Swiss driving licence"},
	} {
		if len(tc.text) < 30 {
			t.Fatalf("%s: a zone of %d characters", tc.name, len(tc.text))
		}
		for _, r := range []mrz.Reader{strict, tolerant} {
			_, err := r.Read(tc.text)
			var e *mrz.Error
			if !errors.As(err, &e) || !strings.Contains(e.Reason, tc.reason) || !strings.Contains(e.Reason, "not a") {
				t.Errorf("%s (OCR %v): got %v", tc.name, r.OCR, err)
			}
			if strings.Contains(err.Error(), "nationality") && !strings.Contains(err.Error(), "French") {
				t.Errorf("%s: refused for a field: %v", tc.name, err)
			}
		}
	}
}
