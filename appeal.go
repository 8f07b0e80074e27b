package trex

import (
	"context"
	"strings"
	"time"
)

// Appeal outcomes and states.
const (
	AppealPending = "pending" // filed, not yet decided
	AppealUpheld  = "upheld"  // the authority kept the restriction
	AppealLifted  = "lifted"  // the authority lifted the restriction
)

// Outcomes an authority may decide an appeal with.
const (
	OutcomeUphold = "uphold"
	OutcomeLift   = "lift"
)

// MaxAppealReason bounds the text of an appeal and of a decision.
const MaxAppealReason = 4000

// Appeal is a person's challenge of one restriction, queued with the
// authority that placed it and decided by that authority by DueAt.
type Appeal struct {
	ID            string    `json:"id"`
	RestrictionID string    `json:"restriction_id"`
	Authority     string    `json:"authority"`
	Kind          string    `json:"kind"`
	Reason        string    `json:"reason"`
	Status        string    `json:"status"` // AppealPending, AppealUpheld, AppealLifted
	FiledAt       time.Time `json:"filed_at"`
	// DueAt is when the authority must have decided, by the deadline of
	// the restriction's kind (Kind.AppealDeadline).
	DueAt          time.Time  `json:"due_at"`
	DecidedAt      *time.Time `json:"decided_at,omitempty"`
	DecisionReason string     `json:"decision_reason,omitempty"`
}

// Overdue reports whether a pending appeal is past its deadline at now.
func (a *Appeal) Overdue(now time.Time) bool {
	return a.Status == AppealPending && now.After(a.DueAt)
}

// CheckReason checks the text of an appeal or of a decision.
func CheckReason(field, s string) error {
	if strings.TrimSpace(s) == "" {
		return Errorf(EINVALID, "%s: required; say why", field)
	}
	if len(s) > MaxAppealReason {
		return Errorf(EINVALID, "%s: %d bytes; at most %d", field, len(s), MaxAppealReason)
	}
	return nil
}

// AppealService keeps appeals.
type AppealService interface {
	// FileAppeal stores a pending appeal, assigning ID, Status and
	// FiledAt (DueAt must be set). ECONFLICT when the restriction has a
	// pending appeal already.
	FileAppeal(ctx context.Context, a *Appeal) error
	// FindAppeal returns ENOTFOUND when there is no such appeal.
	FindAppeal(ctx context.Context, id string) (*Appeal, error)
	// AppealQueue lists up to limit pending appeals of an authority, the
	// most urgent first: by deadline, so that every overdue appeal comes
	// before every one that is not, then by filing time.
	AppealQueue(ctx context.Context, authority string, limit int) ([]Appeal, error)
	// AppealsOf lists the appeals against any of the restrictions, newest
	// first.
	AppealsOf(ctx context.Context, restrictionIDs []string) ([]Appeal, error)
	// DecideAppeal records an authority's decision (AppealUpheld or
	// AppealLifted) of a pending appeal. ENOTFOUND, or ECONFLICT when it
	// was decided already.
	DecideAppeal(ctx context.Context, id, status, reason string) (*Appeal, error)
	// OverdueAppeals counts the pending appeals past their deadline at
	// now, for monitoring.
	OverdueAppeals(ctx context.Context, now time.Time) (int, error)
}
