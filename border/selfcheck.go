package border

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"trex"
)

// SelfCheck verifies, continuously and in production, that the node
// answers as the registry would: every Interval it samples restrictions
// from its replica and asks the registry for its version of each (and
// for a sample of the registry's restrictions in force, to look for in
// its own), and it checks that each sampled restriction in force is
// found by its own matcher. Only IDs and versions cross the exchange.
//
// A difference that a change still on its way explains (the registry
// changed it after the node last knew itself caught up, within Slack) is
// not a divergence; anything else is, and is logged and counted by kind.
// A node whose registry does not answer counts the round as unreachable
// and carries on: the self-check never holds up checks or applies.
type SelfCheck struct {
	Node *Node
	// Ask sends the query to the registry and returns its answer; it
	// must give up when ctx ends.
	Ask func(ctx context.Context, req trex.EquivalenceRequest) (trex.EquivalenceAnswer, error)
	// Interval between rounds (default a minute), Sample restrictions
	// per round each way (default 32, at most trex.MaxEquivalenceSample),
	// Timeout for the registry's answer (default 5s), and Slack, how long
	// a change may take to reach the node before its absence counts
	// (default 30s).
	Interval, Timeout, Slack time.Duration
	Sample                   int
	Log                      *slog.Logger

	mu    sync.Mutex
	stats EquivalenceStats
}

// Kinds of divergence.
const (
	// DivergentVersion: the node holds another version than the
	// registry, newer, or older although it says it caught up since.
	DivergentVersion = "version"
	// DivergentInForce: the same version, in force at one side only.
	DivergentInForce = "in_force"
	// DivergentUnknown: the node holds a restriction the registry does
	// not know.
	DivergentUnknown = "unknown"
	// DivergentMissing: in force at the registry, absent at the node
	// although it says it caught up since.
	DivergentMissing = "missing"
	// DivergentIndex: in force in the node's replica, not found by its
	// own matcher when its person is checked.
	DivergentIndex = "index"
)

// DivergenceKinds are all kinds of divergence.
var DivergenceKinds = []string{DivergentVersion, DivergentInForce, DivergentUnknown, DivergentMissing, DivergentIndex}

// Divergence is one restriction on which the node and the registry
// disagree.
type Divergence struct {
	ID       string
	Kind     string
	Node     int64 // the node's version (0: none)
	Registry int64 // the registry's version (0: unknown)
}

func (d Divergence) String() string {
	return fmt.Sprintf("%s %s (node v%d, registry v%d)", d.ID, d.Kind, d.Node, d.Registry)
}

// EquivalenceStats counts the self-check's rounds.
type EquivalenceStats struct {
	Rounds      int64            `json:"rounds"`
	Unreachable int64            `json:"unreachable"`
	Compared    int64            `json:"compared"`
	Divergent   map[string]int64 `json:"divergent"`
	LastRound   time.Time        `json:"last_round"`
	// LastAgreed is the end of the last round that found no divergence.
	LastAgreed time.Time `json:"last_agreed"`
}

// Stats reports the counts so far.
func (s *SelfCheck) Stats() EquivalenceStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Divergent = map[string]int64{}
	for _, k := range DivergenceKinds {
		st.Divergent[k] = 0
	}
	for k, v := range s.stats.Divergent {
		st.Divergent[k] = v
	}
	return st
}

func (s *SelfCheck) defaults() {
	if s.Interval <= 0 {
		s.Interval = time.Minute
	}
	if s.Timeout <= 0 {
		s.Timeout = 5 * time.Second
	}
	if s.Slack <= 0 {
		s.Slack = 30 * time.Second
	}
	if s.Sample <= 0 {
		s.Sample = 32
	}
	s.Sample = min(s.Sample, trex.MaxEquivalenceSample)
	if s.Log == nil {
		s.Log = slog.Default()
	}
}

// Run does a round every Interval until ctx ends.
func (s *SelfCheck) Run(ctx context.Context) error {
	s.defaults()
	t := time.NewTicker(s.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		if _, err := s.Round(ctx); err != nil && ctx.Err() == nil {
			s.Log.Warn("replica equivalence: no answer from the registry this round", "node", s.Node.ID, "err", err)
		}
	}
}

