package paxlst

import (
	"cmp"
	"strings"

	"trex"
	"trex/mrz"
)

// Person is the traveller as screening sees them: the name, birth date,
// sex, nationality and travel documents. A traveller listed with a Russian
// internal passport (document type PN) is screened by the Cyrillic name
// its zone codes and by its series and number as a national ID.
func (t *Traveller) Person() trex.Person {
	p := trex.Person{
		Names:     []trex.Name{{Surname: t.Surname, Given: strings.Join(t.GivenNames, " ")}},
		BirthDate: t.BirthDate,
		Sex:       t.Sex,
	}
	if t.Nationality != "" {
		p.Nationality = []string{t.Nationality}
	}
	for _, d := range t.Documents {
		if d.Number == "" {
			continue
		}
		kind := DocumentKind(d.Type)
		if mrz.IsInternalPassport(d.Type, cmp.Or(d.IssuingState, t.Nationality)) {
			// The name was read from the internal passport's zone, which
			// codes the Cyrillic name; its number is a national ID.
			kind = "internal_passport"
			if t.Surname != "" || len(t.GivenNames) > 0 {
				p.Names = mrz.InternalPassportNames(t.Surname, t.GivenNames)
			}
			p.Identifiers = append(p.Identifiers, mrz.InternalPassportIdentifier(d.Number))
		}
		p.Documents = append(p.Documents, trex.Document{
			Kind: kind, Number: d.Number, IssuingState: d.IssuingState, Expiry: d.Expiry,
		})
	}
	return p
}

// DocumentKind names the kind of document a PAXLST document type code
// (DOC, data element 1001) stands for: "passport" (P, PT), "visa" (V),
// "id_card" (I, A, C, IP), else "travel_document".
func DocumentKind(code string) string {
	switch strings.ToUpper(code) {
	case "P", "PT":
		return "passport"
	case "V":
		return "visa"
	case "I", "A", "C", "IP":
		return "id_card"
	}
	return "travel_document"
}
