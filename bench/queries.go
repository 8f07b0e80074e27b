package bench

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"trex"
	"trex/ftm"
	"trex/mrz"
	"trex/romanize"
	"trex/synth"
)

// Query kinds: how the traveller at the booth differs from the record.
const (
	KindUnlisted = "unlisted"  // not on the list (most travellers)
	KindSystem   = "system"    // listed, name spelled by any romanisation system
	KindTypo     = "typo"      // listed, one letter of the surname mistyped
	KindDOBError = "dob-error" // listed, birth date with an entry error
	KindMRZ      = "mrz"       // listed, passport zone read at the booth
)

// Query is one check request as the API takes it.
type Query struct {
	Kind string
	// Listed is the index in the register of the person it is about, or
	// -1 for an unlisted traveller.
	Listed int
	Person trex.Person // the traveller as the booth sees them (for MRZ: as the zone reads)
	Body   []byte      // POST /v1/checks body
	// Twin marks an unlisted traveller whom a person on the register
	// matches in name (as the register writes it) and birth date: a
	// namesake born the same day, whom nothing a booth reads without the
	// document tells apart.
	Twin bool
}

// Queries draws n realistic checks against register: unlistedShare of
// them unlisted travellers from another population with the same names
// (namesakes abound), the rest listed persons as a booth meets them,
// spread over the kinds above. Strangers are drawn by synth.New.
func Queries(register []trex.Person, seed uint64, n int, unlistedShare float64) []Query {
	return QueriesFrom(synth.New, register, seed, n, unlistedShare)
}

// QueriesFrom is Queries with the unlisted travellers drawn from model,
// which should be the model the register was drawn from.
func QueriesFrom(model Model, register []trex.Person, seed uint64, n int, unlistedShare float64) []Query {
	rnd := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	strangers := model(seed + 1)
	out := make([]Query, 0, n)
	listedKinds := []string{KindSystem, KindTypo, KindDOBError, KindMRZ}
	unlisted := map[twinKey][]int{} // the unlisted travellers' own names, by name and birth date
	for len(out) < n {
		if rnd.Float64() < unlistedShare || len(register) == 0 {
			p := strangers.Person()
			if k, ok := twinKeyOf(p); ok {
				unlisted[k] = append(unlisted[k], len(out))
			}
			out = append(out, travellerQuery(KindUnlisted, -1, spelled(p, rnd, false)))
			continue
		}
		i := rnd.IntN(len(register))
		p := register[i]
		switch kind := listedKinds[rnd.IntN(len(listedKinds))]; kind {
		case KindSystem:
			out = append(out, travellerQuery(kind, i, spelled(p, rnd, false)))
		case KindTypo:
			out = append(out, travellerQuery(kind, i, spelled(p, rnd, true)))
		case KindDOBError:
			q := spelled(p, rnd, false)
			q.BirthDate = entryError(q.BirthDate, rnd)
			out = append(out, travellerQuery(kind, i, q))
		case KindMRZ:
			if q, ok := mrzQuery(i, p, rnd); ok {
				out = append(out, q)
			}
		}
	}
	markTwins(out, unlisted, register)
	return out
}

// twinKey is a person's first name and birth date as the register writes
// them.
type twinKey struct {
	surname, given string
	dob            trex.PartialDate
}

func twinKeyOf(p trex.Person) (twinKey, bool) {
	if len(p.Names) == 0 || !p.BirthDate.IsFull() {
		return twinKey{}, false
	}
	return twinKey{p.Names[0].Surname, p.Names[0].Given, p.BirthDate}, true
}

// markTwins sets Twin on the unlisted queries whose traveller (by the key
// in unlisted) shares name and birth date with a person of register.
func markTwins(qs []Query, unlisted map[twinKey][]int, register []trex.Person) {
	if len(unlisted) == 0 {
		return
	}
	for _, p := range register {
		if k, ok := twinKeyOf(p); ok {
			for _, i := range unlisted[k] {
				qs[i].Twin = true
			}
		}
	}
}

