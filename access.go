package trex

import (
	"context"
	"time"
)

// Kinds of look at a person's record that the person can see.
const (
	AccessRead          = "read"           // an issuing authority read the restriction
	AccessCheck         = "check"          // a border node's check matched the restriction
	AccessStatusRequest = "status_request" // the person's own status request
)

// AccessEvent is one look at a person's record: who (an issuing authority
// or a border node), when, what kind of look, and which restriction it
// touched. Checks that matched nobody are never recorded as access to a
// person.
type AccessEvent struct {
	At            time.Time `json:"at"`
	Who           string    `json:"who"`      // the authority's or border node's identifier
	WhoKind       string    `json:"who_kind"` // "authority" or "border_node"
	Kind          string    `json:"kind"`     // AccessRead, AccessCheck, AccessStatusRequest
	RestrictionID string    `json:"restriction_id,omitempty"`
	// Exempt marks a look an authority may lawfully keep from the person
	// (e.g. an ongoing investigation): it is stored, counted and reported
	// to auditors, but not listed to the person.
	Exempt bool `json:"-"`
	// Ref, when set, names the look once (a border node's check and the
	// restriction it matched), so that a report delivered twice is stored
	// once.
	Ref string `json:"-"`
}

// Who looked.
const (
	AccessByAuthority  = "authority"
	AccessByBorderNode = "border_node"
	AccessBySubject    = "subject"
)

// Validate says what is missing or wrong in e before it is stored.
func (e AccessEvent) Validate() error {
	switch e.Kind {
	case AccessRead, AccessCheck, AccessStatusRequest:
	default:
		return Errorf(EINVALID, "access event kind %q: want %q, %q or %q", e.Kind, AccessRead, AccessCheck, AccessStatusRequest)
	}
	if e.Who == "" {
		return Errorf(EINVALID, "access event: who looked is required")
	}
	if e.Kind != AccessStatusRequest && e.RestrictionID == "" {
		return Errorf(EINVALID, "access event %s by %s: the restriction looked at is required", e.Kind, e.Who)
	}
	return nil
}

// AccessLog keeps who looked at whose record, for the person's "who looked
// me up" and for the auditors.
type AccessLog interface {
	// RecordAccess stores e (at the store's clock when e.At is zero);
	// EINVALID when e fails Validate. A second event with the same Ref is
	// ignored.
	RecordAccess(ctx context.Context, e AccessEvent) error
	// AccessEvents lists the non-exempt looks at any of the restrictions,
	// newest first.
	AccessEvents(ctx context.Context, restrictionIDs []string) ([]AccessEvent, error)
	// ExemptCounts is how many exempt looks each authority or node has
	// kept from persons, for the auditors.
	ExemptCounts(ctx context.Context) (map[string]int64, error)
}
