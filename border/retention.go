package border

import (
	"context"
	"fmt"
	"time"

	"trex"
)

// DefaultRetention is how long a node keeps an ended restriction unless
// told otherwise.
const DefaultRetention = 30 * 24 * time.Hour

// endedAt is when r stopped applying for good at now: when it was lifted
// or expired, or its valid_until once that has passed (a node ends a
// restriction on its own clock, whether or not the expiry has reached it).
func endedAt(r *trex.Restriction, now time.Time) (time.Time, bool) {
	switch {
	case r.Status == trex.StatusLifted:
		return r.UpdatedAt, true
	case r.Status == trex.StatusExpired, !now.Before(r.ValidUntil):
		return r.ValidUntil, true
	}
	return time.Time{}, false
}

// Purge drops every restriction that ended longer than Retention ago from
// the map, the matcher and the replica, where a tombstone at the same
// version takes its place: the person is gone, and a late change of the
// restriction (only ever another ending) is refused rather than bringing
// them back. Each purge is recorded (Purged). Returns how many it purged.
func (n *Node) Purge(ctx context.Context) (int, error) {
	keep := n.Retention
	if keep <= 0 {
		keep = DefaultRetention
	}
	now := n.Now()
	// What ended is found in memory; only those are read in full (the
	// tombstone keeps their kind, authority and dates) and checked again.
	ids := n.heldIDs(func(h held) bool {
		at, ok := h.ended(now)
		return ok && at <= now.Add(-keep).UnixNano()
	})
	var due []trex.Restriction
	for _, id := range ids {
		r := n.record(ctx, id)
		if r == nil {
			continue
		}
		if at, ok := endedAt(r, now); ok && !now.Before(at.Add(keep)) {
			t := r.Tombstone(now)
			t.Version = r.Version
			due = append(due, t)
		}
	}
	n.applyMu.Lock()
	if err := n.Replica.PurgeRestrictions(ctx, due); err != nil {
		n.applyMu.Unlock()
		return 0, fmt.Errorf("border %s: purge: %w", n.ID, err)
	}
	for i := range due {
		n.index(&due[i])
	}
	n.applyMu.Unlock()
	for i := range due {
		t := &due[i]
		if n.Purged != nil {
			if err := n.Purged(ctx, t); err != nil {
				n.Log.Error("audit: purge not recorded", "restriction", t.ID, "version", t.Version, "err", err)
			}
		}
	}
	return len(due), nil
}

// RunPurge purges every interval (default an hour) until ctx ends.
func (n *Node) RunPurge(ctx context.Context, interval time.Duration) error {
	if interval <= 0 {
		interval = time.Hour
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if k, err := n.Purge(ctx); err != nil && ctx.Err() == nil {
			n.Log.Warn("retention sweep", "err", err)
		} else if k > 0 {
			n.Log.Info("ended restrictions purged", "node", n.ID, "count", k)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
