package mrz

import (
	"strings"

	"trex"
)

// personalNumber is how an issuer writes its national identifier into the
// optional data of its identity cards (and of its passports): its name, and
// the shape of the number, one class per character ('9' a digit, 'A' a
// letter), with a filler allowed where the shape has one ('<').
type personalNumber struct {
	name   string
	shapes []string
}

// personalNumbers are the national identifiers of the region's cards, by
// issuing state, as the issuers' published layouts place them in the
// optional data. The composite check digit covers the optional data, so a
// number found here has been verified with the zone.
var personalNumbers = map[string]personalNumber{
	"UKR": {"record number (UNZR)", []string{"99999999<99999", "9999999999999"}}, // YYYYMMDD, then five digits
	"BLR": {"identification number", []string{"9999999A999AA9"}},
	"KAZ": {"IIN", []string{"999999999999"}},
	"KGZ": {"PIN", []string{"99999999999999"}},
	"ARM": {"public service number", []string{"9999999999"}},
	"GEO": {"personal number", []string{"99999999999"}},
	"MDA": {"IDNP", []string{"9999999999999"}},
}

// fits reports whether s has the shape.
func fits(s, shape string) bool {
	if len(s) != len(shape) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch shape[i] {
		case '9':
			if c < '0' || c > '9' {
				return false
			}
		case 'A':
			if c < 'A' || c > 'Z' {
				return false
			}
		case '<':
			if c != '<' {
				return false
			}
		}
	}
	return true
}

// regionalNumber finds the issuer's national identifier in the optional
// data of a card or passport; nil when the issuer is not one of
// personalNumbers or no optional field has the number's shape.
func regionalNumber(z *Zone) *National {
	pn, ok := personalNumbers[z.IssuingState]
	if !ok || z.Format == MRVA || z.Format == MRVB {
		return nil
	}
	for _, field := range []string{z.OptionalData, z.OptionalData2} {
		for _, shape := range pn.shapes {
			if !fits(field, shape) {
				continue
			}
			doc := "id_card"
			if DocumentKind(z.DocumentCode) == "passport" {
				doc = "passport"
			}
			return &National{
				Document:       doc,
				Identifier:     trex.Identifier{Kind: trex.DefaultIdentifierKind, Country: z.IssuingState, Value: strings.ReplaceAll(field, "<", "")},
				IdentifierName: pn.name,
			}
		}
	}
	return nil
}
