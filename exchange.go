package trex

import (
	"context"
	"time"
)

// Outbox holds registry changes until the exchange has published them. A
// change enters the outbox in the same transaction as the change itself, so
// a crash between commit and publish loses nothing: the relay resumes from
// the first unpublished change.
//
// A change that cannot be published (its authority cannot sign, the
// exchange refuses it) is parked: it keeps its place, is retried after a
// backoff, and holds back only the later changes of the same restriction,
// so that one restriction's versions still leave in order while every
// other restriction's changes flow past it.
type Outbox interface {
	// PendingChanges returns up to limit unpublished changes that are due,
	// oldest first: a parked change only once its retry time has come, and
	// no change of a restriction while an earlier change of it waits parked.
	PendingChanges(ctx context.Context, limit int) ([]Change, error)
	// MarkPublished records that the changes with outbox sequences seqs
	// have been accepted by the exchange, all in one write.
	MarkPublished(ctx context.Context, seqs ...int64) error
	// ParkChange records that publishing the change with sequence seq
	// failed for reason, counts the attempt, and defers the change (and the
	// later changes of its restriction) until retryAt.
	ParkChange(ctx context.Context, seq int64, reason string, retryAt time.Time) error
	// OutboxStats reports how much is waiting and for how long.
	OutboxStats(ctx context.Context) (OutboxStats, error)
	// UndeliveredChanges lists the changes of restriction id that the
	// exchange has not accepted yet, oldest first (none once all left).
	UndeliveredChanges(ctx context.Context, id string) ([]Undelivered, error)
	// RecordReceipt stores a border node's receipt for a version the
	// registry has published, with the status that version carried;
	// duplicates are ignored. A receipt for a version never published is
	// refused with ECONFLICT.
	RecordReceipt(ctx context.Context, rc Receipt) error
}

// Undelivered is a change of one restriction that the exchange has not
// yet accepted: waiting its turn, or parked after failing (Attempts > 0),
// with why and when it is tried again. The issuer sees these beside the
// receipts, so a lift that has not left the registry is never mistaken for
// one the border has not confirmed yet.
type Undelivered struct {
	Version   int64     `json:"version"`
	Status    Status    `json:"status"`
	Attempts  int       `json:"attempts"`
	LastError string    `json:"last_error,omitempty"`
	RetryAt   time.Time `json:"retry_at,omitzero"`
	CreatedAt time.Time `json:"created_at"`
}

// OutboxStats is the state of the outbox, for metrics and readiness.
type OutboxStats struct {
	// Depth is how many changes are not yet published, parked or not.
	Depth int64 `json:"depth"`
	// Parked is how many of them have failed at least once.
	Parked int64 `json:"parked"`
	// OldestUnpublished is when the oldest unpublished change was made
	// (zero when nothing waits).
	OldestUnpublished time.Time `json:"oldest_unpublished,omitzero"`
	// ParkedReason is why the oldest parked change could not be published.
	ParkedReason string `json:"parked_reason,omitempty"`
}

// Replica is a border node's persistent copy of the restrictions it has
// applied. It survives restarts so that a node resumes instead of replaying.
type Replica interface {
	// ApplyRestriction stores r if its version is newer than the one held
	// for r.ID and reports whether it did. An older or equal version is
	// ignored, so a redelivered change never resurrects a lifted one; once
	// a tombstone (StatusPurged) is held only a newer tombstone is stored,
	// so a late change never brings a purged person back.
	ApplyRestriction(ctx context.Context, r *Restriction) (applied bool, err error)
	// PurgeRestrictions replaces, in one transaction, whatever is held for
	// each tombstone's ID with the tombstone (keeping the higher version).
	PurgeRestrictions(ctx context.Context, ts []Restriction) error
	// EachRestriction calls fn for every restriction held.
	EachRestriction(ctx context.Context, fn func(*Restriction) error) error
	// ReplicaRestriction returns the restriction held for id (a tombstone
	// included), or nil when none is: a node that keeps only what
	// matching needs in memory reads the full record from here.
	ReplicaRestriction(ctx context.Context, id string) (*Restriction, error)
	// SetDataAsOf records the last moment the node knew itself caught up.
	SetDataAsOf(ctx context.Context, t time.Time) error
	// DataAsOf returns what SetDataAsOf last stored (zero if never).
	DataAsOf(ctx context.Context) (time.Time, error)
}

// BatchCreator is a registry store that creates many restrictions in one
// transaction, so that a registry serving many clerks at once commits
// their creates together.
type BatchCreator interface {
	// CreateRestrictions does what RestrictionService.CreateRestriction
	// does for each of rs and returns one error per restriction: one that
	// fails (invalid, or refused by the store) fails alone.
	CreateRestrictions(ctx context.Context, rs []*Restriction) []error
}

// BatchReceipts is an Outbox that records many border receipts in one
// transaction.
type BatchReceipts interface {
	// RecordReceipts does what Outbox.RecordReceipt does for each of rcs
	// and returns one error per receipt.
	RecordReceipts(ctx context.Context, rcs []Receipt) []error
}

// BatchReplica is a Replica that applies many changes in one transaction.
type BatchReplica interface {
	Replica
	// ApplyRestrictions does what ApplyRestriction does for each of rs, in
	// order, all or none, and reports for each whether it was stored.
	ApplyRestrictions(ctx context.Context, rs []*Restriction) (applied []bool, err error)
}

// ParallelReplica is a Replica that decodes its restrictions on several
// goroutines at once, so that a node starting with millions of them uses
// every core.
type ParallelReplica interface {
	Replica
	// EachRestrictionParallel calls fn for every restriction held, from
	// up to workers goroutines at once (fn must be safe for concurrent
	// use). The first error fn or the reading returns stops it and is
	// returned.
	EachRestrictionParallel(ctx context.Context, workers int, fn func(*Restriction) error) error
}

// BatchApplier is an Applier that takes many verified changes at once, so
// that a border node following a busy stream writes its replica and sends
// its receipts a batch at a time.
type BatchApplier interface {
	Applier
	// ApplyChanges applies cs in order and returns one error per change,
	// each as ApplyChange would have (nil, ErrReplayed, or another error
	// to have that change redelivered).
	ApplyChanges(ctx context.Context, cs []Change) []error
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
