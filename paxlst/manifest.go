package paxlst

import (
	"time"

	"trex"
)

// Interchange is one PAXLST interchange: the envelope and its messages.
type Interchange struct {
	Separators    Separators
	Syntax        string // e.g. "UNOA"
	SyntaxVersion string // e.g. "4"
	Sender        string
	Recipient     string
	Prepared      time.Time // the UNB date and time; zero when unreadable
	ControlRef    string
	Application   string // the application reference, e.g. "APIS"
	Group         *Group // the UNG functional group, when there is one
	Messages      []Message
	// Warnings lists the irregularities read past, in input order.
	Warnings []Warning
}

// Group is a UNG functional group header.
type Group struct {
	Sender    string
	Recipient string
	Ref       string
	Version   string // e.g. "D:05B"
}

// Message is one PAXLST message (UNH to UNT).
type Message struct {
	Ref          string // the message reference of UNH
	Version      string // "D:05B", "D:02B", ...
	Association  string // e.g. "IATA"
	DocumentCode string // BGM: 745 passenger list, 250 crew list, ...
	DocumentID   string // BGM element 2, e.g. "C" (crew), "CP" (change)
	References   []Reference
	Sender       string // NAD+MS: the party that reported the manifest
	Legs         []Leg
	Travellers   []Traveller
}

// Leg is one flight of the itinerary (a TDT group).
type Leg struct {
	Flight    string // e.g. "UA0989"
	Carrier   string // e.g. "UA"
	Departure Place
	Arrival   Place
}

// Place is an airport of a leg and when the flight leaves or reaches it.
type Place struct {
	Code      string    // IATA airport code
	Qualifier string    // "125" last departure before the border, "87" first arrival after it, "92" routing
	Time      time.Time // zero when not given; local time at the airport
}

// Role says whether a traveller is a passenger or a member of the crew.
type Role string

// Roles.
const (
	Passenger Role = "passenger"
	Crew      Role = "crew"
)

// Traveller is one passenger or crew member (a NAD+FL, FM, DDU or DDT group).
type Traveller struct {
	Role        Role
	Party       string // the NAD qualifier: FL, FM, DDU, DDT
	Surname     string // upper case
	GivenNames  []string
	Sex         trex.Sex
	BirthDate   trex.PartialDate
	Nationality string
	Residence   string // LOC+174
	BirthPlace  string // LOC+180
	Embarked    string // LOC+178
	Disembarks  string // LOC+179
	Documents   []Document
	References  []Reference // RFF: AVF (booking), ABO (passenger), SEA (seat), ...
	Line        int         // where the NAD segment begins
}

// Document is a travel document of a traveller (a DOC group).
type Document struct {
	Type         string // P passport, V visa, I identity card, ...
	Number       string
	Expiry       trex.PartialDate
	IssuingState string // LOC+91
}

// Reference is an RFF segment: a qualifier and a value.
type Reference struct {
	Qualifier string `json:"qualifier"`
	Value     string `json:"value"`
}

// Travellers returns the travellers of every message, in order.
func (ic *Interchange) Travellers() []Traveller {
	var out []Traveller
	for _, m := range ic.Messages {
		out = append(out, m.Travellers...)
	}
	return out
}

// BorderLeg returns the leg that crosses the border: the one that leaves
// from a LOC+125 or arrives at a LOC+87, else the last leg; nil when the
// message has no legs.
func (m *Message) BorderLeg() *Leg {
	for i := range m.Legs {
		if m.Legs[i].Departure.Qualifier == "125" || m.Legs[i].Arrival.Qualifier == "87" {
			return &m.Legs[i]
		}
	}
	if len(m.Legs) == 0 {
		return nil
	}
	return &m.Legs[len(m.Legs)-1]
}

// Reference returns the value of the traveller's first reference with the
// qualifier, or "".
func (t *Traveller) Reference(qualifier string) string {
	for _, r := range t.References {
		if r.Qualifier == qualifier {
			return r.Value
		}
	}
	return ""
}

// Persons returns every traveller as screening sees them, in the order of
// Travellers, so that answers can be matched back by position.
func (ic *Interchange) Persons() []trex.Person {
	tr := ic.Travellers()
	out := make([]trex.Person, len(tr))
	for i := range tr {
		out[i] = tr[i].Person()
	}
	return out
}
