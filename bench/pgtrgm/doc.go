// Package pgtrgm is the screening design a team would build first on
// PostgreSQL, for trex bench to measure beside trex: persons with their
// names romanised by the ICAO 9303 table, pg_trgm GIN indexes on surname
// and given name, a birth date queried in its usual typing variants (day
// and month swapped, one digit off), and exact travel-document numbers.
//
// It is a yardstick, not a part of trex: nothing that serves traffic
// imports it. It works in a schema of its own, dropped on Close.
package pgtrgm
