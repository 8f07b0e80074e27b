package trex

import "strings"

// MinIdentifierChars is how long a normalised document number or national
// ID must be for the border to key on it; shorter ones are ignored.
const MinIdentifierChars = 4

// checkIdentifiable refuses a person the border could never recognise.
// A restriction needs, on one name, a surname and a given name (or a full
// name of at least two words), and besides the name either a birth date
// (at least its year) or a document number or national ID of at least
// MinIdentifierChars characters. Less than that matches nobody (a surname
// alone, or a surname and a birth year) or would refer every namesake.
func (p *Person) checkIdentifiable() error {
	named := false
	for _, n := range p.Names {
		if n.Surname == "" && n.Given == "" && n.Patronymic == "" {
			named = named || len(strings.Fields(n.Full)) >= 2
		} else {
			named = named || strings.TrimSpace(n.Surname) != "" && strings.TrimSpace(n.Given) != ""
		}
	}
	if !named {
		return Errorf(EINVALID, "person: a surname and a given name are required (lastName and firstName, or a full name of two words or more); a surname alone matches nobody at the border")
	}
	if !p.BirthDate.IsZero() || p.hasIdentifier() {
		return nil
	}
	return Errorf(EINVALID, "person: a birth date (at least the year) or a document number or national ID (%d characters or more) is required besides the name; a name alone would refer every namesake", MinIdentifierChars)
}

func (p *Person) hasIdentifier() bool {
	for _, d := range p.Documents {
		if len(NormalizeDocumentNumber(d.Number)) >= MinIdentifierChars {
			return true
		}
	}
	for _, id := range p.Identifiers {
		if len(NormalizeDocumentNumber(id.Value)) >= MinIdentifierChars {
			return true
		}
	}
	return false
}
