package screening

import "strings"

// Documents as evidence. A traveller shows a travel document. When the
// record holds document numbers and none is the traveller's, the traveller
// is either another person, or the listed person on a document the
// register does not hold (a renewed or a second passport). In the
// likelihood-ratio sense this weighs against the record by the share of
// listed persons who travel on an unrecorded document
// (Weights.UnrecordedDocument). The chance model divides by that share: a
// namesake born on a near date who also shows another document is that
// much likelier a stranger. Only near and partial dates, and names that
// agree by an initial or a truncation, are bound by the chance model, so a
// listed person with a new passport, the right name and the right birth
// date is still referred.
//
// A number one keying error away from a record's number (one character
// changed, or two adjacent ones swapped) is not another document. The
// traveller's number is read from the machine-readable zone and checked
// by its check digit; the register's was typed by a clerk and has none.

// docRelation is how the traveller's document numbers stand to a record's
// when they share none.
type docRelation uint8

const (
	// docUnknown: one side holds no number, or they share one.
	docUnknown docRelation = iota
	// docKeyed: a traveller's number is one of the record's with one
	// keying error.
	docKeyed
	// docOther: the traveller's numbers are not the record's.
	docOther
)

// documentRelation compares the traveller's normalised numbers with a
// record's NUL-separated ones, which share none of them.
func documentRelation(qids []string, rids string) docRelation {
	if len(qids) == 0 || rids == "" {
		return docUnknown
	}
	for rest := rids; rest != ""; {
		var r string
		r, rest, _ = strings.Cut(rest, "\x00")
		for _, q := range qids {
			if oneKeyingError(q, r) {
				return docKeyed
			}
		}
	}
	return docOther
}

// oneKeyingError reports whether a and b, of the same length, differ by
// one character or by two adjacent characters swapped. Numbers of fewer
// than six characters are too short for a keying error to be told from
// another number.
func oneKeyingError(a, b string) bool {
	if len(a) != len(b) || len(a) < 6 || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if a[i+1:] == b[i+1:] {
		return true // one character changed
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}
