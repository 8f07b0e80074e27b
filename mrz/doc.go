// Package mrz reads the machine-readable zones of travel documents as ICAO
// Doc 9303 defines them: TD1 and TD2 identity cards, TD3 passports, and the
// MRV-A and MRV-B visas. It verifies every check digit (including the
// composite), expands two-digit years by the century rules, splits the name
// at its fillers, flags names that may have been truncated, and turns the
// zone into a trex.Person for screening.
//
// Beyond Doc 9303 it reads what documents people actually carry put in
// their zones: the Russian internal passport's zone, whose name field codes
// the Cyrillic name letter by letter and whose series is split across the
// lines (decoded to the exact Cyrillic name and the whole series and
// number), and the personal numbers the region's identity cards carry in
// their optional data (National). A long document number's check digit is
// accepted in either of the two ways issuers compute it.
//
// A zone that reads may still carry Warnings: an issuing state or
// nationality that is neither ISO 3166-1 alpha-3 nor one of Doc 9303's own
// codes, a second double filler in the name, an expired document. Layouts
// that are not travel document zones (the French identity card of
// 1988-2021, driving licences) are refused as such.
//
// A bad zone yields an *Error naming the line, the 1-based position and the
// reason; no input makes the package panic. An OCR-tolerant mode corrects
// unambiguous misreads (O for 0, I for 1, ...) and lists what it changed,
// settles a misread code by the list of known codes, and finds the zone
// among stray lines read with it.
//
// The package does no I/O: it reads the text it is given, and it takes the
// time for the century rules from Reader.Now rather than from the clock.
package mrz
