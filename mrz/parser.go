package mrz

import (
	"strings"
	"time"
)

// parser holds one zone while it is checked and taken apart. Lines are
// ASCII by now (detect has checked the alphabet).
type parser struct {
	lay         layout
	lines       [][]byte
	ocr         bool
	now         time.Time
	corrections []Correction
	warnings    []Warning

	// set once the document number's extent is known
	numberSpans []span
	numberCheck span
	optional0   span // optional[0] without the long number's continuation
}

func (p *parser) char(s span, i int) byte { return p.lines[s.line][s.start+i] }

func (p *parser) text(spans ...span) string {
	var b strings.Builder
	for _, s := range spans {
		b.Write(p.lines[s.line][s.start:s.end])
	}
	return b.String()
}

func (p *parser) set(line, col int, to byte, field string) {
	from := p.lines[line][col]
	p.lines[line][col] = to
	p.corrections = append(p.corrections, Correction{
		Line: line + 1, Pos: col + 1, From: string(from), To: string(to), Field: field,
	})
}

func (p *parser) parse() (*Zone, error) {
	if err := p.kinds(); err != nil {
		return nil, err
	}
	if err := p.findNumber(); err != nil {
		return nil, err
	}
	if err := p.verify(); err != nil {
		return nil, err
	}
	z, err := p.zone()
	if err != nil {
		return nil, err
	}
	z.NumberCheckWithFiller = p.numberCheckWithFiller()
	if p.isInternalPassport() {
		if z.National, err = p.internalPassport(z); err != nil {
			return nil, err
		}
	} else {
		z.National = regionalNumber(z)
	}
	return z, nil
}

// kinds checks that fields of letters hold letters and fields of digits
// hold digits, correcting lookalikes in OCR mode.
func (p *parser) kinds() error {
	l := p.lay
	if c := p.char(l.code, 0); c < 'A' || c > 'Z' {
		if to, ok := digitToLetter[c]; p.ocr && ok {
			p.set(l.code.line, l.code.start, to, "document code")
		} else {
			return errorf(l.code.line+1, l.code.start+1, "document code must begin with a letter, not %q", c)
		}
	}
	if err := p.letters("document code", l.code); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		s    span
	}{{"issuing state", l.state}, {"nationality", l.nationality}} {
		if err := p.codeField(f.name, f.s); err != nil {
			return err
		}
	}
	nameCheck := p.letters
	if p.isInternalPassport() {
		nameCheck = func(_ string, s span) error { return p.internalName(s) }
	}
	if err := nameCheck("name", l.name); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		s    span
	}{
		{"date of birth", l.birth}, {"check digit of the date of birth", l.birthCheck},
		{"date of expiry", l.expiry}, {"check digit of the date of expiry", l.expiryCheck},
	} {
		if err := p.digits(f.name, f.s); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		name string
		s    *span
	}{{"check digit of the document number", &l.numberCheck}, {"check digit of the optional data", l.optionalCheck}, {"composite check digit", l.composite}} {
		if f.s == nil {
			continue
		}
		if err := p.digits(f.name, *f.s); err != nil {
			return err
		}
	}
	switch c := p.char(l.sex, 0); c {
	case 'M', 'F', 'X', '<':
	default:
		return errorf(l.sex.line+1, l.sex.start+1, "sex %q: want M, F, X or <", c)
	}
	return nil
}

func (p *parser) letters(field string, s span) error {
	for i := s.start; i < s.end; i++ {
		c := p.lines[s.line][i]
		if c < '0' || c > '9' {
			continue
		}
		if to, ok := digitToLetter[c]; p.ocr && ok {
			p.set(s.line, i, to, field)
			continue
		}
		if letters := confusions[c]; p.ocr && len(letters) > 1 {
			return errorf(s.line+1, i+1, "digit %q in the %s, which holds letters only; it may be any of %s, so it is not corrected", c, field, letters)
		}
		return errorf(s.line+1, i+1, "digit %q in the %s, which holds letters only", c, field)
	}
	return nil
}

