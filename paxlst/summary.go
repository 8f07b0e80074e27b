package paxlst

import "strings"

// Summary is a manifest as JSON, the shape the trex paxlst command prints
// and the HTTP API returns. Flight, departure and arrival come from the leg
// that crosses the border (see Message.BorderLeg) of the first message that
// has legs.
type Summary struct {
	Flight     string             `json:"flight"`
	Departure  string             `json:"departure"`
	Arrival    string             `json:"arrival"`
	Travellers []TravellerSummary `json:"travellers"`
	Warnings   []string           `json:"warnings"`
}

// TravellerSummary is one traveller as JSON; given names are space-separated,
// the birth date is YYYY-MM-DD, the document is the first one given.
type TravellerSummary struct {
	Role           Role   `json:"role"`
	Surname        string `json:"surname"`
	GivenNames     string `json:"given_names"`
	Sex            string `json:"sex"`
	BirthDate      string `json:"birth_date"`
	Nationality    string `json:"nationality"`
	DocumentNumber string `json:"document_number"`
	DocumentType   string `json:"document_type"`
	// References are the traveller's references (booking, passenger, ...)
	// that answers repeat, so that they can be matched to the traveller.
	References []Reference `json:"references,omitempty"`
}

// Summary returns the interchange as JSON fields. Travellers and Warnings
// are never nil, so that they print as [] rather than null.
func (ic *Interchange) Summary() Summary {
	s := Summary{Travellers: []TravellerSummary{}, Warnings: []string{}}
	for i := range ic.Messages {
		if leg := ic.Messages[i].BorderLeg(); leg != nil {
			s.Flight, s.Departure, s.Arrival = leg.Flight, leg.Departure.Code, leg.Arrival.Code
			break
		}
	}
	for _, t := range ic.Travellers() {
		ts := TravellerSummary{
			Role: t.Role, Surname: t.Surname, GivenNames: strings.Join(t.GivenNames, " "),
			Sex: string(t.Sex), BirthDate: t.BirthDate.String(), Nationality: t.Nationality,
			References: t.References,
		}
		if len(t.Documents) > 0 {
			ts.DocumentNumber, ts.DocumentType = t.Documents[0].Number, t.Documents[0].Type
		}
		s.Travellers = append(s.Travellers, ts)
	}
	for _, w := range ic.Warnings {
		s.Warnings = append(s.Warnings, w.String())
	}
	return s
}
