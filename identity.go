package trex

import (
	"context"
	"strings"
)

// SubjectIdentity is how a person without an account names themselves:
// their national identifier, the number of one of their documents and
// their birth date. All three must agree with a restriction's record for
// the person to be told of it (SubjectIdentity.Matches).
type SubjectIdentity struct {
	// NationalID is the national identifier, as a bare number or as
	// KIND:COUNTRY:NUMBER (ParseIdentifier).
	NationalID string `json:"national_id"`
	// DocumentNumber is the number of a travel document or of another
	// identity document (an internal passport) the record holds.
	DocumentNumber string `json:"document_number"`
	// BirthDate is the full birth date, YYYY-MM-DD.
	BirthDate string `json:"birth_date"`
}

// Validate checks that all three identifiers are given and well formed.
// It says nothing about whether they name anyone.
func (q SubjectIdentity) Validate() error {
	if _, err := q.Identifier(); err != nil {
		return err
	}
	if NormalizeDocumentNumber(q.DocumentNumber) == "" {
		return Errorf(EINVALID, "document_number: required; give the number of your passport or identity document")
	}
	d, err := ParsePartialDate(q.BirthDate)
	if err != nil || !d.IsFull() {
		return Errorf(EINVALID, "birth_date %q: give your full birth date as YYYY-MM-DD", q.BirthDate)
	}
	return nil
}

// Identifier is NationalID parsed.
func (q SubjectIdentity) Identifier() (Identifier, error) {
	if strings.TrimSpace(q.NationalID) == "" {
		return Identifier{}, Errorf(EINVALID, "national_id: required; give your national identification number")
	}
	id, err := ParseIdentifier(q.NationalID)
	if err != nil {
		return Identifier{}, Errorf(EINVALID, "national_id: %s", ErrorMessage(err))
	}
	return id, nil
}

// Matches reports whether all three identifiers agree with p: p carries
// the national identifier (same kind and number; same country when q
// names one), a document or identifier with the document number, and the
// same full birth date. A record that lacks any of the three does not
// match, so that two of them never suffice.
func (q SubjectIdentity) Matches(p Person) bool {
	id, err := q.Identifier()
	if err != nil {
		return false
	}
	bd, err := ParsePartialDate(q.BirthDate)
	if err != nil || !bd.IsFull() || p.BirthDate != bd {
		return false
	}
	number := NormalizeDocumentNumber(id.Value)
	national := false
	for _, x := range p.Identifiers {
		k := strings.ToLower(strings.TrimSpace(x.Kind))
		if k == "" {
			k = DefaultIdentifierKind
		}
		if k == id.Kind && NormalizeDocumentNumber(x.Value) == number &&
			(id.Country == "" || strings.EqualFold(strings.TrimSpace(x.Country), id.Country)) {
			national = true
			break
		}
	}
	if !national {
		return false
	}
	doc := NormalizeDocumentNumber(q.DocumentNumber)
	for _, d := range p.Documents {
		if NormalizeDocumentNumber(d.Number) == doc {
			return true
		}
	}
	for _, x := range p.Identifiers {
		if NormalizeDocumentNumber(x.Value) == doc && NormalizeDocumentNumber(x.Value) != number {
			return true
		}
	}
	return false
}

// SubjectFinder finds a person's restrictions by the kind and number of
// their identifier in any issuing country, for persons who give their
// national number without its country. A SubjectService may implement it;
// callers then filter with SubjectIdentity.Matches.
type SubjectFinder interface {
	// RestrictionsByNumber returns the restrictions whose person carries
	// an identifier of kind with the normalised number, whatever its
	// country, newest first.
	RestrictionsByNumber(ctx context.Context, kind, number string) ([]*Restriction, error)
}