// codeField checks that a code field holds letters. In OCR mode a digit
// read for a letter is settled by the list of known codes when exactly one
// reading is a known code, and by the field's kind otherwise.
func (p *parser) codeField(field string, s span) error {
	text := p.text(s)
	if p.ocr && strings.ContainsAny(text, "0123456789") {
		if code, ok := settleCode(text); ok {
			for i := 0; i < len(code); i++ {
				if code[i] != text[i] {
					p.set(s.line, s.start+i, code[i], field)
				}
			}
			return nil
		}
	}
	return p.letters(field, s)
}

func (p *parser) digits(field string, s span) error {
	for i := s.start; i < s.end; i++ {
		c := p.lines[s.line][i]
		if c < 'A' || c > 'Z' {
			continue
		}
		if to, ok := letterToDigit[c]; p.ocr && ok {
			p.set(s.line, i, to, field)
			continue
		}
		return errorf(s.line+1, i+1, "letter %q in the %s, which holds digits only", c, field)
	}
	return nil
}

// findNumber settles the extent of the document number. On TD1 and TD2 a
// filler in place of its check digit says the number is longer than nine
// characters and goes on in the optional data, up to its check digit and a
// filler (Doc 9303 Parts 5 and 6).
func (p *parser) findNumber() error {
	l := p.lay
	p.numberSpans = []span{l.number}
	p.numberCheck = l.numberCheck
	if len(l.optional) > 0 {
		p.optional0 = l.optional[0]
	}
	if !l.longNumber || p.char(l.numberCheck, 0) != '<' {
		return nil
	}
	opt := l.optional[0]
	k := strings.IndexByte(p.text(opt), '<')
	if k < 0 {
		k = opt.len()
	}
	if k < 2 {
		return errorf(opt.line+1, opt.start+1, "the document number's check digit is a filler, but the number does not continue in the optional data")
	}
	p.numberSpans = []span{l.number, {opt.line, opt.start, opt.start + k - 1}}
	p.numberCheck = at(opt.line, opt.start+k-1)
	p.optional0 = span{opt.line, min(opt.start+k+1, opt.end), opt.end}
	if c := p.char(p.numberCheck, 0); c < '0' || c > '9' {
		if to, ok := letterToDigit[c]; p.ocr && ok {
			p.set(p.numberCheck.line, p.numberCheck.start, to, "check digit of the document number")
		} else {
			return errorf(p.numberCheck.line+1, p.numberCheck.start+1, "check digit of the document number is %q, not a digit", c)
		}
	}
	return nil
}

func (p *parser) zone() (*Zone, error) {
	l := p.lay
	z := &Zone{
		Format:         l.format,
		DocumentCode:   strings.TrimRight(p.text(l.code), "<"),
		IssuingState:   strings.TrimRight(p.text(l.state), "<"),
		DocumentNumber: strings.TrimRight(p.text(p.numberSpans...), "<"),
		Nationality:    strings.TrimRight(p.text(l.nationality), "<"),
		OptionalData:   strings.TrimRight(p.text(p.optional0), "<"),
		Corrections:    p.corrections,
	}
	if len(l.optional) > 1 {
		z.OptionalData2 = strings.TrimRight(p.text(l.optional[1]), "<")
	}
	switch p.char(l.sex, 0) {
	case 'M':
		z.Sex = "M"
	case 'F':
		z.Sex = "F"
	}
	var err error
	if z.BirthDate, err = p.birthDate(); err != nil {
		return nil, err
	}
	if z.ExpiryDate, err = p.expiryDate(); err != nil {
		return nil, err
	}
	name := p.text(l.name)
	z.Surname, z.GivenNames = splitName(name)
	z.Truncated = name[len(name)-1] != '<'
	if z.Surname == "" && len(z.GivenNames) == 0 {
		return nil, errorf(l.name.line+1, l.name.start+1, "the name is empty")
	}
	p.warnName(name)
	p.warnCodes(z)
	p.warnExpiry(z)
	z.Warnings = p.warnings
	return z, nil
}
