package mrz

// A document number longer than nine characters (TD1, TD2) fills the
// number field, puts a filler where its check digit would stand, and goes
// on in the optional data up to its check digit. Doc 9303 computes that
// digit over the number alone; some issuers count the filler in between
// as well, which shifts the weights of the characters after it. Both are
// read; the zone says which one its digit follows.

// numberWithFiller is the data of a long number's check digit as those
// issuers take it, filler included; nil for a number of nine characters
// or fewer.
func (p *parser) numberWithFiller() []span {
	if len(p.numberSpans) < 2 {
		return nil
	}
	return []span{p.numberSpans[0], p.lay.numberCheck, p.numberSpans[1]}
}

// numberCheckWithFiller reports whether a long number's digit agrees only
// when the filler is counted.
func (p *parser) numberCheckWithFiller() bool {
	alt := p.numberWithFiller()
	if alt == nil {
		return false
	}
	got := p.char(p.numberCheck, 0)
	return got != CheckDigit(p.text(p.numberSpans...)) && got == CheckDigit(p.text(alt...))
}
