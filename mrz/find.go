package mrz

import (
	"fmt"
	"unicode/utf8"
)

// findZone looks for the zone among lines that hold more than the zone (a
// line of the page's print read above or below it): runs of consecutive
// lines of one zone's shape, three lines of 30 or two of 44 or of 36. It
// reads the run when exactly one has that shape, or when exactly one of
// several reads; ok is false when no run has the shape, and when more
// than one reads, for then the zone is not settled. A refusal of the one
// run names its lines within the run and says where the run stands.
func (r Reader) findZone(lines []string) (z *Zone, err error, ok bool) {
	type run struct{ from, n int }
	var runs []run
	for from := range lines {
		for _, n := range []int{3, 2} {
			if from+n > len(lines) || n == len(lines) {
				continue
			}
			if shaped(lines[from : from+n]) {
				runs = append(runs, run{from, n})
			}
		}
	}
	var read []*Zone
	var firstErr error
	for _, c := range runs {
		z, err := r.readLines(lines[c.from : c.from+c.n])
		if err != nil {
			if firstErr == nil {
				firstErr = err
				if e, isErr := err.(*Error); isErr {
					e.Reason += fmt.Sprintf(" (the zone taken from input lines %d-%d; the others are not part of it)", c.from+1, c.from+c.n)
				}
			}
			continue
		}
		read = append(read, z)
	}
	switch {
	case len(read) == 1:
		return read[0], nil, true
	case len(read) > 1:
		return nil, errorf(0, 0, "%d runs of lines read as zones; send the zone's lines alone", len(read)), true
	case len(runs) == 1:
		return nil, firstErr, true
	}
	return nil, nil, false
}

// shaped reports whether lines have the shape of a whole zone.
func shaped(lines []string) bool {
	width := utf8.RuneCountInString(lines[0])
	for _, l := range lines[1:] {
		if utf8.RuneCountInString(l) != width {
			return false
		}
	}
	switch len(lines) {
	case 3:
		return width == 30
	case 2:
		return width == 44 || width == 36
	}
	return false
}
