package trex

import (
	"context"
	"time"
)

// Resolutions a supervisor gives a referred or hit check.
const (
	ResolutionConfirmed = "confirmed" // the traveller is the restricted person: stop
	ResolutionDismissed = "dismissed" // not the person (or not in force): let pass
)

// CheckRecord is one check as a border node remembers it: who asked, what
// was decided and on which restrictions, and how a supervisor resolved it.
// It holds no traveller name, so the log cannot be used to search persons.
type CheckRecord struct {
	ID             string    `json:"id"`
	At             time.Time `json:"at"`
	Node           string    `json:"node"`
	Officer        string    `json:"officer"` // token ID of the caller
	Verdict        Verdict   `json:"decision"`
	RestrictionIDs []string  `json:"restriction_ids"`
	Document       string    `json:"document,omitempty"` // what was read: "mrz:TD3", "manifest", "form"
	Reason         string    `json:"reason,omitempty"`   // why a supervisor checked on a name alone
	Resolution     string    `json:"resolution,omitempty"`
	ResolvedBy     string    `json:"resolved_by,omitempty"`
	ResolvedAt     time.Time `json:"resolved_at,omitzero"`
	ResolveReason  string    `json:"resolve_reason,omitempty"`
	// ReasonCode is the resolution's code from ResolutionCodes.
	ReasonCode string `json:"reason_code,omitempty"`
}

// BatchChecker checks many travellers at once (a carrier's manifest).
type BatchChecker interface {
	CheckMany(ctx context.Context, travellers []Person) ([]*Decision, []error)
}

// CheckLog keeps a border node's checks for supervisors and auditors.
type CheckLog interface {
	// RecordCheck stores rec, assigning its ID unless it has one.
	RecordCheck(ctx context.Context, rec *CheckRecord) error
	// RecordChecks stores several checks (a manifest) at once, assigning
	// the IDs of those without one: all or none.
	RecordChecks(ctx context.Context, recs []*CheckRecord) error
	// ResolveCheck records a supervisor's resolution of a referred or hit
	// check, with a reason code from ResolutionCodes and a reason.
	// EINVALID when ValidateResolution refuses them; ENOTFOUND for an
	// unknown check; ECONFLICT when the check was clear or is already
	// resolved.
	ResolveCheck(ctx context.Context, id, resolution, code, by, reason string) (*CheckRecord, error)
	// OpenReferrals lists up to limit referred or hit checks no supervisor
	// has resolved yet, oldest first: the supervisors' queue.
	OpenReferrals(ctx context.Context, limit int) ([]CheckRecord, error)
	// ChecksSince lists up to limit checks at or after since, oldest first.
	ChecksSince(ctx context.Context, since time.Time, limit int) ([]CheckRecord, error)
}

// SubjectStatus is what a person may learn about themselves: every
// restriction on them, its legal basis, who placed it, until when, and how
// to appeal.
type SubjectStatus struct {
	Restricted   bool                 `json:"restricted"`
	Restrictions []SubjectRestriction `json:"restrictions"`
}

// SubjectRestriction is one restriction as its subject sees it.
type SubjectRestriction struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	LegalBasis string    `json:"legal_basis"`
	Authority  string    `json:"authority"`
	Status     Status    `json:"status"`
	ValidFrom  time.Time `json:"valid_from"`
	ValidUntil time.Time `json:"valid_until"`
	Appeal     string    `json:"appeal"`
}

// SubjectService answers a person's own questions.
type SubjectService interface {
	// RestrictionsOf returns the restrictions whose person carries the
	// identifier id (ParseIdentifier: same kind, same issuing country, same
	// normalised number), newest first.
	RestrictionsOf(ctx context.Context, id string) ([]*Restriction, error)
}
