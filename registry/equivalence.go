package registry

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"time"

	"trex"
)

// Equivalence answers border nodes' equivalence queries: the registry's
// version of each restriction a node sampled from its replica, and a
// sample of the restrictions in force at the registry for the node to
// look for in its own. It reveals versions and IDs, never a person, and
// only to border nodes, which hold every restriction anyway.
type Equivalence struct {
	Store interface {
		FindRestriction(ctx context.Context, id string) (*trex.Restriction, error)
	}
	// Sampler samples the restrictions in force (nil: the answer carries
	// none, and nodes can only check what they hold).
	Sampler trex.InForceSampler
	Now     func() time.Time
}

// Answer compares a node's sample with the store. A request over the
// limits (trex.MaxEquivalenceSample) is refused with EINVALID rather
// than cut short, so a node that asks too much learns it.
func (e *Equivalence) Answer(ctx context.Context, req trex.EquivalenceRequest) (trex.EquivalenceAnswer, error) {
	if len(req.Sample) > trex.MaxEquivalenceSample || req.Want > trex.MaxEquivalenceSample || req.Want < 0 {
		return trex.EquivalenceAnswer{}, trex.Errorf(trex.EINVALID, "equivalence query from %q: %d sampled, %d wanted; at most %d each",
			req.Node, len(req.Sample), req.Want, trex.MaxEquivalenceSample)
	}
	now := time.Now()
	if e.Now != nil {
		now = e.Now()
	}
	ans := trex.EquivalenceAnswer{At: now.UTC(), Known: []trex.VersionRef{}, Active: []trex.VersionRef{}}
	for _, s := range req.Sample {
		r, err := e.Store.FindRestriction(ctx, s.ID)
		if trex.ErrorCode(err) == trex.ENOTFOUND {
			continue
		}
		if err != nil {
			return trex.EquivalenceAnswer{}, fmt.Errorf("equivalence query from %q: %w", req.Node, err)
		}
		ans.Known = append(ans.Known, trex.VersionRef{ID: r.ID, Version: r.Version, InForce: r.InForce(now), UpdatedAt: r.UpdatedAt})
	}
	if e.Sampler != nil && req.Want > 0 {
		act, err := e.Sampler.SampleInForce(ctx, randomID(), req.Want, now)
		if err != nil {
			return trex.EquivalenceAnswer{}, fmt.Errorf("equivalence query from %q: %w", req.Node, err)
		}
		ans.Active = append(ans.Active, act...)
	}
	return ans, nil
}

// randomID is a random point in the space of restriction IDs ("R" and
// base32 letters), where a sample starts.
func randomID() string {
	b := make([]byte, 10)
	rand.Read(b)
	return "R" + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}
