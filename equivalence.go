package trex

import (
	"context"
	"time"
)

// VersionRef names one version of a restriction and whether it is in
// force, and nothing about its person: what a border node and the
// registry exchange to verify that the node's replica answers as the
// registry would.
type VersionRef struct {
	ID        string    `json:"id"`
	Version   int64     `json:"version"`
	InForce   bool      `json:"in_force"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// MaxEquivalenceSample bounds both halves of an equivalence query: the
// restrictions a node asks about and those the registry samples back.
const MaxEquivalenceSample = 256

// EquivalenceRequest is a border node's sample of its replica, sent to
// the registry to be compared, and how many of the registry's own
// restrictions in force it wants sampled back (at most
// MaxEquivalenceSample each).
type EquivalenceRequest struct {
	Node   string       `json:"node"`
	Sample []VersionRef `json:"sample"`
	Want   int          `json:"want"`
}

// EquivalenceAnswer is the registry's view: for each restriction of the
// request it knows, its current version (unknown ones are left out), and
// a sample of the restrictions in force at the registry, taken at At.
type EquivalenceAnswer struct {
	Known  []VersionRef `json:"known"`
	Active []VersionRef `json:"active"`
	At     time.Time    `json:"at"`
}

// InForceSampler samples the restrictions in force at the registry: up
// to n of them from the first ID at or after from, in ID order, wrapping
// around. IDs are random, so a random from gives a random sample that
// costs one index range read.
type InForceSampler interface {
	SampleInForce(ctx context.Context, from string, n int, now time.Time) ([]VersionRef, error)
}
