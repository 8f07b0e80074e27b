package mrz

// Format is one of the zone layouts of ICAO Doc 9303.
type Format string

// Formats.
const (
	TD1  Format = "TD1"   // Part 5: identity cards, 3 lines of 30
	TD2  Format = "TD2"   // Part 6: identity cards, 2 lines of 36
	TD3  Format = "TD3"   // Part 4: passports, 2 lines of 44
	MRVA Format = "MRV-A" // Part 7: full-size visas, 2 lines of 44
	MRVB Format = "MRV-B" // Part 7: smaller visas, 2 lines of 36
)

// span is a field's place in the zone: a 0-based line, and the 0-based,
// end-exclusive range of columns within it.
type span struct{ line, start, end int }

func (s span) len() int { return s.end - s.start }

// at is a single position.
func at(line, col int) span { return span{line, col, col + 1} }

// layout lists where each field of a format sits. The positions are those
// of Doc 9303 Parts 4-7, written 0-based here.
type layout struct {
	format       Format
	lines, width int

	code, state, name   span
	number, numberCheck span
	nationality         span
	birth, birthCheck   span
	sex                 span
	expiry, expiryCheck span
	optional            []span // one field, or two on TD1
	optionalCheck       *span  // TD3 only
	composite           *span  // absent on visas
	compositeOf         []span // what the composite digit covers
	longNumber          bool   // the number may continue into optional[0] (TD1, TD2)
}

func ptr(s span) *span { return &s }

var td1 = layout{
	format: TD1, lines: 3, width: 30,
	code: span{0, 0, 2}, state: span{0, 2, 5},
	number: span{0, 5, 14}, numberCheck: at(0, 14),
	optional: []span{{0, 15, 30}, {1, 18, 29}},
	birth:    span{1, 0, 6}, birthCheck: at(1, 6),
	sex:    at(1, 7),
	expiry: span{1, 8, 14}, expiryCheck: at(1, 14),
	nationality: span{1, 15, 18},
	composite:   ptr(at(1, 29)),
	compositeOf: []span{{0, 5, 30}, {1, 0, 7}, {1, 8, 15}, {1, 18, 29}},
	name:        span{2, 0, 30},
	longNumber:  true,
}

var td2 = layout{
	format: TD2, lines: 2, width: 36,
	code: span{0, 0, 2}, state: span{0, 2, 5}, name: span{0, 5, 36},
	number: span{1, 0, 9}, numberCheck: at(1, 9),
	nationality: span{1, 10, 13},
	birth:       span{1, 13, 19}, birthCheck: at(1, 19),
	sex:    at(1, 20),
	expiry: span{1, 21, 27}, expiryCheck: at(1, 27),
	optional:    []span{{1, 28, 35}},
	composite:   ptr(at(1, 35)),
	compositeOf: []span{{1, 0, 10}, {1, 13, 20}, {1, 21, 35}},
	longNumber:  true,
}

var td3 = layout{
	format: TD3, lines: 2, width: 44,
	code: span{0, 0, 2}, state: span{0, 2, 5}, name: span{0, 5, 44},
	number: span{1, 0, 9}, numberCheck: at(1, 9),
	nationality: span{1, 10, 13},
	birth:       span{1, 13, 19}, birthCheck: at(1, 19),
	sex:    at(1, 20),
	expiry: span{1, 21, 27}, expiryCheck: at(1, 27),
	optional:      []span{{1, 28, 42}},
	optionalCheck: ptr(at(1, 42)),
	composite:     ptr(at(1, 43)),
	compositeOf:   []span{{1, 0, 10}, {1, 13, 20}, {1, 21, 43}},
}

var mrva = layout{
	format: MRVA, lines: 2, width: 44,
	code: span{0, 0, 2}, state: span{0, 2, 5}, name: span{0, 5, 44},
	number: span{1, 0, 9}, numberCheck: at(1, 9),
	nationality: span{1, 10, 13},
	birth:       span{1, 13, 19}, birthCheck: at(1, 19),
	sex:    at(1, 20),
	expiry: span{1, 21, 27}, expiryCheck: at(1, 27),
	optional: []span{{1, 28, 44}},
}

var mrvb = layout{
	format: MRVB, lines: 2, width: 36,
	code: span{0, 0, 2}, state: span{0, 2, 5}, name: span{0, 5, 36},
	number: span{1, 0, 9}, numberCheck: at(1, 9),
	nationality: span{1, 10, 13},
	birth:       span{1, 13, 19}, birthCheck: at(1, 19),
	sex:    at(1, 20),
	expiry: span{1, 21, 27}, expiryCheck: at(1, 27),
	optional: []span{{1, 28, 36}},
}

func layoutOf(f Format) (layout, bool) {
	switch f {
	case TD1:
		return td1, true
	case TD2:
		return td2, true
	case TD3:
		return td3, true
	case MRVA:
		return mrva, true
	case MRVB:
		return mrvb, true
	}
	return layout{}, false
}
