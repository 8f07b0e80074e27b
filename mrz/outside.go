package mrz

import (
	"strings"
	"unicode/utf8"
)

// outsideDoc9303 refuses the machine-readable lines of documents that are
// not travel documents and that Doc 9303 does not define, saying so
// rather than pointing at the field they would break: the French
// national identity card of 1988-2021 (two lines of 36 whose second line
// begins with a twelve-digit card number where TD2 has the nationality),
// the Swiss driving licence (a line of 9 above two of 30), and the one
// line of 30 of driving licences whose document code is D (ISO/IEC 18013).
func outsideDoc9303(lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	first := lines[0]
	if len(lines) == 1 && utf8.RuneCountInString(first) == 30 && strings.HasPrefix(first, "D") {
		return errorf(0, 0, "one line of 30 with the document code D: a driving licence's zone (ISO/IEC 18013), not a travel document's; ask for the passport or identity card")
	}
	if len(lines) == 3 && utf8.RuneCountInString(first) == 9 && utf8.RuneCountInString(lines[1]) == 30 && utf8.RuneCountInString(lines[2]) == 30 {
		return errorf(0, 0, "a first line of 9 above two of 30: the layout of the Swiss driving licence, not a travel document's zone; ask for the passport or identity card")
	}
	if len(lines) == 2 && utf8.RuneCountInString(first) == 36 && utf8.RuneCountInString(lines[1]) == 36 &&
		strings.HasPrefix(first, "IDFRA") && strings.Trim(lines[1][:12], "0123456789") == "" {
		return errorf(0, 0, "the layout of the French national identity card (2 lines of 36 issued until 2021, the card number where Doc 9303 puts the nationality): not a Doc 9303 travel document zone; read the card's printed data instead")
	}
	return nil
}
