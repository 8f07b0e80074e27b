package mrz

import (
	"fmt"

	"trex"
)

// Error is a zone that cannot be read: where the fault is and why.
// Line and Pos are 1-based; Pos is 0 when the fault concerns a whole line
// (a missing line, say) and Line is 0 when it concerns the whole zone.
type Error struct {
	Line   int
	Pos    int
	Reason string
}

// Error renders the fault as "mrz line 2, position 10: reason".
func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return "mrz: " + e.Reason
	case e.Pos == 0:
		return fmt.Sprintf("mrz line %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("mrz line %d, position %d: %s", e.Line, e.Pos, e.Reason)
}

// Unwrap presents the fault as a trex EINVALID error, so that callers that
// map domain errors to responses treat a bad zone as bad input.
func (e *Error) Unwrap() error {
	return trex.Errorf(trex.EINVALID, "%s", e.Error())
}

func errorf(line, pos int, format string, args ...any) *Error {
	return &Error{Line: line, Pos: pos, Reason: fmt.Sprintf(format, args...)}
}
