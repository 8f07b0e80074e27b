package paxlst

import (
	"fmt"
	"strings"
	"time"

	"trex"
)

// Encode prints the interchange as PAXLST, one segment per line, with its
// Separators (the defaults when they are zero) announced in a UNA. Counts
// (CNT, UNT, UNE, UNZ) are computed from the content. Birth and expiry dates
// that are not full dates are left out, since PAXLST has no form for them.
func Encode(ic *Interchange) ([]byte, error) {
	seps := ic.Separators
	if seps == (Separators{}) {
		seps = DefaultSeparators
	}
	if err := seps.valid(); err != nil {
		return nil, fmt.Errorf("paxlst: encode: %w", err)
	}
	w := newWriter(seps)
	syntax, version := or(ic.Syntax, "UNOA"), or(ic.SyntaxVersion, "4")
	d, t := stamp(ic.Prepared)
	w.seg("UNB", w.c(syntax, version), w.c(ic.Sender), w.c(ic.Recipient), w.c(d, t), w.c(ic.ControlRef), "", w.c(ic.Application))
	if g := ic.Group; g != nil {
		w.seg("UNG", w.c("PAXLST"), w.c(g.Sender), w.c(g.Recipient), w.c(d, t), w.c(g.Ref), w.c("UN"), w.c(strings.Split(or(g.Version, "D:05B"), ":")...))
	}
	for i := range ic.Messages {
		encodeMessage(w, &ic.Messages[i], ic.Prepared)
	}
	if g := ic.Group; g != nil {
		w.seg("UNE", w.c(itoa(len(ic.Messages))), w.c(g.Ref))
		w.seg("UNZ", w.c("1"), w.c(ic.ControlRef))
	} else {
		w.seg("UNZ", w.c(itoa(len(ic.Messages))), w.c(ic.ControlRef))
	}
	return w.buf.Bytes(), nil
}

func encodeMessage(w *writer, m *Message, ref time.Time) {
	w.count = 0
	version := strings.Split(or(m.Version, "D:05B"), ":")
	w.seg("UNH", w.c(m.Ref), w.c(append(append([]string{"PAXLST"}, version...), "UN", or(m.Association, "IATA"))...))
	w.seg("BGM", w.c(or(m.DocumentCode, "745")), w.c(m.DocumentID))
	for _, r := range m.References {
		w.seg("RFF", w.c(r.Qualifier, r.Value))
	}
	if m.Sender != "" {
		w.seg("NAD", w.c("MS"), "", "", w.c(m.Sender))
	}
	for _, l := range m.Legs {
		w.seg("TDT", w.c("20"), w.c(l.Flight), "", "", w.c(l.Carrier))
		if l.Departure != (Place{}) {
			writePlace(w, l.Departure, "125", "189")
		}
		if l.Arrival != (Place{}) {
			writePlace(w, l.Arrival, "87", "232")
		}
	}
	passengers, crew := 0, 0
	for _, t := range m.Travellers {
		party := t.Party
		if party == "" {
			party = "FL"
			if t.Role == Crew {
				party = "FM"
			}
		}
		if t.Role == Crew {
			crew++
		} else {
			passengers++
		}
		w.seg("NAD", w.c(party), "", "", w.c(t.Surname, strings.Join(t.GivenNames, " ")))
		if t.Sex != trex.SexUnknown {
			w.seg("ATT", w.c("2"), "", w.c(string(t.Sex)))
		}
		if t.BirthDate.IsFull() {
			w.seg("DTM", w.c(dateElement("329", t.BirthDate, ref, birthDate)...))
		}
		for _, l := range []struct{ q, v string }{{"174", t.Residence}, {"178", t.Embarked}, {"179", t.Disembarks}, {"180", t.BirthPlace}} {
			if l.v != "" {
				w.seg("LOC", w.c(l.q), w.c(l.v))
			}
		}
		if t.Nationality != "" {
			w.seg("NAT", w.c("2"), w.c(t.Nationality))
		}
		for _, r := range t.References {
			w.seg("RFF", w.c(r.Qualifier, r.Value))
		}
		for _, d := range t.Documents {
			w.seg("DOC", w.c(d.Type), w.c(d.Number))
			if d.Expiry.IsFull() {
				w.seg("DTM", w.c(dateElement("36", d.Expiry, ref, expiryDate)...))
			}
			if d.IssuingState != "" {
				w.seg("LOC", w.c("91"), w.c(d.IssuingState))
			}
		}
	}
	w.seg("CNT", w.c("42", itoa(passengers)))
	if crew > 0 {
		w.seg("CNT", w.c("41", itoa(crew)))
	}
	w.seg("UNT", w.c(itoa(w.count+1)), w.c(m.Ref))
}

func writePlace(w *writer, p Place, qualifier, timeQualifier string) {
	if p.Code != "" || p.Qualifier != "" {
		w.seg("LOC", w.c(or(p.Qualifier, qualifier)), w.c(p.Code))
	}
	if !p.Time.IsZero() {
		w.seg("DTM", w.c(timeElement(timeQualifier, p.Time)...))
	}
}

// dateElement writes a date as YYMMDD, the form the guidelines show, when a
// reader counting centuries from ref reads it back as the same date, and as
// CCYYMMDD (format 102) otherwise.
func dateElement(qualifier string, d trex.PartialDate, ref time.Time, read func(string, time.Time) (trex.PartialDate, bool)) []string {
	short := fmt.Sprintf("%02d%02d%02d", d.Year%100, d.Month, d.Day)
	if back, ok := read(short, ref); ok && !ref.IsZero() && back == d {
		return []string{qualifier, short}
	}
	return []string{qualifier, fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day), "102"}
}

// timeElement writes a date and time as YYMMDDHHMM (format 201) in this
// century and as CCYYMMDDHHMM (format 203) otherwise.
func timeElement(qualifier string, t time.Time) []string {
	if t.Year() >= 2000 && t.Year() < 2100 {
		return []string{qualifier, t.Format("0601021504"), "201"}
	}
	return []string{qualifier, t.Format("200601021504"), "203"}
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
