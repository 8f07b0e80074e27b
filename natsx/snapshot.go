package natsx

import (
	"context"

	"github.com/nats-io/nats.go/jetstream"
)

// deliverPolicy is where a new durable consumer starts: at every version
// the stream retains, also when the follower bootstraps (Snapshot). The
// last message on a restriction's subject is not necessarily its newest
// version: an envelope published again (a replay, a registry restored
// from a backup) lands on top of the newer ones, and a node that read only
// the last of each subject would hold a lifted restriction as active with
// nothing to tell it otherwise. Reading the few versions each subject
// retains lets the replica keep the highest, as a node that applied every
// change did (TestFaultDuplicatedAndReorderedDeliveries).
func (f *Follower) deliverPolicy() jetstream.DeliverPolicy {
	return jetstream.DeliverAllPolicy
}

// filterSubject is what the consumer reads: a snapshot is taken per
// subject, so it names the restrictions' subjects (the whole stream).
func (f *Follower) filterSubject() string {
	if f.Snapshot {
		return restrictionsSubject + ".>"
	}
	return ""
}

// resume returns the node's durable consumer if it exists already, so
// that a bootstrapping follower does not try to change where an existing
// one starts (the server refuses that): a node that has a position keeps
// it.
func (f *Follower) resume(ctx context.Context) (jetstream.Consumer, bool) {
	if !f.Snapshot {
		return nil, false
	}
	c, err := f.JS.Consumer(ctx, RestrictionsStream, f.Durable)
	return c, err == nil
}
