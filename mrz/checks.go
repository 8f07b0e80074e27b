package mrz

import "strings"

// check is one check digit: the characters it covers, where it stands, and
// where the OCR mode may look for a misread when it fails.
type check struct {
	name     string
	data     []span
	digit    span
	suspects []span
	fillerOK bool // the digit may be a filler when the data is all fillers
	// alt is the data as some issuers compute the digit instead, when
	// Doc 9303 leaves it open; nil when there is one way only.
	alt []span
}

func (p *parser) checks() []check {
	l := p.lay
	cs := []check{
		{name: "document number", data: p.numberSpans, digit: p.numberCheck, suspects: p.numberSpans, alt: p.numberWithFiller()},
		{name: "date of birth", data: []span{l.birth}, digit: l.birthCheck},
		// A document that does not expire (the Russian internal passport)
		// may leave the digit of its empty date a filler.
		{name: "date of expiry", data: []span{l.expiry}, digit: l.expiryCheck, fillerOK: true},
	}
	if l.optionalCheck != nil {
		cs = append(cs, check{name: "optional data", data: l.optional[:1], digit: *l.optionalCheck, suspects: l.optional[:1], fillerOK: true})
	}
	if l.composite != nil {
		suspects := []span{p.optional0}
		if len(l.optional) > 1 {
			suspects = append(suspects, l.optional[1])
		}
		cs = append(cs, check{name: "composite", data: l.compositeOf, digit: *l.composite, suspects: suspects})
	}
	return cs
}

// ok reports whether the check digit agrees with its data.
func (p *parser) ok(c check) bool {
	data := p.text(c.data...)
	got := p.char(c.digit, 0)
	if got == '<' {
		return c.fillerOK && strings.Trim(data, "<") == ""
	}
	return got == CheckDigit(data) || c.alt != nil && got == CheckDigit(p.text(c.alt...))
}

// verify runs every check digit. In OCR mode a failed check is mended when
// exactly one lookalike swap among its suspects makes every check agree.
func (p *parser) verify() error {
	cs := p.checks()
	for i, c := range cs {
		if p.ok(c) {
			continue
		}
		if p.ocr && p.mend(i, cs) {
			continue
		}
		got := p.char(c.digit, 0)
		if c.alt != nil {
			return errorf(c.digit.line+1, c.digit.start+1, "check digit of the %s is %c, but the data gives %c (or %c counting the filler after its ninth character, as some issuers do)",
				c.name, got, CheckDigit(p.text(c.data...)), CheckDigit(p.text(c.alt...)))
		}
		if got == '<' {
			return errorf(c.digit.line+1, c.digit.start+1, "check digit of the %s is a filler, but the %s is not empty", c.name, c.name)
		}
		return errorf(c.digit.line+1, c.digit.start+1, "check digit of the %s is %c, but the data gives %c", c.name, got, CheckDigit(p.text(c.data...)))
	}
	return nil
}

func (p *parser) mend(idx int, all []check) bool {
	c := all[idx]
	type swap struct {
		line, col int
		to        byte
	}
	var found []swap
	for _, s := range c.suspects {
		for i := s.start; i < s.end; i++ {
			from := p.lines[s.line][i]
			alts := lookalikes(from)
			for k := 0; k < len(alts); k++ {
				p.lines[s.line][i] = alts[k]
				// Every check up to this one must now agree; later ones
				// get their own turn.
				agree := true
				for _, other := range all[:idx+1] {
					if !p.ok(other) {
						agree = false
						break
					}
				}
				if agree {
					found = append(found, swap{s.line, i, alts[k]})
				}
			}
			p.lines[s.line][i] = from
		}
	}
	if len(found) != 1 {
		return false
	}
	p.set(found[0].line, found[0].col, found[0].to, "check digit of the "+c.name)
	return true
}
