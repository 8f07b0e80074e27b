package mrz_test

import (
	"errors"
	"strings"
	"testing"

	"trex/mrz"
)

// cardWithLongNumber builds a TD1 card of the layout Belgian identity cards
// use: a twelve-digit number whose last three digits and check digit
// stand in the optional data, the national register number in the second
// optional field, and the number's check digit given by digit(number).
func cardWithLongNumber(number string, digit byte) string {
	line1 := "IDBEL" + number[:9] + "<" + number[9:] + string(digit)
	line1 += strings.Repeat("<", 30-len(line1))
	line2 := "850101" + string(mrz.CheckDigit("850101")) + "F" + "310101" + string(mrz.CheckDigit("310101")) + "BEL" + "85010100212"
	line2 += string(mrz.CheckDigit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]))
	line3 := "PEETERS<<AN<<<<<<<<<<<<<<<<<<<"
	return line1 + "\n" + line2 + "\n" + line3
}

func TestLongNumberCheckDigitEitherConvention(t *testing.T) {
	const number = "600012345591"
	doc9303 := mrz.CheckDigit(number)
	withFiller := mrz.CheckDigit(number[:9] + "<" + number[9:])
	if doc9303 == withFiller {
		t.Fatalf("the conventions agree on %s; pick a number where they differ", number)
	}
	for _, tc := range []struct {
		digit      byte
		withFiller bool
	}{{doc9303, false}, {withFiller, true}} {
		z, err := strict.Read(cardWithLongNumber(number, tc.digit))
		if err != nil {
			t.Fatalf("digit %c: %v", tc.digit, err)
		}
		if z.DocumentNumber != number || z.NumberCheckWithFiller != tc.withFiller || z.OptionalData2 != "85010100212" {
			t.Errorf("digit %c: number %q, with filler %v, optional %q", tc.digit, z.DocumentNumber, z.NumberCheckWithFiller, z.OptionalData2)
		}
		// The encoder follows the convention the zone used.
		if out := mustEncode(t, z); out != cardWithLongNumber(number, tc.digit) {
			t.Errorf("Encode:\n%s\nwant\n%s", out, cardWithLongNumber(number, tc.digit))
		}
	}
	// A digit that fits neither convention is refused, naming both.
	other := byte('0')
	for other == doc9303 || other == withFiller {
		other++
	}
	_, err := strict.Read(cardWithLongNumber(number, other))
	var e *mrz.Error
	if !errors.As(err, &e) || e.Line != 1 || e.Pos != 19 || !strings.Contains(e.Reason, "counting the filler") {
		t.Fatalf("got %v, want a refusal of the number's check digit at line 1, position 19", err)
	}
}

func TestOCRMendsALongNumberWithFiller(t *testing.T) {
	const number = "600012345591"
	text := cardWithLongNumber(number, mrz.CheckDigit(number[:9]+"<"+number[9:]))
	lines := strings.Split(text, "\n")
	lines[0] = replaceAt(lines[0], 8, "O") // the third 0 of the number read as O
	z, err := tolerant.Read(strings.Join(lines, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if z.DocumentNumber != number || !z.NumberCheckWithFiller || len(z.Corrections) != 1 {
		t.Errorf("number %q, with filler %v, corrections %+v", z.DocumentNumber, z.NumberCheckWithFiller, z.Corrections)
	}
}
