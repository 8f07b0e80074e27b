package mrz

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Read reads the zone in text: its lines, top to bottom, separated by line
// breaks. Blank lines and spaces around lines are ignored. It returns an
// *Error when the zone cannot be read or fails a check.
func (r Reader) Read(text string) (*Zone, error) {
	lines := splitLines(text, r.OCR)
	if r.OCR && len(lines) == 1 {
		lines = unjoin(lines[0])
	}
	z, err := r.readLines(lines)
	if err == nil {
		return z, nil
	}
	if r.OCR {
		if found, ferr, ok := r.findZone(lines); ok {
			if ferr == nil {
				return found, nil
			}
			err = ferr
		}
	}
	// Lines that are not a travel document's zone at all are refused for
	// what they are, not for the field they break.
	if ferr := outsideDoc9303(lines); ferr != nil {
		return nil, ferr
	}
	return nil, err
}

// readLines reads lines that are the whole zone.
func (r Reader) readLines(lines []string) (*Zone, error) {
	lay, err := detect(lines)
	if err != nil {
		return nil, err
	}
	p := &parser{lay: lay, ocr: r.OCR, now: r.now()}
	for _, l := range lines {
		p.lines = append(p.lines, []byte(l))
	}
	return p.parse()
}

// splitLines cuts text into non-blank lines without surrounding spaces. In
// OCR mode it also raises lower case and drops spaces inside lines.
func splitLines(text string, ocr bool) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if ocr {
			l = strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				if r >= 'a' && r <= 'z' {
					return r - 'a' + 'A'
				}
				return r
			}, l)
		}
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// unjoin cuts a zone that a scanner sent as one line into its lines, when
// its length is that of a whole zone: 90 (TD1), 72 (TD2, MRV-B) or 88 (TD3,
// MRV-A).
func unjoin(l string) []string {
	width := map[int]int{90: 30, 72: 36, 88: 44}[len(l)]
	if width == 0 {
		return []string{l}
	}
	var out []string
	for i := 0; i < len(l); i += width {
		out = append(out, l[i:i+width])
	}
	return out
}

// detect picks the layout from the number and length of the lines and the
// document code, and checks every line's length and alphabet.
func detect(lines []string) (layout, error) {
	var lay layout
	switch len(lines) {
	case 0:
		return lay, errorf(0, 0, "no zone: the input holds no lines")
	case 3:
		lay = td1
	case 2:
		width := utf8.RuneCountInString(lines[0])
		if width != 44 && width != 36 {
			if w2 := utf8.RuneCountInString(lines[1]); w2 == 44 || w2 == 36 {
				width = w2
			} else {
				return lay, errorf(1, 0, "%d characters; a zone of 2 lines has lines of 44 (TD3, MRV-A) or 36 (TD2, MRV-B)", width)
			}
		}
		visa := strings.HasPrefix(lines[0], "V")
		switch {
		case width == 44 && visa:
			lay = mrva
		case width == 44:
			lay = td3
		case visa:
			lay = mrvb
		default:
			lay = td2
		}
	default:
		return lay, errorf(0, 0, "%d lines; a zone has 2 (TD2, TD3, MRV-A, MRV-B) or 3 (TD1)", len(lines))
	}
	for i, l := range lines {
		n := utf8.RuneCountInString(l)
		if n != lay.width {
			pos := min(n, lay.width) + 1
			return lay, errorf(i+1, pos, "line has %d characters; %s lines have %d", n, lay.format, lay.width)
		}
		col := 0
		for _, r := range l {
			col++
			if r > 127 || !inAlphabet(byte(r)) {
				return lay, errorf(i+1, col, "character %q is not in the MRZ alphabet (A-Z, 0-9, <)", r)
			}
		}
	}
	return lay, nil
}
