package paxlst

import (
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// levelA is the character repertoire of syntax level A (UNOA, ISO 9735):
// upper-case letters, digits, space and these marks. Level B (UNOB) adds
// the lower-case letters.
const levelA = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-()/='+:?!\"%&*;<>"

// isoLevels are the syntax levels whose repertoire is an ISO 8859 part.
var isoLevels = map[string]*charmap.Charmap{
	"UNOC": charmap.ISO8859_1, "UNOD": charmap.ISO8859_2, "UNOE": charmap.ISO8859_5,
	"UNOF": charmap.ISO8859_7, "UNOG": charmap.ISO8859_3, "UNOH": charmap.ISO8859_4,
	"UNOI": charmap.ISO8859_6, "UNOJ": charmap.ISO8859_8, "UNOK": charmap.ISO8859_9,
}

// charsetOf returns, for a syntax identifier, whether a character belongs
// to its repertoire; nil for identifiers whose repertoire is all of Unicode
// (UNOW, UNOY) or that this package does not know.
func charsetOf(syntax string) func(rune) bool {
	syntax = strings.ToUpper(syntax)
	switch syntax {
	case "UNOA":
		return func(c rune) bool { return c < 0x80 && strings.ContainsRune(levelA, c) }
	case "UNOB":
		return func(c rune) bool { return c < 0x80 && (strings.ContainsRune(levelA, c) || (c >= 'a' && c <= 'z')) }
	}
	m, ok := isoLevels[syntax]
	if !ok {
		return nil
	}
	return func(c rune) bool {
		if c < 0x20 || (c >= 0x7f && c < 0xa0) {
			return false
		}
		_, ok := m.EncodeRune(c)
		return ok
	}
}

// checkCharset warns, once per segment, about characters outside the
// repertoire of the interchange's declared syntax level: a name carried in
// such characters (fullwidth or styled letters, invisible fillers) was not
// written as the level promises, and screening reads it only after
// normalising it. The warning names the first such character by code
// point, not the text it stands in.
func (p *parser) checkCharset(segs []segment) {
	in := charsetOf(p.ic.Syntax)
	if in == nil {
		return
	}
	sep := p.ic.Separators
	service := func(c rune) bool {
		return c == rune(sep.Component) || c == rune(sep.Element) || c == rune(sep.Release) ||
			c == rune(sep.Segment) || c == rune(sep.Decimal) || c == rune(sep.Repetition)
	}
	for i := range segs {
		s := &segs[i]
		var first rune
		n := 0
		for _, e := range s.elements {
			for _, comp := range e {
				for _, c := range comp {
					if !in(c) && !service(c) {
						if n == 0 {
							first = c
						}
						n++
					}
				}
			}
		}
		if n > 0 {
			p.warn(s, "%d character(s) outside the %s character set declared in UNB (the first is U+%04X): the sender did not write this segment as declared",
				n, strings.ToUpper(p.ic.Syntax), first)
		}
	}
}
