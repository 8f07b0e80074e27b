package mrz

import (
	"fmt"
	"strings"

	"trex"
)

// Encode prints z as the lines of its format, computing every check digit;
// the lines are joined by "\n". A name too long for its field is cut at the
// last position, as issuers do. The check digit of a long document number
// counts the filler after its ninth character when NumberCheckWithFiller
// is set. Corrections, Warnings and Truncated are ignored.
// Encode returns an error when a field holds characters outside the MRZ
// alphabet or does not fit.
func Encode(z *Zone) (string, error) {
	lay, ok := layoutOf(z.Format)
	if !ok {
		return "", fmt.Errorf("mrz: encode: unknown format %q", z.Format)
	}
	lines := make([][]byte, lay.lines)
	for i := range lines {
		lines[i] = []byte(strings.Repeat("<", lay.width))
	}
	put := func(s span, v, field string) error {
		if len(v) > s.len() {
			return fmt.Errorf("mrz: encode: %s %q is longer than its %d positions", field, v, s.len())
		}
		for i := 0; i < len(v); i++ {
			if !inAlphabet(v[i]) {
				return fmt.Errorf("mrz: encode: %s %q: %q is not in the MRZ alphabet", field, v, v[i])
			}
		}
		copy(lines[s.line][s.start:], v)
		return nil
	}
	text := func(spans ...span) string {
		var b strings.Builder
		for _, s := range spans {
			b.Write(lines[s.line][s.start:s.end])
		}
		return b.String()
	}
	digit := func(s span, data ...span) { lines[s.line][s.start] = CheckDigit(text(data...)) }

	birth, err := dateField(z.BirthDate, true)
	if err != nil {
		return "", fmt.Errorf("mrz: encode: date of birth: %w", err)
	}
	expiry, err := dateField(z.ExpiryDate, false)
	if err != nil {
		return "", fmt.Errorf("mrz: encode: date of expiry: %w", err)
	}
	sex := "<"
	if z.Sex == trex.SexMale || z.Sex == trex.SexFemale {
		sex = string(z.Sex)
	}
	number := z.DocumentNumber
	optional0 := z.OptionalData
	long := len(number) > lay.number.len()
	if long {
		if !lay.longNumber {
			return "", fmt.Errorf("mrz: encode: document number %q is longer than %s allows", number, lay.format)
		}
		// The rest of the number, its check digit and a filler (when
		// there is room) go first in the optional data.
		digit := CheckDigit(number)
		if z.NumberCheckWithFiller {
			digit = CheckDigit(number[:lay.number.len()] + "<" + number[lay.number.len():])
		}
		rest := number[lay.number.len():] + string(digit)
		if optional0 != "" || len(rest) < lay.optional[0].len() {
			rest += "<"
		}
		optional0 = rest + optional0
		number = number[:lay.number.len()]
	}
	name := nameField(z.Surname, z.GivenNames)
	if len(name) > lay.name.len() {
		name = name[:lay.name.len()]
	}
	for _, f := range []struct {
		s        span
		v, field string
	}{
		{lay.code, z.DocumentCode, "document code"},
		{lay.state, z.IssuingState, "issuing state"},
		{lay.name, name, "name"},
		{lay.number, number, "document number"},
		{lay.nationality, z.Nationality, "nationality"},
		{lay.birth, birth, "date of birth"},
		{lay.sex, sex, "sex"},
		{lay.expiry, expiry, "date of expiry"},
		{lay.optional[0], optional0, "optional data"},
	} {
		if err := put(f.s, f.v, f.field); err != nil {
			return "", err
		}
	}
	if len(lay.optional) > 1 {
		if err := put(lay.optional[1], z.OptionalData2, "second optional data"); err != nil {
			return "", err
		}
	} else if z.OptionalData2 != "" {
		return "", fmt.Errorf("mrz: encode: %s has no second optional data field", lay.format)
	}
	if long {
		lines[lay.numberCheck.line][lay.numberCheck.start] = '<'
	} else {
		digit(lay.numberCheck, lay.number)
	}
	digit(lay.birthCheck, lay.birth)
	digit(lay.expiryCheck, lay.expiry)
	if lay.optionalCheck != nil {
		digit(*lay.optionalCheck, lay.optional[0])
	}
	if lay.composite != nil {
		digit(*lay.composite, lay.compositeOf...)
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	return strings.Join(out, "\n"), nil
}

// nameField writes a name as Doc 9303 Part 3 does: surname, two fillers,
// given names; spaces inside either part become single fillers.
func nameField(surname string, given []string) string {
	s := strings.Join(strings.Fields(surname), "<")
	g := strings.Join(strings.Fields(strings.Join(given, " ")), "<")
	if g == "" {
		return s
	}
	return s + "<<" + g
}

// dateField writes YYMMDD; unknown parts of a birth date become fillers.
func dateField(d trex.PartialDate, partial bool) (string, error) {
	if d.IsZero() {
		return "<<<<<<", nil
	}
	if !partial && !d.IsFull() {
		return "", fmt.Errorf("%s: the month and the day must be known", d)
	}
	s := fmt.Sprintf("%02d", d.Year%100)
	for _, v := range []int{d.Month, d.Day} {
		if v == 0 {
			s += "<<"
		} else {
			s += fmt.Sprintf("%02d", v)
		}
	}
	return s, nil
}
