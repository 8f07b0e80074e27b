package trex

import (
	"context"
	"time"
)

// DefaultRetainDays is how long the registry keeps a lifted or expired
// restriction whose kind names no retention period.
const DefaultRetainDays = 366

// validateLifecycle checks a kind's review and retention settings: periods
// from 0 to MaxKindDays, and a lapse only where there is a review to miss.
func (k Kind) validateLifecycle() error {
	switch {
	case k.ReviewDays < 0 || k.ReviewDays > MaxKindDays:
		return Errorf(EINVALID, "%s: review_days %d: want 0 (no review) to %d", k.Name, k.ReviewDays, MaxKindDays)
	case k.LapseUnreviewed && k.ReviewDays == 0:
		return Errorf(EINVALID, "%s: lapse_unreviewed needs review_days", k.Name)
	case k.RetainDays < 0 || k.RetainDays > MaxKindDays:
		return Errorf(EINVALID, "%s: retain_days %d: want 0 (default %d) to %d", k.Name, k.RetainDays, DefaultRetainDays, MaxKindDays)
	}
	return nil
}

// ReviewDueAfter is when a restriction of the kind reviewed (or made) at t
// must next be reviewed; zero when the kind asks for no review.
func (k Kind) ReviewDueAfter(t time.Time) time.Time {
	if k.ReviewDays <= 0 {
		return time.Time{}
	}
	return t.Add(time.Duration(k.ReviewDays) * 24 * time.Hour).UTC()
}

// Retention is how long the registry keeps a lifted or expired restriction
// of the kind.
func (k Kind) Retention() time.Duration {
	d := k.RetainDays
	if d <= 0 {
		d = DefaultRetainDays
	}
	return time.Duration(d) * 24 * time.Hour
}

// Ended reports whether the restriction no longer applies for good: lifted
// or expired (a tombstone has ended too).
func (r *Restriction) Ended() bool {
	return r.Status == StatusLifted || r.Status == StatusExpired || r.Status == StatusPurged
}

// Tombstone is what is left of r once purged, at the next version: its
// identifier, authority, kind and dates, and nothing about its person. It
// travels as a change like any other, so that every node drops the
// restriction, and it takes the restriction's place in the stream, so that
// a late or new node never sees the person at all.
func (r *Restriction) Tombstone(now time.Time) Restriction {
	return Restriction{ID: r.ID, Kind: r.Kind, Authority: r.Authority, ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil,
		Status: StatusPurged, Version: r.Version + 1, CreatedAt: r.CreatedAt, UpdatedAt: now.UTC()}
}

// LapseReason is the lift reason of a restriction that lapsed because its
// review, due at due, was not made.
func LapseReason(due time.Time) string {
	return "lapsed: the review due " + due.UTC().Format(time.RFC3339) + " was not made"
}

// LifecycleService is what the registry does as time passes: reviews that
// fall due, restrictions that lapse unreviewed, and ended restrictions
// purged once their kind's retention period has run.
type LifecycleService interface {
	// ReviewQueue lists the active restrictions of authority whose review
	// is due by now, the longest overdue first (at most limit).
	ReviewQueue(ctx context.Context, authority string, now time.Time, limit int) ([]Restriction, error)
	// ReviewRestriction records that the issuer reviewed restriction id at
	// now and keeps it: its next review falls due ReviewDays later.
	// Returns ENOTFOUND, ECONFLICT when it is not active, and EINVALID
	// when its kind asks for no review.
	ReviewRestriction(ctx context.Context, id string, now time.Time) (*Restriction, error)
	// LapseUnreviewed lifts, with LapseReason, every active restriction
	// whose review was due by now and whose kind lapses unreviewed; each
	// lift goes to the outbox like any other. Returns how many lapsed.
	LapseUnreviewed(ctx context.Context, now time.Time) (int, error)
	// PurgeEnded replaces every restriction lifted or expired longer ago
	// than its kind's retention period with its Tombstone: the person, the
	// legal basis, the subject keys, the receipts and every earlier change
	// in the outbox are deleted, and the tombstone goes to the outbox.
	// Returns the tombstones written.
	PurgeEnded(ctx context.Context, now time.Time) ([]Restriction, error)
}
