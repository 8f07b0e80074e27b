package trex

import (
	"context"
	"time"
)

// Outbox holds registry changes until the exchange has published them. A
// change enters the outbox in the same transaction as the change itself, so
// a crash between commit and publish loses nothing: the relay resumes from
// the first unpublished change.
type Outbox interface {
	// PendingChanges returns up to limit unpublished changes, oldest first.
	PendingChanges(ctx context.Context, limit int) ([]Change, error)
	// MarkPublished records that the change with outbox sequence seq has
	// been accepted by the exchange.
	MarkPublished(ctx context.Context, seq int64) error
	// RecordReceipt stores a border node's receipt; duplicates are ignored.
	RecordReceipt(ctx context.Context, rc Receipt) error
}

// Replica is a border node's persistent copy of the restrictions it has
// applied. It survives restarts so that a node resumes instead of replaying.
type Replica interface {
	// ApplyRestriction stores r if its version is newer than the one held
	// for r.ID and reports whether it did. An older or equal version is
	// ignored, so a redelivered change never resurrects a lifted one.
	ApplyRestriction(ctx context.Context, r *Restriction) (applied bool, err error)
	// EachRestriction calls fn for every restriction held.
	EachRestriction(ctx context.Context, fn func(*Restriction) error) error
	// SetDataAsOf records the last moment the node knew itself caught up.
	SetDataAsOf(ctx context.Context, t time.Time) error
	// DataAsOf returns what SetDataAsOf last stored (zero if never).
	DataAsOf(ctx context.Context) (time.Time, error)
}

// Applier is what a border node does with a verified change. The exchange
// adapter (natsx) calls it; the border node implements it, so neither needs
// the other.
type Applier interface {
	// ApplyChange applies a verified change; an error has it redelivered,
	// except ErrReplayed (a version already applied or superseded), which
	// refuses the envelope.
	ApplyChange(ctx context.Context, c Change) error
	// RefuseEnvelope is told of an envelope that failed verification.
	RefuseEnvelope(ctx context.Context, subject string, reason error)
	// CaughtUp is told that, at t, the node had applied everything the
	// stream held.
	CaughtUp(ctx context.Context, t time.Time)
}
