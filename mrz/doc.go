// Package mrz reads the machine-readable zones of travel documents as ICAO
// Doc 9303 defines them: TD1 and TD2 identity cards, TD3 passports, and the
// MRV-A and MRV-B visas. It verifies every check digit (including the
// composite), expands two-digit years by the century rules, splits the name
// at its fillers, flags names that may have been truncated, and turns the
// zone into a trex.Person for screening.
//
// A bad zone yields an *Error naming the line, the 1-based position and the
// reason; no input makes the package panic. An OCR-tolerant mode corrects
// unambiguous misreads (O for 0, I for 1, ...) and lists what it changed.
//
// The package does no I/O: it reads the text it is given, and it takes the
// time for the century rules from Reader.Now rather than from the clock.
package mrz
