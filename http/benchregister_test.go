package http_test

import (
	"fmt"

	"trex"
	"trex/romanize"
	"trex/screening"
	"trex/synth"
)

// benchRegister indexes n synthetic persons (synth seed) and returns 64
// check request bodies for persons picked every stride-th, in ICAO
// spelling with their birth date and, when passport is set, a passport
// number no record holds: the check benchmarks' shared traffic.
func benchRegister(seed uint64, n, stride int, passport bool) (*screening.Index, []string) {
	ix, people := synthRegister(seed, n)
	bodies := make([]string, 64)
	for i := range bodies {
		p := people[i*stride%len(people)]
		surname, given := romanize.ICAOName(p.Names[0].Surname), romanize.ICAOName(p.Names[0].Given)
		if passport {
			bodies[i] = fmt.Sprintf(`{"traveller": {"schema": "Person", "properties": {"lastName": [%q], "firstName": [%q], "birthDate": [%q], "passportNumber": ["7%08d"]}}}`,
				surname, given, p.BirthDate, i)
		} else {
			bodies[i] = fmt.Sprintf(`{"traveller": {"schema": "Person", "properties": {"lastName": [%q], "firstName": [%q], "birthDate": [%q]}}}`,
				surname, given, p.BirthDate)
		}
	}
	return ix, bodies
}

// synthRegister indexes n synthetic persons (synth seed) under the keys
// R000000, R000001, …, and returns the index and the persons.
func synthRegister(seed uint64, n int) (*screening.Index, []trex.Person) {
	gen := synth.New(seed)
	ix := screening.New()
	people := make([]trex.Person, n)
	for i := range people {
		people[i] = gen.Person()
		ix.Put(trex.Subject{Key: fmt.Sprintf("R%06d", i), Person: people[i]})
	}
	return ix, people
}
