package mrz_test

import (
	"errors"
	"strings"
	"testing"

	"trex"
	"trex/mrz"
)

const (
	td3Line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
	td3Line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
)

// replaceAt returns s with the character at 1-based position pos replaced.
func replaceAt(s string, pos int, c string) string { return s[:pos-1] + c + s[pos:] }

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, pos int
		reason    string
	}{
		{"nothing", "  \n\n", 0, 0, "no zone"},
		{"one line", td3Line1, 0, 0, "1 lines"},
		{"four lines", "A\nB\nC\nD", 0, 0, "4 lines"},
		{"lines of no known width", "P<UTO\nL898902C3", 1, 0, "5 characters"},
		{"second line short", td3Line1 + "\n" + td3Line2[:40], 2, 41, "40 characters"},
		{"second line long", td3Line1 + "\n" + td3Line2 + "<", 2, 45, "45 characters"},
		{"TD1 line short", "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<", 2, 30, "29 characters"},
		{"lower case", replaceAt(td3Line1, 7, "r") + "\n" + td3Line2, 1, 7, `'r' is not in the MRZ alphabet`},
		{"non-ASCII", strings.Replace(td3Line1, "ERIK", "ÉRIK", 1) + "\n" + td3Line2, 1, 6, `'É' is not in the MRZ alphabet`},
		{"space inside", replaceAt(td3Line1, 14, " ") + "\n" + td3Line2, 1, 14, `' ' is not in the MRZ alphabet`},
		{"document code starts with filler", replaceAt(td3Line1, 1, "<") + "\n" + td3Line2, 1, 1, "document code must begin with a letter"},
		{"digit in name", replaceAt(td3Line1, 8, "1") + "\n" + td3Line2, 1, 8, "digit '1' in the name"},
		{"digit in nationality", td3Line1 + "\n" + replaceAt(td3Line2, 12, "0"), 2, 12, "digit '0' in the nationality"},
		{"letter in birth date", td3Line1 + "\n" + replaceAt(td3Line2, 17, "B"), 2, 17, "letter 'B' in the date of birth"},
		{"letter in a check digit", td3Line1 + "\n" + replaceAt(td3Line2, 10, "G"), 2, 10, "letter 'G' in the check digit of the document number"},
		{"bad sex", td3Line1 + "\n" + replaceAt(td3Line2, 21, "Q"), 2, 21, "sex 'Q'"},
		{"document number check", td3Line1 + "\n" + replaceAt(td3Line2, 10, "5"), 2, 10, "check digit of the document number is 5, but the data gives 6"},
		{"birth date check", td3Line1 + "\n" + replaceAt(td3Line2, 20, "3"), 2, 20, "check digit of the date of birth is 3, but the data gives 2"},
		{"expiry check", td3Line1 + "\n" + replaceAt(td3Line2, 28, "0"), 2, 28, "check digit of the date of expiry is 0, but the data gives 9"},
		{"optional data check", td3Line1 + "\n" + replaceAt(td3Line2, 43, "2"), 2, 43, "check digit of the optional data is 2, but the data gives 1"},
		{"composite check", td3Line1 + "\n" + replaceAt(td3Line2, 44, "9"), 2, 44, "check digit of the composite is 9, but the data gives 0"},
		{"filler for a check digit", td3Line1 + "\n" + replaceAt(td3Line2, 20, "<"), 2, 20, "check digit of the date of birth is a filler"},
		{"TD2 composite", "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<7", 2, 36, "check digit of the composite is 7, but the data gives 6"},
		{"TD1 composite", "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<1\nERIKSSON<<ANNA<MARIA<<<<<<<<<<", 2, 30, "check digit of the composite is 1, but the data gives 6"},
		{"TD1 long number without continuation", "I<UTOD23145890<<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<", 1, 16, "does not continue"},
		{"TD1 long number check", "IDUTO123456789<08<<<<<<<<<<<<<\n8601012M3001019UTO<<<<<<<<<<<6\nSPECIMEN<<JANE<<<<<<<<<<<<<<<<", 1, 17, "check digit of the document number is 8, but the data gives 7"},
		{"MRV-B number check", "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C5XXX4009078F9612109<<<<<<<<", 2, 10, "check digit of the document number is 5, but the data gives 4"},
		{"month 13", withBirth(t, "741312"), 2, 16, "month 13 does not exist"},
		{"30 February", withBirth(t, "740230"), 2, 18, "1974-02 has no day 30"},
		{"day 00", withBirth(t, "740800"), 2, 18, "day 00 does not exist"},
		{"half-filler birth year", withBirth(t, "7<0812"), 2, 15, "half digits, half fillers"},
		{"known day after unknown month", withBirth(t, "74<<12"), 2, 18, "known though an earlier part is not"},
		{"empty name", "P<UTO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" + td3Line2, 1, 6, "the name is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			z, err := strict.Read(tc.text)
			if err == nil {
				t.Fatalf("Read accepted it: %+v", z)
			}
			var e *mrz.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not an *mrz.Error", err, err)
			}
			if e.Line != tc.line || e.Pos != tc.pos || !strings.Contains(e.Reason, tc.reason) {
				t.Errorf("got line %d, position %d, %q\nwant line %d, position %d, reason containing %q",
					e.Line, e.Pos, e.Reason, tc.line, tc.pos, tc.reason)
			}
			if code := trex.ErrorCode(err); code != trex.EINVALID {
				t.Errorf("ErrorCode = %q, want %q", code, trex.EINVALID)
			}
		})
	}
}

// withBirth is the TD3 specimen with its birth date field replaced by raw
// and the check digits recomputed, to reach the date checks.
func withBirth(t *testing.T, raw string) string {
	t.Helper()
	line2 := td3Line2[:13] + raw + string(mrz.CheckDigit(raw)) + td3Line2[20:43]
	composite := line2[0:10] + line2[13:20] + line2[21:43]
	return td3Line1 + "\n" + line2 + string(mrz.CheckDigit(composite))
}

func TestErrorMessage(t *testing.T) {
	e := &mrz.Error{Line: 2, Pos: 10, Reason: "check digit"}
	if got, want := e.Error(), "mrz line 2, position 10: check digit"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := (&mrz.Error{Line: 1, Reason: "too short"}).Error(), "mrz line 1: too short"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := (&mrz.Error{Reason: "no zone"}).Error(), "mrz: no zone"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
