package paxlst

import (
	"fmt"

	"trex"
)

// Error is input that cannot be read as a PAXLST interchange: where reading
// stopped and what was expected there.
type Error struct {
	Segment int    // 1-based position of the segment in the interchange; 0 when none
	Line    int    // 1-based line where that segment begins; 0 when unknown
	Tag     string // the segment's tag, "" when there is none
	Reason  string
}

// Error renders the fault as "paxlst line 3, segment 7 (UNH): reason".
func (e *Error) Error() string {
	where := "paxlst"
	if e.Line > 0 {
		where += fmt.Sprintf(" line %d", e.Line)
	}
	if e.Segment > 0 {
		if e.Line > 0 {
			where += ","
		}
		where += fmt.Sprintf(" segment %d", e.Segment)
	}
	if e.Tag != "" {
		where += " (" + e.Tag + ")"
	}
	return where + ": " + e.Reason
}

// Unwrap presents the fault as a trex EINVALID error, so that callers that
// map domain errors to responses treat an unreadable manifest as bad input.
func (e *Error) Unwrap() error {
	return trex.Errorf(trex.EINVALID, "%s", e.Error())
}

// Warning is an irregularity the reader read past: a count that does not
// match, a reference that differs, text after the trailer, ...
type Warning struct {
	Segment int    `json:"segment,omitempty"`
	Line    int    `json:"line,omitempty"`
	Tag     string `json:"tag,omitempty"`
	Message string `json:"message"`
}

// String renders the warning like an Error.
func (w Warning) String() string {
	return (&Error{Segment: w.Segment, Line: w.Line, Tag: w.Tag, Reason: w.Message}).Error()
}
