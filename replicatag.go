package trex

import "context"

// ReplicaTag names the state of a replica cheaply: a snapshot of a border
// node's memory written at one tag is valid exactly while the replica
// still states that tag.
type ReplicaTag struct {
	// Epoch is chosen at random when the replica is created, so that two
	// replicas (or a replica restored from elsewhere) never share a tag.
	Epoch uint64
	// Changes counts every change stored in the replica, counted in the
	// same transaction as the change.
	Changes uint64
	// Rows is how many restrictions (tombstones included) it holds.
	Rows uint64
}

// TaggedReplica is a Replica that states its tag.
type TaggedReplica interface {
	Replica
	// ReplicaTag returns the replica's current tag.
	ReplicaTag(ctx context.Context) (ReplicaTag, error)
}
