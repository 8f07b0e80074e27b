package paxlst

import (
	"strings"
	"time"

	"trex"
)

// Answer is what a border agency tells a carrier about one traveller in
// the interactive API.
type Answer string

// Answers.
const (
	Board      Answer = "board"        // ERC 0Z: OK to board
	DoNotBoard Answer = "do_not_board" // ERC 1Z: not OK to board
	Refer      Answer = "refer"        // ERC 2Z: the carrier must contact the border agency before boarding
)

// Code is the application error code CUSRES carries for the answer (ERC,
// data element 9321): 0Z and 1Z are the board and do-not-board codes of
// interactive API exchanges; 2Z for a referral must be checked against the
// implementation guide each receiving carrier works to.
func (a Answer) Code() string {
	switch a {
	case Board:
		return "0Z"
	case DoNotBoard:
		return "1Z"
	}
	return "2Z"
}

func (a Answer) text() string {
	switch a {
	case Board:
		return "OK TO BOARD"
	case DoNotBoard:
		return "DO NOT BOARD"
	}
	return "CONTACT BORDER AGENCY BEFORE BOARDING"
}

// AnswerFor turns a screening verdict into an answer to the carrier: clear
// boards, a hit does not, a refer sends the carrier to the agency.
func AnswerFor(v trex.Verdict) Answer {
	switch v {
	case trex.Clear:
		return Board
	case trex.Hit:
		return DoNotBoard
	}
	return Refer
}

// Verdict is the answer about one traveller and, optionally, the free text
// the carrier's agent sees (FTX+AAP); empty means the standard wording.
type Verdict struct {
	Answer Answer
	Text   string
}

// Response is the envelope of a CUSRES interchange. Empty fields are taken
// from the manifest answered: sender and recipient swapped, the same control
// reference, the same preparation time.
type Response struct {
	Sender     string
	Recipient  string
	ControlRef string
	Prepared   time.Time
}

// WriteCUSRES prints the CUSRES interchange that answers the manifest ic:
// one CUSRES message per PAXLST message, repeating its transaction reference
// (RFF+TN) and flights, then for each traveller an ERP group with every
// reference the manifest gave that traveller, in the manifest's order
// (booking RFF+AVF, passenger RFF+ABO, customer RFF+CR, seat RFF+SEA, ...),
// the answer (ERC) and its text (FTX+AAP), so that the carrier can match
// each answer to its traveller by the references it sent. verdicts holds
// one verdict per traveller, in the order of ic.Travellers(). No reference
// is invented: a traveller whom the manifest gave none gets an ERP group
// without RFF, and the carrier matches it by position.
func WriteCUSRES(ic *Interchange, verdicts []Verdict, r Response) ([]byte, error) {
	if n := len(ic.Travellers()); len(verdicts) != n {
		return nil, trex.Errorf(trex.EINVALID, "cusres: %d verdicts for %d travellers; give one per traveller, in manifest order", len(verdicts), n)
	}
	for i, v := range verdicts {
		switch v.Answer {
		case Board, DoNotBoard, Refer:
		default:
			return nil, trex.Errorf(trex.EINVALID, "cusres: verdict %d: answer %q is not board, do_not_board or refer", i+1, v.Answer)
		}
	}
	seps := ic.Separators
	if seps == (Separators{}) || seps.valid() != nil {
		seps = DefaultSeparators
	}
	w := newWriter(seps)
	prepared := r.Prepared
	if prepared.IsZero() {
		prepared = ic.Prepared
	}
	d, t := stamp(prepared)
	ref := or(r.ControlRef, ic.ControlRef)
	sender, recipient := or(r.Sender, ic.Recipient), or(r.Recipient, ic.Sender)
	w.seg("UNB", w.c(or(ic.Syntax, "UNOA"), or(ic.SyntaxVersion, "4")), w.c(sender), w.c(recipient), w.c(d, t), w.c(ref), "", w.c(ic.Application))
	groupRef := ref
	if ic.Group != nil {
		groupRef = or(ic.Group.Ref, ref)
		w.seg("UNG", w.c("CUSRES"), w.c(sender), w.c(recipient), w.c(d, t), w.c(groupRef), w.c("UN"), w.c("D", "05B"))
	}
	next := 0
	for i := range ic.Messages {
		m := &ic.Messages[i]
		w.count = 0
		w.seg("UNH", w.c(m.Ref), w.c("CUSRES", "D", "05B", "UN", "IATA"))
		w.seg("BGM", w.c("962"))
		for _, rf := range m.References {
			if rf.Qualifier == "TN" {
				w.seg("RFF", w.c("TN", rf.Value))
			}
		}
		for _, l := range m.Legs {
			w.seg("RFF", w.c("AF", l.Flight))
			if !l.Departure.Time.IsZero() {
				w.seg("DTM", w.c(timeElement("189", l.Departure.Time)...))
			}
			if !l.Arrival.Time.IsZero() {
				w.seg("DTM", w.c(timeElement("232", l.Arrival.Time)...))
			}
			if l.Departure.Code != "" {
				w.seg("LOC", w.c(or(l.Departure.Qualifier, "125")), w.c(l.Departure.Code))
			}
			if l.Arrival.Code != "" {
				w.seg("LOC", w.c(or(l.Arrival.Qualifier, "87")), w.c(l.Arrival.Code))
			}
		}
		for j := range m.Travellers {
			tr, v := &m.Travellers[j], verdicts[next]
			next++
			w.seg("ERP", w.c("2"))
			for _, rf := range tr.References {
				if rf.Qualifier != "" && rf.Value != "" {
					w.seg("RFF", w.c(rf.Qualifier, rf.Value))
				}
			}
			w.seg("ERC", w.c(v.Answer.Code()))
			text := strings.ToUpper(or(v.Text, v.Answer.text()))
			w.seg("FTX", w.c("AAP"), "", "", w.c(text))
		}
		w.seg("UNT", w.c(itoa(w.count+1)), w.c(m.Ref))
	}
	if ic.Group != nil {
		w.seg("UNE", w.c(itoa(len(ic.Messages))), w.c(groupRef))
		w.seg("UNZ", w.c("1"), w.c(ref))
	} else {
		w.seg("UNZ", w.c(itoa(len(ic.Messages))), w.c(ref))
	}
	return w.buf.Bytes(), nil
}
