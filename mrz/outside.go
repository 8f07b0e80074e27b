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
// the Swiss driving licence (a line of 9 above two of 30), and driving
// licences whose document code begins with D (ISO/IEC 18013).
func outsideDoc9303(lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	first := lines[0]
	if strings.HasPrefix(first, "D") && !fitsTravelZone(lines) {
		return errorf(0, 0, "the document code begins with D and the lines do not have a travel document zone's shape: this is a driving licence's zone (ISO/IEC 18013), not a travel document's; ask for the passport or identity card")
	}
	if strings.HasPrefix(first, "D1") || strings.HasPrefix(first, "DL") {
		return errorf(0, 0, "document code %s: a driving licence's zone (ISO/IEC 18013), not a travel document's; ask for the passport or identity card", first[:2])
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

// fitsTravelZone reports whether the lines have the shape of a Doc 9303
// zone: three of 30, or two of 44 or of 36.
func fitsTravelZone(lines []string) bool {
	return (len(lines) == 2 || len(lines) == 3) && shaped(lines)
}
