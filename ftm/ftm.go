// Package ftm reads and writes persons as FollowTheMoney Person entities,
// the JSON shape sanctions and screening tools exchange
// ({"id", "schema": "Person", "properties": {"lastName": [...], ...}}).
//
// It converts between that shape and trex.Person and does nothing else: no
// matching, no I/O beyond encoding/json.
package ftm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"trex"
)

// Entity is a FollowTheMoney entity as it travels in JSON.
type Entity struct {
	ID         string              `json:"id,omitempty"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// Properties of the Person schema that trex reads. Others are refused in
// strict mode and ignored otherwise.
var known = map[string]bool{
	"name": true, "alias": true, "weakAlias": true, "previousName": true,
	"firstName": true, "secondName": true, "middleName": true, "fatherName": true, "lastName": true,
	"birthDate": true, "gender": true, "nationality": true, "citizenship": true, "country": true,
	"idNumber": true, "passportNumber": true, "taxNumber": true, "innCode": true,
}

// Options control how strictly Decode reads.
type Options struct {
	// Strict refuses unknown top-level fields and properties trex does not
	// read, so that a caller learns that data would be lost.
	Strict bool
}

// Decode parses one entity from JSON and converts it to a Person.
func Decode(data []byte, opt Options) (Entity, trex.Person, error) {
	var e Entity
	dec := json.NewDecoder(bytes.NewReader(data))
	if opt.Strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(&e); err != nil {
		return e, trex.Person{}, trex.Errorf(trex.EINVALID, "person entity: %v", err)
	}
	p, err := ToPerson(e, opt)
	return e, p, err
}

// ToPerson converts an entity to a Person. The entity must be of schema
// Person (or omit the schema) and carry at least one name.
func ToPerson(e Entity, opt Options) (trex.Person, error) {
	var p trex.Person
	if e.Schema != "" && e.Schema != "Person" {
		return p, trex.Errorf(trex.EINVALID, "person entity: schema is %q, want \"Person\"", e.Schema)
	}
	if opt.Strict {
		var unknown []string
		for k := range e.Properties {
			if !known[k] {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return p, trex.Errorf(trex.EINVALID, "person entity: unsupported properties %s; supported are name, firstName, middleName, fatherName, lastName, alias, birthDate, gender, nationality, idNumber, passportNumber, taxNumber", strings.Join(unknown, ", "))
		}
	}
	props := e.Properties
	if n := countNameValues(props); n > trex.MaxNames {
		return p, trex.Errorf(trex.EINVALID, "person entity: %d names and aliases; at most %d per person", n, trex.MaxNames)
	}
	first := func(k string) string {
		for _, v := range props[k] {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
		return ""
	}

	given := strings.Join(clean(concat(props["firstName"], props["secondName"], props["middleName"])), " ")
	surnames := clean(props["lastName"])
	patronymic := first("fatherName")
	if len(surnames) > 0 || given != "" {
		if len(surnames) == 0 {
			surnames = []string{""}
		}
		for _, s := range surnames {
			p.Names = append(p.Names, trex.Name{Surname: s, Given: given, Patronymic: patronymic})
		}
	}
	held := heldForms(p.Names)
	for _, k := range []string{"name", "alias", "previousName"} {
		for _, v := range clean(props[k]) {
			f := strings.ToLower(v)
			if !held[f] {
				held[f] = true
				p.Names = append(p.Names, trex.Name{Full: v})
			}
		}
	}
	if len(p.Names) == 0 {
		return p, trex.Errorf(trex.EINVALID, "person entity: no name; give lastName and firstName, or name")
	}
	if err := p.CheckLimits(); err != nil {
		return p, trex.Errorf(trex.EINVALID, "person entity: %s", trex.ErrorMessage(err))
	}

	var err error
	if p.BirthDate, err = trex.ParsePartialDate(first("birthDate")); err != nil {
		return p, trex.Errorf(trex.EINVALID, "person entity: birthDate: %s", trex.ErrorMessage(err))
	}
	if p.Sex, err = trex.ParseSex(first("gender")); err != nil {
		if opt.Strict {
			return p, trex.Errorf(trex.EINVALID, "person entity: gender: %s", trex.ErrorMessage(err))
		}
		p.Sex = trex.SexUnknown
	}
	p.Nationality = clean(concat(props["nationality"], props["citizenship"]))
	for _, v := range clean(props["idNumber"]) {
		p.Identifiers = append(p.Identifiers, trex.Identifier{Kind: "national_id", Value: v})
	}
	for _, k := range []string{"taxNumber", "innCode"} {
		for _, v := range clean(props[k]) {
			p.Identifiers = append(p.Identifiers, trex.Identifier{Kind: "tax", Value: v})
		}
	}
	for _, v := range clean(props["passportNumber"]) {
		p.Documents = append(p.Documents, trex.Document{Kind: "passport", Number: v})
	}
	return p, nil
}

// FromPerson converts a Person back to an entity with the given id.
func FromPerson(id string, p trex.Person) Entity {
	e := Entity{ID: id, Schema: "Person", Properties: map[string][]string{}}
	add := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			e.Properties[k] = append(e.Properties[k], v)
		}
	}
	for _, n := range p.Names {
		if n.Full != "" && n.Surname == "" && n.Given == "" {
			add("name", n.Full)
			continue
		}
		add("lastName", n.Surname)
		if len(e.Properties["firstName"]) == 0 {
			add("firstName", n.Given)
			add("fatherName", n.Patronymic)
		}
		add("name", n.String())
	}
	add("birthDate", p.BirthDate.String())
	switch p.Sex {
	case trex.SexMale:
		add("gender", "male")
	case trex.SexFemale:
		add("gender", "female")
	}
	for _, n := range p.Nationality {
		add("nationality", n)
	}
	for _, id := range p.Identifiers {
		if id.Kind == "tax" {
			add("taxNumber", id.Value)
		} else {
			add("idNumber", id.Value)
		}
	}
	for _, d := range p.Documents {
		add("passportNumber", d.Number)
	}
	return e
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func clean(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// heldForms returns the lower-case forms of names already held, in both
// orders of their parts, so that a full name that only repeats them adds
// nothing. Looking a form up costs the same however many aliases there are.
func heldForms(names []trex.Name) map[string]bool {
	held := make(map[string]bool, 2*len(names))
	for _, n := range names {
		held[strings.ToLower(n.String())] = true
		held[strings.ToLower(strings.Join(nonEmpty(n.Given, n.Patronymic, n.Surname), " "))] = true
	}
	return held
}

// countNameValues counts the property values that become names, before
// any work is done on them.
func countNameValues(props map[string][]string) int {
	return len(props["lastName"]) + len(props["name"]) + len(props["alias"]) + len(props["previousName"])
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// String is for debugging.
func (e Entity) String() string { return fmt.Sprintf("%s(%s)", e.Schema, e.ID) }
