package border

import (
	"context"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"trex"
)

// held is what a node keeps in memory of a restriction it holds: what
// deciding whether it is in force, when it ended and how fresh it is
// needs. Everything matching needs is in the matcher; the full record is
// in the replica (see Node.Restriction).
type held struct {
	version int64
	// from is ValidFrom and end is when the restriction ends (UpdatedAt
	// once lifted, else ValidUntil), in Unix nanoseconds clamped to what
	// an int64 holds.
	from, end int64
	status    uint8 // index in statuses
}

// statuses are the statuses a held entry can name; a status not among
// them (a newer registry's) is held as unknown, which is never in force.
var statuses = [...]trex.Status{"", trex.StatusActive, trex.StatusLifted, trex.StatusExpired, trex.StatusScheduled, trex.StatusPurged}

// holdOf is r as a node holds it.
func holdOf(r *trex.Restriction) held {
	h := held{version: r.Version, from: packTime(r.ValidFrom), end: packTime(r.ValidUntil)}
	for i, s := range statuses {
		if s == r.Status {
			h.status = uint8(i)
		}
	}
	if r.Status == trex.StatusLifted {
		h.end = packTime(r.UpdatedAt)
	}
	return h
}

// is reports whether the entry's status is s.
func (h held) is(s trex.Status) bool { return statuses[h.status] == s && s != "" }

// packTime is t in Unix nanoseconds; times outside what that holds
// (the zero time among them) become the least or greatest int64, which
// keeps their order with every time a clock reads.
func packTime(t time.Time) int64 {
	switch {
	case t.Year() < 1678:
		return math.MinInt64
	case t.Year() > 2261:
		return math.MaxInt64
	}
	return t.UnixNano()
}

// inForce is trex.Restriction.InForce on what the node holds.
func (h held) inForce(now time.Time) bool {
	t := now.UnixNano()
	return h.is(trex.StatusActive) && t >= h.from && t < h.end
}

// ended reports whether the restriction stopped applying for good at now
// and when, as endedAt does on the full record.
func (h held) ended(now time.Time) (int64, bool) {
	switch {
	case h.is(trex.StatusLifted), h.is(trex.StatusExpired), now.UnixNano() >= h.end:
		return h.end, true
	}
	return 0, false
}

// holding returns what the node holds of restriction id.
func (n *Node) holding(id string) (held, bool) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	h, ok := n.restrictions[id]
	return h, ok
}

// heldIDs are the IDs of the restrictions the node holds for which keep
// is true, read under the lock.
func (n *Node) heldIDs(keep func(held) bool) []string {
	n.mu.RLock()
	defer n.mu.RUnlock()
	var ids []string
	for id, h := range n.restrictions {
		if keep(h) {
			ids = append(ids, id)
		}
	}
	return ids
}

// record reads restriction id in full from the replica: nil when the
// node no longer holds it (purged, or the replica cannot be read, which
// is logged).
func (n *Node) record(ctx context.Context, id string) *trex.Restriction {
	if _, ok := n.holding(id); !ok {
		return nil
	}
	r, err := n.Replica.ReplicaRestriction(ctx, id)
	if err != nil {
		n.Log.Error("read a held restriction from the replica", "node", n.ID, "restriction", id, "err", err)
		return nil
	}
	if r == nil || r.Status == trex.StatusPurged {
		return nil
	}
	return r
}

// sample picks up to k restrictions the node holds, uniformly, and reads
// them in full from the replica, in ID order.
func (n *Node) sample(k int) []*trex.Restriction {
	ids := make([]string, 0, k)
	n.mu.RLock()
	seen := 0
	for id := range n.restrictions {
		seen++
		if len(ids) < k {
			ids = append(ids, id)
		} else if j := rand.IntN(seen); j < k {
			ids[j] = id
		}
	}
	n.mu.RUnlock()
	slices.Sort(ids)
	out := make([]*trex.Restriction, 0, len(ids))
	for _, id := range ids {
		if r := n.record(context.Background(), id); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// Holds reports whether the node holds restriction id (in force or not),
// from memory: what a caller polling for a change's arrival asks.
func (n *Node) Holds(id string) bool {
	_, ok := n.holding(id)
	return ok
}

// captureHeld returns the node's held entries as they are now, shared
// with the node until releaseHeld(gen): the node copies them before it
// next changes them (ownHeldLocked), so that a snapshot reads them while
// changes go on, and a capture costs nothing when no change comes.
func (n *Node) captureHeld() (restrictions map[string]held, gen uint64) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.heldShared++
	return n.restrictions, n.heldGen
}

// releaseHeld ends a capture of captureHeld.
func (n *Node) releaseHeld(gen uint64) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if gen == n.heldGen {
		n.heldShared--
	}
}

// ownHeldLocked gives the node its own held entries when a capture
// shares them, before they change. The caller holds n.mu.
func (n *Node) ownHeldLocked() {
	if n.heldShared == 0 {
		return
	}
	n.restrictions = maps.Clone(n.restrictions)
	n.heldShared = 0
	n.heldGen++
}
