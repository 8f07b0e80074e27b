package mrz

import (
	"strings"

	"trex"
)

// warnName warns when the name field holds a second double filler: Doc
// 9303 separates the primary from the secondary identifier by the first
// one only, so everything after it is read as given names, which may be
// part of the surname the issuer meant.
func (p *parser) warnName(field string) {
	_, secondary, _ := strings.Cut(strings.TrimRight(field, "<"), "<<")
	if strings.Contains(strings.TrimLeft(secondary, "<"), "<<") {
		p.warn(WarnNameSeparator, "name", "the name field holds a second double filler; the words after the first are all read as given names")
	}
}

// warnCodes warns of an issuing state or nationality that is neither an
// ISO 3166-1 alpha-3 code nor one of Doc 9303's own.
func (p *parser) warnCodes(z *Zone) {
	if !KnownCode(z.IssuingState) {
		p.warn(WarnUnknownCode, "issuing state", "issuing state %q is not a known ISO 3166-1 alpha-3 or Doc 9303 code", z.IssuingState)
	}
	if z.Nationality != "" && !KnownCode(z.Nationality) {
		p.warn(WarnUnknownCode, "nationality", "nationality %q is not a known ISO 3166-1 alpha-3 or Doc 9303 code", z.Nationality)
	}
}

// warnExpiry warns when the document expired before today (the reader's
// now): it is read all the same, for the check must still be made.
func (p *parser) warnExpiry(z *Zone) {
	if !z.ExpiryDate.IsFull() {
		return
	}
	today := trex.PartialDate{Year: p.now.Year(), Month: int(p.now.Month()), Day: p.now.Day()}
	if after(today, z.ExpiryDate) {
		p.warn(WarnExpired, "date of expiry", "the document expired on %s", z.ExpiryDate)
	}
}
