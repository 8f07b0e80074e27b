package trex_test

import (
	"testing"

	"trex"
)

// TestSubjectIdentityNeedsAllThree: a record matches only when the
// national number, a document number and the full birth date all agree;
// two of three never do, and a record lacking one never does.
func TestSubjectIdentityNeedsAllThree(t *testing.T) {
	p := trex.Person{
		BirthDate:   trex.MustPartialDate("1980-03-04"),
		Identifiers: []trex.Identifier{{Kind: "national_id", Country: "RU", Value: "4509 123456"}, {Kind: "internal_passport", Value: "45 09 777777"}},
		Documents:   []trex.Document{{Kind: "passport", Number: "751234567"}},
	}
	noDocs := p
	noDocs.Documents, noDocs.Identifiers = nil, p.Identifiers[:1]
	yearOnly := p
	yearOnly.BirthDate = trex.MustPartialDate("1980")
	for _, c := range []struct {
		name string
		q    trex.SubjectIdentity
		p    trex.Person
		want bool
	}{
		{"all three, passport", trex.SubjectIdentity{"4509 123456", "751234567", "1980-03-04"}, p, true},
		{"all three, internal passport", trex.SubjectIdentity{"4509-123456", "4509777777", "1980-03-04"}, p, true},
		{"with the right country", trex.SubjectIdentity{"national_id:RU:4509123456", "751234567", "1980-03-04"}, p, true},
		{"with another country", trex.SubjectIdentity{"national_id:KZ:4509123456", "751234567", "1980-03-04"}, p, false},
		{"another kind", trex.SubjectIdentity{"tax_id::4509123456", "751234567", "1980-03-04"}, p, false},
		{"wrong birth date", trex.SubjectIdentity{"4509 123456", "751234567", "1980-03-05"}, p, false},
		{"wrong document", trex.SubjectIdentity{"4509 123456", "751234568", "1980-03-04"}, p, false},
		{"national id as the document", trex.SubjectIdentity{"4509 123456", "4509 123456", "1980-03-04"}, p, false},
		{"wrong national id", trex.SubjectIdentity{"4509 123457", "751234567", "1980-03-04"}, p, false},
		{"record without a document", trex.SubjectIdentity{"4509 123456", "751234567", "1980-03-04"}, noDocs, false},
		{"record with a birth year only", trex.SubjectIdentity{"4509 123456", "751234567", "1980-03-04"}, yearOnly, false},
	} {
		if got := c.q.Matches(c.p); got != c.want {
			t.Errorf("%s: Matches = %v, want %v", c.name, got, c.want)
		}
	}
	for _, bad := range []trex.SubjectIdentity{{"", "1", "1980-03-04"}, {"4509", "", "1980-03-04"}, {"4509", "1", "1980"}, {"4509", "1", "04.03.1980"}, {"a:b", "1", "1980-03-04"}} {
		if err := bad.Validate(); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("%+v: %v, want EINVALID", bad, err)
		}
	}
}

// TestKindsAppealDeadline: a kind's appeal deadline is configured in days
// (30 when left out) and bounded.
func TestKindsAppealDeadline(t *testing.T) {
	ks, err := trex.ParseKinds([]byte(`[{"name": "a", "max_days": 10, "appeal": "x", "appeal_days": 7}, {"name": "b", "max_days": 10, "appeal": "x"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := ks.Lookup("a"); a.AppealDeadline().Hours() != 7*24 {
		t.Errorf("a: %v", a.AppealDeadline())
	}
	if b, _ := ks.Lookup("b"); b.AppealDeadline().Hours() != trex.DefaultAppealDays*24 {
		t.Errorf("b: %v", b.AppealDeadline())
	}
	for _, bad := range []string{`[{"name": "a", "max_days": 10, "appeal": "x", "appeal_days": -1}]`, `[{"name": "a", "max_days": 10, "appeal": "x", "appeal_days": 400}]`} {
		if _, err := trex.ParseKinds([]byte(bad)); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("%s: %v, want EINVALID", bad, err)
		}
	}
}
