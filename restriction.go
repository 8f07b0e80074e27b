package trex

import (
	"context"
	"strings"
	"time"
)

// Status is where a restriction is in its life.
type Status string

// Statuses. Stores and the exchange carry only the lifecycle statuses
// active, lifted and expired; StatusScheduled is never stored but reported
// (StatusAt) for an active restriction before its valid_from, so that it
// comes into force at valid_from with no further change published. Only an
// active restriction within its validity window matches.
const (
	StatusActive    Status = "active"
	StatusLifted    Status = "lifted"
	StatusExpired   Status = "expired"
	StatusScheduled Status = "scheduled"
	// StatusPurged marks a tombstone: what is left of a lifted or expired
	// restriction once its retention period has run (see Tombstone).
	StatusPurged Status = "purged"
)

// Names of the built-in kinds of restriction (DefaultKinds). The kinds a
// registry accepts are configured (Kinds).
const (
	KindMilitaryCallUp  = "military_call_up"
	KindCourtOrder      = "court_order"
	KindDebtEnforcement = "debt_enforcement"
)

// Restriction is a ban on leaving the country placed on one person by one
// issuing authority, on a legal basis, for a bounded time.
type Restriction struct {
	ID         string    `json:"id"`
	Person     Person    `json:"person"`
	Kind       string    `json:"kind"`
	LegalBasis string    `json:"legal_basis"`
	Authority  string    `json:"authority"` // the issuing authority's identifier
	ValidFrom  time.Time `json:"valid_from"`
	ValidUntil time.Time `json:"valid_until"`
	Status     Status    `json:"status"`
	// Version increases by one with every change; replicas apply a change
	// only when its version is newer than what they hold.
	Version    int64     `json:"version"`
	LiftReason string    `json:"lift_reason,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	// ReviewDue is when the issuer must next review the restriction (zero
	// when its kind asks for no review); see Kind.ReviewDays.
	ReviewDue time.Time `json:"review_due,omitzero"`
}

// InForce reports whether the restriction stops its person at time now:
// active, and now within [ValidFrom, ValidUntil).
func (r *Restriction) InForce(now time.Time) bool {
	return r.Status == StatusActive && !now.Before(r.ValidFrom) && now.Before(r.ValidUntil)
}

// StatusAt is the status to report at now: StatusScheduled for an active
// restriction whose valid_from is still ahead, the stored Status otherwise.
func (r *Restriction) StatusAt(now time.Time) Status {
	if r.Status == StatusActive && now.Before(r.ValidFrom) {
		return StatusScheduled
	}
	return r.Status
}

// Validate checks the rules every restriction obeys before it is stored:
// a person the border can recognise (checkIdentifiable), a kind from kinds
// (empty: DefaultKinds), a legal basis, an issuing authority, and a
// validity window that ends after it starts and after now and is no longer,
// nor starts further ahead, than the kind allows. A zero ValidFrom means now.
func (r *Restriction) Validate(now time.Time, kinds Kinds) error {
	if len(r.Person.Names) == 0 || r.Person.Names[0].IsZero() {
		return Errorf(EINVALID, "person: at least one name is required")
	}
	if err := r.Person.checkIdentifiable(); err != nil {
		return err
	}
	kind, ok := kinds.Lookup(r.Kind)
	switch {
	case strings.TrimSpace(r.Kind) == "":
		return Errorf(EINVALID, "kind: required; one of %s", kinds.Names())
	case !ok:
		return Errorf(EINVALID, "kind %q: unknown; one of %s", r.Kind, kinds.Names())
	case strings.TrimSpace(r.LegalBasis) == "":
		return Errorf(EINVALID, "legal_basis: required; cite the decision or law that grounds the restriction")
	case strings.TrimSpace(r.Authority) == "":
		return Errorf(EINVALID, "authority: required")
	case r.ValidUntil.IsZero():
		return Errorf(EINVALID, "valid_until: required; every restriction has an end date")
	case !r.ValidUntil.After(now):
		return Errorf(EINVALID, "valid_until: %s is in the past", r.ValidUntil.Format(time.RFC3339))
	case !r.ValidFrom.IsZero() && !r.ValidUntil.After(r.ValidFrom):
		return Errorf(EINVALID, "valid_until: must be after valid_from")
	}
	from := r.ValidFrom
	if from.IsZero() {
		from = now
	}
	return kind.checkWindow(from, r.ValidUntil, now)
}

// Receipt says that a border node applied a version of a restriction.
type Receipt struct {
	RestrictionID string    `json:"restriction_id"`
	Version       int64     `json:"version"`
	Node          string    `json:"node"`
	Status        Status    `json:"status"`
	AppliedAt     time.Time `json:"applied_at"` // when the node put it in force (or out of it)
}

// Change is one event of the restriction lifecycle as it travels from the
// registry to the border: the full state of the restriction at Version.
type Change struct {
	Seq         int64       `json:"seq"` // outbox sequence, monotonic per registry
	Restriction Restriction `json:"restriction"`
	At          time.Time   `json:"at"`
	// Attempts is how many times publishing the change has failed; the
	// outbox keeps it and it never travels.
	Attempts int `json:"-"`
}

// RestrictionService is the issuer's registry.
type RestrictionService interface {
	// CreateRestriction validates and stores r (Restriction.Validate, with
	// the store's kinds), assigning ID, Version 1, Status active (also when
	// valid_from is ahead: see StatusScheduled) and timestamps. Returns
	// EINVALID when a rule is broken or a date cannot be stored.
	CreateRestriction(ctx context.Context, r *Restriction) error
	// FindRestriction returns ENOTFOUND when there is no such restriction.
	FindRestriction(ctx context.Context, id string) (*Restriction, error)
	// LiftRestriction ends an active restriction early, for a reason.
	// Returns ENOTFOUND, or ECONFLICT when it is no longer active.
	LiftRestriction(ctx context.Context, id, reason string) (*Restriction, error)
	// ExpireDue marks every active restriction whose ValidUntil has passed
	// as expired, in one batch, and returns how many it changed. A row that
	// cannot be expired is skipped and reported in the error; the others
	// are expired all the same.
	ExpireDue(ctx context.Context, now time.Time) (int, error)
	// Receipts lists delivery receipts for a restriction, newest first.
	Receipts(ctx context.Context, id string) ([]Receipt, error)
}