func travellerQuery(kind string, listed int, p trex.Person) Query {
	body, _ := json.Marshal(map[string]any{"traveller": ftm.FromPerson("q", p)})
	return Query{Kind: kind, Listed: listed, Person: p, Body: body}
}

// spelled is p as a travel document spells it: surname and given name in
// one romanisation system drawn at random, with a letter mistyped if typo.
func spelled(p trex.Person, rnd *rand.Rand, typo bool) trex.Person {
	n := p.Names[0]
	sur, given := rendering(n.Surname, rnd), rendering(n.Given, rnd)
	if typo && len(sur) > 3 {
		b := []byte(sur)
		j := 1 + rnd.IntN(len(b)-2)
		switch rnd.IntN(3) {
		case 0: // swap two letters
			b[j], b[j+1] = b[j+1], b[j]
		case 1: // drop one
			b = append(b[:j], b[j+1:]...)
		default: // a wrong letter
			b[j] = byte('A' + rnd.IntN(26))
		}
		sur = string(b)
	}
	return trex.Person{Names: []trex.Name{{Surname: sur, Given: given}}, BirthDate: p.BirthDate, Sex: p.Sex}
}

// rendering is one Latin spelling of a (possibly multi-word) name.
func rendering(name string, rnd *rand.Rand) string {
	var words []string
	for _, tok := range romanize.Tokens(name) {
		rs := romanize.Renderings(tok)
		if len(rs) == 0 {
			words = append(words, romanize.ICAOName(tok))
			continue
		}
		words = append(words, rs[rnd.IntN(len(rs))].Text)
	}
	return strings.Join(words, " ")
}

// entryError is d as a clerk or a passport might have it wrong: day and
// month swapped, a day or a month off, or a year digit wrong.
func entryError(d trex.PartialDate, rnd *rand.Rand) trex.PartialDate {
	switch rnd.IntN(4) {
	case 0:
		if d.Day <= 12 && d.Day != d.Month {
			d.Month, d.Day = d.Day, d.Month
			return d
		}
		fallthrough
	case 1:
		if d.Day > 1 {
			d.Day--
		} else {
			d.Day++
		}
	case 2:
		if d.Month > 1 {
			d.Month--
		} else {
			d.Month++
		}
		d.Day = min(d.Day, 28)
	default:
		d.Year += []int{-10, -1, 1, 10}[rnd.IntN(4)]
	}
	// A date no calendar has (29 February of a common year) is refused by
	// every form before a check: keep the error within the month.
	if last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d.Day > last {
		d.Day = last
	}
	return d
}

// mrzQuery is the zone of p's passport (a new one when the record holds
// none), names in ICAO spelling as Russian passports print them.
func mrzQuery(i int, p trex.Person, rnd *rand.Rand) (Query, bool) {
	number := fmt.Sprintf("%09d", rnd.IntN(1e9))
	if len(p.Documents) > 0 {
		number = p.Documents[0].Number
	}
	n := p.Names[0]
	z := &mrz.Zone{Format: mrz.TD3, DocumentCode: "P", IssuingState: "RUS", Nationality: "RUS",
		Surname: romanize.ICAOName(n.Surname), GivenNames: strings.Fields(romanize.ICAOName(n.Given)),
		DocumentNumber: number, BirthDate: p.BirthDate, Sex: p.Sex, ExpiryDate: trex.PartialDate{Year: 2031, Month: 6, Day: 30}}
	text, err := mrz.Encode(z)
	if err != nil {
		return Query{}, false
	}
	body, _ := json.Marshal(map[string]any{"mrz": text})
	q := trex.Person{Names: []trex.Name{{Surname: z.Surname, Given: strings.Join(z.GivenNames, " ")}}, BirthDate: p.BirthDate, Sex: p.Sex,
		Documents: []trex.Document{{Kind: "passport", Number: number, IssuingState: "RUS"}}}
	return Query{Kind: KindMRZ, Listed: i, Person: q, Body: body}, true
}
