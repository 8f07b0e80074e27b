// Package paxlst reads and writes UN/EDIFACT PAXLST passenger and crew
// manifests as the WCO/IATA/ICAO API guidelines define them (directories
// D02B and D05B), and writes the CUSRES answers of the interactive API: per
// traveller, board, do not board, or refer.
//
// Carriers' messages are untidy. The reader takes what can be read (custom
// service characters or none, whitespace and line breaks around segments,
// counts that disagree with the content, text after the interchange trailer,
// characters outside the syntax level the UNB declares) and reports each
// irregularity as a Warning. It refuses, with an *Error
// naming the segment and what was expected, only input that cannot be read:
// nothing at all, binary noise, no message, or a truncated interchange.
//
// The package does no I/O: it reads the bytes it is given and returns the
// bytes it writes.
package paxlst
