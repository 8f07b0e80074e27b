package paxlst_test

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/paxlst"
)

// randomInterchange generates a manifest whose values use the full range of
// characters that need releasing, with random service characters.
func randomInterchange(r *rand.Rand, travellers int) *paxlst.Interchange {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	word := func(min, max int, alphabet string) string {
		b := make([]byte, min+r.IntN(max-min+1))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	seps := []paxlst.Separators{
		paxlst.DefaultSeparators,
		{Component: ':', Element: '*', Decimal: '.', Release: '?', Repetition: ' ', Segment: '$'},
		{Component: '^', Element: '|', Decimal: ',', Release: '\\', Repetition: '*', Segment: '~'},
	}[r.IntN(3)]
	// Names may hold any of the interchange's service characters (and the
	// marks of syntax level A); the writer must release them.
	nameChars := letters + string([]byte{seps.Component, seps.Element, seps.Release, seps.Segment}) + ":+?'*-."
	prepared := time.Date(2020+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), 0, 0, time.UTC)
	ic := &paxlst.Interchange{
		Separators: seps, Syntax: "UNOA", SyntaxVersion: "4",
		Sender: word(2, 8, letters), Recipient: word(2, 8, letters), Prepared: prepared,
		ControlRef: word(1, 10, "0123456789"), Application: "APIS",
	}
	if r.IntN(2) == 0 {
		ic.Group = &paxlst.Group{Sender: ic.Sender, Recipient: ic.Recipient, Ref: word(1, 5, "0123456789"), Version: "D:05B"}
	}
	for range 1 + r.IntN(2) {
		m := paxlst.Message{Ref: word(1, 14, letters+"0123456789"), Version: "D:05B", Association: "IATA",
			DocumentCode: "745", References: []paxlst.Reference{{Qualifier: "TN", Value: word(4, 12, letters)}},
			Sender: word(3, 10, letters)}
		for range 1 + r.IntN(3) {
			dep := prepared.Add(time.Duration(r.IntN(48)) * time.Hour)
			m.Legs = append(m.Legs, paxlst.Leg{Flight: word(2, 2, letters) + word(3, 4, "0123456789"), Carrier: word(2, 2, letters),
				Departure: paxlst.Place{Code: word(3, 3, letters), Qualifier: "92", Time: dep},
				Arrival:   paxlst.Place{Code: word(3, 3, letters), Qualifier: "92", Time: dep.Add(3 * time.Hour)}})
		}
		last := &m.Legs[len(m.Legs)-1]
		last.Departure.Qualifier, last.Arrival.Qualifier = "125", "87"
		for range travellers {
			t := paxlst.Traveller{Role: paxlst.Passenger, Party: "FL", Surname: word(1, 12, nameChars),
				Sex:         []trex.Sex{trex.SexMale, trex.SexFemale, trex.SexUnknown}[r.IntN(3)],
				BirthDate:   trex.PartialDate{Year: prepared.Year() - 1 - r.IntN(99), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)},
				Nationality: word(3, 3, letters), Embarked: word(3, 3, letters), Disembarks: word(3, 3, letters),
				References: []paxlst.Reference{{Qualifier: "AVF", Value: word(6, 6, letters)}, {Qualifier: "ABO", Value: word(1, 8, "0123456789")}},
				Documents: []paxlst.Document{{Type: "P", Number: word(6, 10, letters+"0123456789"),
					Expiry:       trex.PartialDate{Year: prepared.Year() + r.IntN(10), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)},
					IssuingState: word(3, 3, letters)}}}
			if r.IntN(5) == 0 {
				t.Role, t.Party = paxlst.Crew, "FM"
			}
			for range r.IntN(3) {
				t.GivenNames = append(t.GivenNames, word(1, 8, nameChars))
			}
			m.Travellers = append(m.Travellers, t)
		}
		ic.Messages = append(ic.Messages, m)
	}
	return ic
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 500 {
		want := randomInterchange(r, 1+r.IntN(6))
		data, err := paxlst.Encode(want)
		if err != nil {
			t.Fatalf("case %d: Encode: %v", i, err)
		}
		got, err := reader.Read(data)
		if err != nil {
			t.Fatalf("case %d: Read: %v\n%s", i, err, data)
		}
		if len(got.Warnings) != 0 {
			t.Fatalf("case %d: warnings on printed output: %v\n%s", i, got.Warnings, data)
		}
		for j := range got.Messages {
			for k := range got.Messages[j].Travellers {
				got.Messages[j].Travellers[k].Line = 0
			}
		}
		got.Warnings = nil
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d:\n%s\ngot  %+v\nwant %+v", i, data, got, want)
		}
	}
}

func TestEncodeWritesCenturyWhenNeeded(t *testing.T) {
	ic := &paxlst.Interchange{Prepared: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ControlRef: "1",
		Messages: []paxlst.Message{{Ref: "1", Travellers: []paxlst.Traveller{
			{Role: paxlst.Passenger, Party: "FL", Surname: "OLD", BirthDate: trex.MustPartialDate("1901-05-06")},
			{Role: paxlst.Passenger, Party: "FL", Surname: "YOUNG", BirthDate: trex.MustPartialDate("2001-05-06")},
		}}}}
	data, err := paxlst.Encode(ic)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "DTM+329:19010506:102'") || !strings.Contains(string(data), "DTM+329:010506'") {
		t.Errorf("dates:\n%s", data)
	}
	back, err := reader.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if tr := back.Travellers(); tr[0].BirthDate.String() != "1901-05-06" || tr[1].BirthDate.String() != "2001-05-06" {
		t.Errorf("read back %s and %s", tr[0].BirthDate, tr[1].BirthDate)
	}
}
