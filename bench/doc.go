// Package bench drives trex under load and measures it: a bounded HTTP
// load generator (Poster: a fixed number of keep-alive connections over
// loopback, cheap enough not to take the server's CPU), the
// traveller queries it sends (unlisted travellers, every romanisation
// system, typos, birth-date entry errors, machine-readable zones), the
// registry's create throughput, propagation to border nodes, the judging
// of any screening system's answers against the queries' ground truth
// (Screen: recall and false flags, one definition for trex and for the
// PostgreSQL first design of package bench/pgtrgm), and the report that
// trex bench prints.
//
// It holds no rule of the domain: what it measures is wired by its caller
// (cmd/trex), and it must not be linked into a node that serves traffic.
package bench
