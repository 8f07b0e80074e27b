package trex

import (
	"context"
	"time"
)

// Verdict is the outcome of a check.
type Verdict string

// Verdicts. A wrong hit stops an innocent person; a wrong clear lets a
// restriction fail. The first is the worse error.
const (
	// Hit: a document number or national ID of the traveller belongs to a
	// person under an active restriction, and name and birth date agree.
	// Stop, subject to the officer's confirmation.
	Hit Verdict = "hit"
	// Refer: a probable match on name and birth date. Secondary inspection.
	Refer Verdict = "refer"
	// Clear: no active restriction matches.
	Clear Verdict = "clear"
)

// Decision is the answer to one check, with enough to explain itself.
type Decision struct {
	// CheckID names the check in the node's log, for a supervisor's
	// resolution and the audit.
	CheckID string  `json:"check_id,omitempty"`
	Verdict Verdict `json:"decision"`
	// Matches are the candidates that scored above the refer threshold,
	// most likely first.
	Matches []Match `json:"matches"`
	// DataAsOf is when the replica that decided last heard from the registry.
	DataAsOf time.Time `json:"data_as_of"`
}

// Match is one restriction a traveller may be subject to.
type Match struct {
	RestrictionID string   `json:"restriction_id"`
	Verdict       Verdict  `json:"decision"`
	Score         float64  `json:"score"` // 0..1
	Reasons       []string `json:"reasons"`
	// Evidence breaks the score down by field, for the officer and the audit.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Evidence is how one field of the traveller compared with the record.
type Evidence struct {
	Field   string  `json:"field"`   // "surname", "given", "birth_date", "document", ...
	Outcome string  `json:"outcome"` // "exact", "transliteration", "typo", "mismatch", "absent", ...
	Weight  float64 `json:"weight"`  // contribution to the score (may be negative)
	// Detail says how the field agrees ("birth date differs by a month",
	// "patronymic not on the document") without quoting the record: never
	// the record's names, patronymic, birth date or identifiers.
	Detail string `json:"detail,omitempty"`
	// Record is the record's value for this field, shown only to a
	// supervisor resolving a referral or after a document-confirmed hit.
	Record string `json:"record,omitempty"`
}

// Subject is a person on the list as the matcher indexes them: the key it
// reports in matches (a restriction ID on a border node, a record ID in a
// batch run) and the person.
type Subject struct {
	Key    string
	Person Person
}

// Matcher finds which indexed subjects a traveller may be. Implementations
// must be safe for concurrent use: Put and Remove run while Match serves.
type Matcher interface {
	// Put adds or replaces the subject with s.Key.
	Put(s Subject)
	// Remove drops the subject with key; unknown keys are ignored.
	Remove(key string)
	// Match returns the verdict and the matches (Match.RestrictionID holds
	// the subject key), most likely first. Subjects for which eligible
	// reports false (a restriction not in force at the time of the check)
	// take no part: they neither appear nor settle the search, so they
	// cannot hide an eligible subject. A nil eligible admits every
	// subject. Match stops early and returns ctx's error when ctx ends.
	Match(ctx context.Context, traveller Person, eligible func(key string) bool) (Verdict, []Match, error)
	// Len is how many subjects are indexed.
	Len() int
}

// CheckService screens a traveller against the restrictions in force.
type CheckService interface {
	Check(ctx context.Context, traveller Person) (*Decision, error)
}
