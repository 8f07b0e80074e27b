// Package trex is the language of the travel-restriction exchange: persons,
// restrictions, screening decisions, and the service interfaces that the
// adapter packages (sqlite, natsx, screening, http, ...) implement.
//
// This package does no I/O and imports nothing else of trex. Everything that
// talks to a database, a network or a clock lives in a package named after
// that dependency and is wired together by hand in cmd/trex.
package trex
