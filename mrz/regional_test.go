package mrz_test

import (
	"reflect"
	"testing"

	"trex"
	"trex/mrz"
)

// The identity cards of the region are TD1 cards that carry the holder's
// national identifier in the optional data, each in its issuer's shape.
func TestRegionalCardsShowTheirNationalIdentifier(t *testing.T) {
	for _, tc := range []struct {
		state, code, number string
		optional, optional2 string
		wantName, wantValue string
	}{
		{"UKR", "ID", "004512345", "19850317<01236", "", "record number (UNZR)", "1985031701236"},
		{"BLR", "ID", "AB1234567", "3170385A001PB1", "", "identification number", "3170385A001PB1"},
		{"KAZ", "ID", "045123456", "850317300123", "", "IIN", "850317300123"},
		{"KGZ", "ID", "ID1234567", "21703198500123", "", "PIN", "21703198500123"},
		{"ARM", "ID", "AU1234567", "", "1703850123", "public service number", "1703850123"},
		{"GEO", "ID", "12ID34567", "01024012345", "", "personal number", "01024012345"},
		{"MDA", "ID", "B12345678", "2002001234567", "", "IDNP", "2002001234567"},
	} {
		t.Run(tc.state, func(t *testing.T) {
			text := mustEncode(t, &mrz.Zone{Format: mrz.TD1, DocumentCode: tc.code, IssuingState: tc.state,
				Surname: "SPECIMEN", GivenNames: []string{"ANNA"}, DocumentNumber: tc.number, Nationality: tc.state,
				BirthDate: trex.MustPartialDate("1985-03-17"), Sex: trex.SexFemale, ExpiryDate: trex.MustPartialDate("2031-03-16"),
				OptionalData: tc.optional, OptionalData2: tc.optional2})
			z, err := strict.Read(text)
			if err != nil {
				t.Fatal(err)
			}
			id := trex.Identifier{Kind: "national_id", Country: tc.state, Value: tc.wantValue}
			want := &mrz.National{Document: "id_card", Identifier: id, IdentifierName: tc.wantName}
			if !reflect.DeepEqual(z.National, want) {
				t.Fatalf("National = %+v, want %+v", z.National, want)
			}
			p := z.Person()
			if !reflect.DeepEqual(p.Identifiers, []trex.Identifier{id}) || p.Documents[0].Number != tc.number {
				t.Errorf("Person: identifiers %+v, documents %+v", p.Identifiers, p.Documents)
			}
			// The register writes the number its own way; it is the same key.
			if trex.NormalizeDocumentNumber(tc.optional+tc.optional2) != trex.NormalizeDocumentNumber(id.Value) {
				t.Errorf("identifier %q does not normalise like the printed %q", id.Value, tc.optional+tc.optional2)
			}
		})
	}
}

func TestOptionalDataOfAnotherShapeIsNoIdentifier(t *testing.T) {
	for _, tc := range []struct{ state, optional string }{
		{"KAZ", "85031730012"},    // one digit short of an IIN
		{"UKR", "ABC"},            // not a record number
		{"UTO", "850317300123"},   // an issuer without national rules
		{"GEO", "0102401234<<12"}, // fillers inside
	} {
		z, err := strict.Read(mustEncode(t, &mrz.Zone{Format: mrz.TD1, DocumentCode: "ID", IssuingState: tc.state,
			Surname: "SPECIMEN", DocumentNumber: "AB1234567", Nationality: tc.state,
			BirthDate: trex.MustPartialDate("1985-03-17"), ExpiryDate: trex.MustPartialDate("2031-03-16"), OptionalData: tc.optional}))
		if err != nil {
			t.Fatal(err)
		}
		if z.National != nil || z.Person().Identifiers != nil {
			t.Errorf("%s %q: National = %+v", tc.state, tc.optional, z.National)
		}
	}
}
