package paxlst

import (
	"strings"

	"trex"
)

// body reads a segment inside a message. Segments the guidelines define but
// screening does not need are passed over silently; unknown ones are
// reported.
func (p *parser) body(s *segment) {
	m := p.msg
	switch s.tag {
	case "BGM":
		m.DocumentCode, m.DocumentID = s.el(0, 0), s.el(1, 0)
	case "RFF":
		r := Reference{Qualifier: s.el(0, 0), Value: s.el(0, 1)}
		if t := p.traveller(); t != nil {
			t.References = append(t.References, r)
		} else {
			m.References = append(m.References, r)
		}
	case "NAD":
		p.nad(s)
	case "TDT":
		p.inTrav = false
		m.Legs = append(m.Legs, Leg{Flight: s.el(1, 0), Carrier: s.el(4, 0)})
	case "LOC":
		p.loc(s)
	case "DTM":
		p.dtm(s)
	case "ATT":
		if t := p.traveller(); t != nil && s.el(0, 0) == "2" {
			sex, err := trex.ParseSex(s.el(2, 0))
			if err != nil {
				p.warn(s, "sex %q is unreadable", s.el(2, 0))
			}
			t.Sex = sex
		}
	case "NAT":
		if t := p.traveller(); t != nil {
			t.Nationality = strings.ToUpper(s.el(1, 0))
		} else {
			p.warn(s, "NAT outside a traveller is ignored")
		}
	case "DOC":
		if t := p.traveller(); t != nil {
			t.Documents = append(t.Documents, Document{Type: strings.ToUpper(s.el(0, 0)), Number: s.el(1, 0)})
		} else {
			p.warn(s, "DOC outside a traveller is ignored")
		}
	case "CNT":
		p.inTrav = false
		p.counts = append(p.counts, *s)
	case "COM", "GEI", "FTX", "EMP", "QTY", "CPI", "FII", "MEA", "TSR", "DOC2":
	default:
		p.warn(s, "segment %s is not part of a PAXLST message; ignored", s.tag)
	}
}

// traveller returns the traveller whose group is open, or nil.
func (p *parser) traveller() *Traveller {
	if !p.inTrav || len(p.msg.Travellers) == 0 {
		return nil
	}
	return &p.msg.Travellers[len(p.msg.Travellers)-1]
}

func (p *parser) leg() *Leg {
	if len(p.msg.Legs) == 0 {
		return nil
	}
	return &p.msg.Legs[len(p.msg.Legs)-1]
}

// nad reads a party: the reporting party (MS) or a traveller.
func (p *parser) nad(s *segment) {
	var role Role
	switch party := s.el(0, 0); party {
	case "FL", "DDU":
		role = Passenger
	case "FM", "DDT":
		role = Crew
	case "MS":
		p.inTrav = false
		if len(s.elements) > 3 {
			p.msg.Sender = strings.TrimSpace(strings.Join(s.elements[3], " "))
		}
		return
	default:
		p.warn(s, "party %q is neither a passenger (FL, DDU) nor crew (FM, DDT); ignored", party)
		p.inTrav = false
		return
	}
	t := Traveller{Role: role, Party: s.el(0, 0), Line: s.line}
	var name []string
	if len(s.elements) > 3 {
		name = s.elements[3]
	}
	if len(name) > 0 {
		t.Surname = strings.ToUpper(strings.Join(strings.Fields(name[0]), " "))
		for _, g := range name[1:] {
			t.GivenNames = append(t.GivenNames, strings.Fields(strings.ToUpper(g))...)
		}
	}
	if t.Surname == "" && len(t.GivenNames) == 0 {
		p.warn(s, "a traveller without a name")
	}
	p.msg.Travellers = append(p.msg.Travellers, t)
	p.inTrav = true
}

// loc reads a place: of the traveller, of their last document, or of the leg.
func (p *parser) loc(s *segment) {
	q, code := s.el(0, 0), strings.ToUpper(s.el(1, 0))
	if code == "" {
		code = strings.ToUpper(s.el(1, 3)) // a place given by name only, e.g. LOC+180+:::HARTFORD
	}
	if t := p.traveller(); t != nil {
		switch q {
		case "174":
			t.Residence = code
		case "178":
			t.Embarked = code
		case "179":
			t.Disembarks = code
		case "180":
			t.BirthPlace = code
		case "91":
			if len(t.Documents) > 0 {
				t.Documents[len(t.Documents)-1].IssuingState = code
			}
		}
		return
	}
	l := p.leg()
	if l == nil {
		p.warn(s, "LOC before any TDT is ignored")
		return
	}
	place := Place{Code: code, Qualifier: q}
	switch q {
	case "125":
		l.Departure = place
	case "87":
		l.Arrival = place
	case "92":
		if l.Departure == (Place{}) {
			l.Departure = place
		} else {
			l.Arrival = place
		}
	default:
		p.warn(s, "LOC qualifier %q in a leg is not understood; ignored", q)
	}
}

// dtm reads a date: the traveller's birth, their document's expiry, or the
// leg's departure and arrival.
func (p *parser) dtm(s *segment) {
	q, v := s.el(0, 0), s.el(0, 1)
	if t := p.traveller(); t != nil {
		switch q {
		case "329":
			d, ok := birthDate(v, p.ref)
			if !ok {
				p.warn(s, "birth date %q is unreadable", v)
			}
			t.BirthDate = d
		case "36":
			d, ok := expiryDate(v, p.ref)
			if !ok {
				p.warn(s, "expiry date %q is unreadable", v)
			}
			if len(t.Documents) > 0 {
				t.Documents[len(t.Documents)-1].Expiry = d
			}
		}
		return
	}
	l := p.leg()
	if l == nil {
		p.warn(s, "DTM before any TDT is ignored")
		return
	}
	tm, ok := parseStamp(v)
	if !ok {
		p.warn(s, "date and time %q is unreadable", v)
		return
	}
	switch q {
	case "189":
		l.Departure.Time = tm
	case "232":
		l.Arrival.Time = tm
	}
}
