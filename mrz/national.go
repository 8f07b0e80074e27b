package mrz

import "trex"

// National is what a zone carries under its issuer's own rules, beyond
// what Doc 9303 defines: the holder's name in the issuer's script where
// the zone encodes it letter by letter, and the national identifier (an
// internal passport's series and number, a personal number) that the
// register's national ID numbers can match exactly.
type National struct {
	// Document is the national document the zone belongs to:
	// "internal_passport" or "id_card" (and "passport" for a travel
	// passport that carries a personal number).
	Document string `json:"document"`
	// Name is the name as the issuer writes it (Cyrillic for the Russian
	// internal passport), decoded from the zone; nil when the zone holds
	// only a Latin rendering.
	Name *trex.Name `json:"name,omitempty"`
	// Identifier is the national identifier; its Value is the number
	// without spaces or fillers.
	Identifier trex.Identifier `json:"identifier"`
	// IdentifierName is what the issuer calls the identifier ("series and
	// number", "IIN", "personal number", ...).
	IdentifierName string `json:"identifier_name"`
	// IssueDate and Authority (the issuing office's code) are set where
	// the zone gives them.
	IssueDate trex.PartialDate `json:"issue_date,omitzero"`
	Authority string           `json:"authority,omitempty"`
}
