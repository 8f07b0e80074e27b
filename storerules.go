package trex

import (
	"encoding/json"
	"time"
)

// This file holds the rules every store applies the same way, whatever its
// SQL: the stores read and write rows, and these decide what the rows say.

// OrDefault is ks, or DefaultKinds when ks names none.
func (ks Kinds) OrDefault() Kinds {
	if len(ks) == 0 {
		return DefaultKinds()
	}
	return ks
}

// MarkReviewed records that the issuer reviewed r at now: its next review
// falls due its kind's ReviewDays later. It returns ECONFLICT when r is not
// active and EINVALID when r's kind (looked up in kinds) asks for no review.
func (r *Restriction) MarkReviewed(kinds Kinds, now time.Time) error {
	if r.Status != StatusActive {
		return Errorf(ECONFLICT, "restriction %s is %s, not active; nothing to review", r.ID, r.Status)
	}
	kind, _ := kinds.Lookup(r.Kind)
	if kind.ReviewDays == 0 {
		return Errorf(EINVALID, "restriction %s: a %s restriction is not reviewed", r.ID, r.Kind)
	}
	r.ReviewDue = kind.ReviewDueAfter(now)
	return nil
}

// Lapse lifts r, at the next version and at now, because the review due at
// r.ReviewDue was not made.
func (r *Restriction) Lapse(now time.Time) {
	r.Status, r.LiftReason, r.Version, r.UpdatedAt = StatusLifted, LapseReason(r.ReviewDue), r.Version+1, now
}

// CheckAppealDecision checks the decision status and reason of an appeal:
// AppealUpheld or AppealLifted, with a reason CheckReason accepts.
func CheckAppealDecision(status, reason string) error {
	if status != AppealUpheld && status != AppealLifted {
		return Errorf(EINVALID, "appeal decision %q: want %s or %s", status, AppealUpheld, AppealLifted)
	}
	return CheckReason("reason", reason)
}

// Stamp validates e and dates it now when it carries no time of its own.
func (e *AccessEvent) Stamp(now time.Time) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if e.At.IsZero() {
		e.At = now
	}
	return nil
}

// SubjectKeys are the keys (Identifier.Key) under which a store finds the
// restrictions on p: one for each identifier with a document number.
func (p *Person) SubjectKeys() []string {
	var keys []string
	for _, ident := range p.Identifiers {
		if NormalizeDocumentNumber(ident.Value) != "" {
			keys = append(keys, ident.Key())
		}
	}
	return keys
}

// NoticesForPayload is NoticesForChange of an outbox payload: none for a
// purged change (nil payload) or one that cannot be read, since such a
// change tells nobody anything.
func NoticesForPayload(payload []byte) []Notice {
	var c Change
	if payload == nil || json.Unmarshal(payload, &c) != nil {
		return nil
	}
	return NoticesForChange(c)
}
