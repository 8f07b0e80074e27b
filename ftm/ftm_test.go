package ftm_test

import (
	"testing"

	"trex"
	"trex/ftm"
)

func TestDecodePerson(t *testing.T) {
	_, p, err := ftm.Decode([]byte(`{"id": "r1", "schema": "Person", "properties": {
		"name": ["Иванов Сергей Петрович"], "lastName": ["Иванов"], "firstName": ["Сергей"], "fatherName": ["Петрович"],
		"alias": ["Ivanov Sergei"], "birthDate": ["1980-03-04"], "gender": ["male"], "nationality": ["ru"],
		"idNumber": ["4509 123456"], "passportNumber": ["751234567"]}}`), ftm.Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Names) != 2 || p.Names[0] != (trex.Name{Surname: "Иванов", Given: "Сергей", Patronymic: "Петрович"}) || p.Names[1].Full != "Ivanov Sergei" {
		t.Errorf("names = %+v (the full name repeating the parts is folded, the alias kept)", p.Names)
	}
	if p.BirthDate.String() != "1980-03-04" || p.Sex != trex.SexMale || p.Nationality[0] != "ru" {
		t.Errorf("person = %+v", p)
	}
	if len(p.Identifiers) != 1 || p.Identifiers[0].Value != "4509 123456" || len(p.Documents) != 1 || p.Documents[0].Number != "751234567" {
		t.Errorf("identifiers %+v documents %+v", p.Identifiers, p.Documents)
	}
}

func TestDecodeRefusals(t *testing.T) {
	cases := map[string]string{
		"not json":         `{`,
		"wrong schema":     `{"schema": "Company", "properties": {"name": ["ACME"]}}`,
		"no name":          `{"schema": "Person", "properties": {"birthDate": ["1980"]}}`,
		"bad date":         `{"schema": "Person", "properties": {"name": ["X"], "birthDate": ["1980-02-31"]}}`,
		"unknown property": `{"schema": "Person", "properties": {"name": ["X"], "shoeSize": ["44"]}}`,
		"unknown field":    `{"schema": "Person", "properties": {"name": ["X"]}, "extra": 1}`,
		"bad gender":       `{"schema": "Person", "properties": {"name": ["X"], "gender": ["robot"]}}`,
	}
	for name, in := range cases {
		if _, _, err := ftm.Decode([]byte(in), ftm.Options{Strict: true}); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
	// Lenient reading (batch screening) skips what it does not know.
	if _, p, err := ftm.Decode([]byte(`{"schema": "Person", "properties": {"name": ["X Y"], "shoeSize": ["44"], "gender": ["robot"]}, "extra": 1}`), ftm.Options{}); err != nil || p.Names[0].Full != "X Y" {
		t.Errorf("lenient decode = %+v, %v", p, err)
	}
}

func TestRoundTrip(t *testing.T) {
	in := trex.Person{
		Names:       []trex.Name{{Surname: "Петрова", Given: "Анна Мария", Patronymic: "Сергеевна"}},
		BirthDate:   trex.MustPartialDate("1990-04"),
		Sex:         trex.SexFemale,
		Nationality: []string{"ru"},
		Identifiers: []trex.Identifier{{Kind: "national_id", Value: "123"}},
		Documents:   []trex.Document{{Kind: "passport", Number: "P1"}},
	}
	e := ftm.FromPerson("x", in)
	out, err := ftm.ToPerson(e, ftm.Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if out.Names[0] != in.Names[0] || out.BirthDate != in.BirthDate || out.Sex != in.Sex || out.Documents[0].Number != "P1" || out.Identifiers[0].Value != "123" {
		t.Errorf("round trip: %+v -> %+v", in, out)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"schema": "Person", "properties": {"name": ["X"]}}`,
		`{"schema": "Person", "properties": {"lastName": ["Иванов"], "firstName": ["С"], "birthDate": ["1980-01-01"]}}`,
		`{"properties": {"lastName": [""], "firstName": ["  "]}}`, `null`, `[]`, `{"properties": null}`,
	} {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, strict bool) {
		_, p, err := ftm.Decode(data, ftm.Options{Strict: strict})
		if err != nil {
			if trex.ErrorCode(err) != trex.EINVALID {
				t.Fatalf("error without the invalid code: %v", err)
			}
			return
		}
		if len(p.Names) == 0 {
			t.Fatalf("decoded a person without a name from %q", data)
		}
	})
}
