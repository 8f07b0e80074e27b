// Package screening is the in-memory person index of a border node: it
// decides whether a traveller is someone on the restriction list (hit),
// may be (refer), or is not (clear), and says why.
//
// Records hold names as the issuer knows them (usually Cyrillic, with a
// patronymic); travellers carry a Latin rendering from whichever
// romanisation rule produced their document. The index keeps, for every
// distinct name token, its renderings under all systems package romanize
// knows and their phonetic skeletons, and compares a traveller's tokens
// against those. Candidates come from exact keys (document numbers,
// national IDs), birth-date keys (with the usual data-entry errors), and
// name-skeleton-plus-birth-year keys, so that a check costs a few lookups
// rather than a scan.
//
// A hit requires an identifier on the traveller's document to belong to the
// record and name and birth date to agree. Name and birth date alone give at
// most a refer.
//
// The package does no I/O. Index is safe for concurrent use.
package screening
