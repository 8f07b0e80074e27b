package natsx

import (
	"context"

	"github.com/nats-io/nats.go/jetstream"
)

// deliverPolicy is where a new durable consumer starts: at the last
// change of each restriction when the follower bootstraps from the
// stream's snapshot (Snapshot), otherwise at everything the stream holds.
func (f *Follower) deliverPolicy() jetstream.DeliverPolicy {
	if f.Snapshot {
		return jetstream.DeliverLastPerSubjectPolicy
	}
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
