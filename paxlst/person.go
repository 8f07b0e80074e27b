package paxlst

import (
	"strings"

	"trex"
)

// Person is the traveller as screening sees them: the name, birth date,
// sex, nationality and travel documents.
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
		p.Documents = append(p.Documents, trex.Document{
			Kind: DocumentKind(d.Type), Number: d.Number, IssuingState: d.IssuingState, Expiry: d.Expiry,
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