// Round does one round and returns the divergences found; an error says
// the registry could not be asked (the round is counted unreachable).
func (s *SelfCheck) Round(ctx context.Context) ([]Divergence, error) {
	s.defaults()
	n := s.Node
	sample := n.sample(s.Sample)
	req := trex.EquivalenceRequest{Node: n.ID, Want: s.Sample}
	for _, r := range sample {
		req.Sample = append(req.Sample, trex.VersionRef{ID: r.ID, Version: r.Version, InForce: r.InForce(n.now())})
	}
	var divs []Divergence
	// The node's own matcher against its own replica needs no link.
	for _, r := range sample {
		if r.InForce(n.now()) && !n.finds(ctx, r) {
			divs = append(divs, Divergence{ID: r.ID, Kind: DivergentIndex, Node: r.Version})
		}
	}
	actx, cancel := context.WithTimeout(ctx, s.Timeout)
	ans, err := s.Ask(actx, req)
	cancel()
	if err != nil {
		s.record(len(sample), divs, true)
		return divs, err
	}
	divs = append(divs, s.compare(sample, ans)...)
	s.record(len(sample)+len(ans.Active), divs, false)
	return divs, nil
}

// compare finds the divergences between the node's sample and the
// registry's answer.
func (s *SelfCheck) compare(sample []*trex.Restriction, ans trex.EquivalenceAnswer) []Divergence {
	n := s.Node
	now, asOf := n.now(), n.DataAsOf()
	// A change made at the registry at t should be at the node once it
	// has known itself caught up past t + Slack.
	due := func(t time.Time) bool { return !t.IsZero() && asOf.After(t.Add(s.Slack)) }
	known := map[string]trex.VersionRef{}
	for _, k := range ans.Known {
		known[k.ID] = k
	}
	var divs []Divergence
	for _, r := range sample {
		k, ok := known[r.ID]
		switch {
		case !ok && r.Status != trex.StatusPurged:
			divs = append(divs, Divergence{ID: r.ID, Kind: DivergentUnknown, Node: r.Version})
		case !ok:
		case r.Version > k.Version || (r.Version < k.Version && due(k.UpdatedAt)):
			divs = append(divs, Divergence{ID: r.ID, Kind: DivergentVersion, Node: r.Version, Registry: k.Version})
		case r.Version == k.Version && r.InForce(now) != k.InForce:
			divs = append(divs, Divergence{ID: r.ID, Kind: DivergentInForce, Node: r.Version, Registry: k.Version})
		}
	}
	for _, a := range ans.Active {
		h, ok := n.holding(a.ID)
		switch {
		case !ok && due(a.UpdatedAt):
			divs = append(divs, Divergence{ID: a.ID, Kind: DivergentMissing, Registry: a.Version})
		case !ok:
		case h.version > a.Version || (h.version < a.Version && due(a.UpdatedAt)):
			divs = append(divs, Divergence{ID: a.ID, Kind: DivergentVersion, Node: h.version, Registry: a.Version})
		case h.version == a.Version && !h.inForce(now):
			divs = append(divs, Divergence{ID: a.ID, Kind: DivergentInForce, Node: h.version, Registry: a.Version})
		}
	}
	return divs
}

func (s *SelfCheck) record(compared int, divs []Divergence, unreachable bool) {
	now := s.Node.now()
	s.mu.Lock()
	s.stats.Rounds++
	s.stats.Compared += int64(compared)
	s.stats.LastRound = now
	if unreachable {
		s.stats.Unreachable++
	}
	if s.stats.Divergent == nil {
		s.stats.Divergent = map[string]int64{}
	}
	for _, d := range divs {
		s.stats.Divergent[d.Kind]++
	}
	if len(divs) == 0 && !unreachable {
		s.stats.LastAgreed = now
	}
	s.mu.Unlock()
	for _, d := range divs {
		s.Log.Error("replica diverges from the registry", "node", s.Node.ID, "restriction", d.ID, "kind", d.Kind,
			"node_version", d.Node, "registry_version", d.Registry)
	}
}

// finds reports whether a check of r's own person finds r.
func (n *Node) finds(ctx context.Context, r *trex.Restriction) bool {
	d, err := n.Check(ctx, r.Person)
	if err != nil {
		return true // a check that cannot run is no evidence against the index
	}
	for _, m := range d.Matches {
		if m.RestrictionID == r.ID {
			return true
		}
	}
	return false
}
