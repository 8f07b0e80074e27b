package clustertest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"trex"
	"trex/border"
)

// Ledger is what the registry acknowledged: the highest version of each
// restriction a write returned, with the last person it named (a
// tombstone names none), so that the invariant can ask whether that
// person still matches anywhere.
type Ledger struct {
	mu    sync.Mutex
	acked map[string]trex.Restriction
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger { return &Ledger{acked: map[string]trex.Restriction{}} }

// Ack records that the registry acknowledged r (a create, lift, expiry
// or tombstone returned without error).
func (l *Ledger) Ack(r *trex.Restriction) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old, ok := l.acked[r.ID]
	if ok && old.Version >= r.Version {
		return
	}
	keep := *r
	if len(keep.Person.Names) == 0 && ok {
		keep.Person = old.Person
	}
	l.acked[r.ID] = keep
}

// Acked returns the acknowledged restrictions, ordered by ID.
func (l *Ledger) Acked() []trex.Restriction {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]trex.Restriction, 0, len(l.acked))
	for _, r := range l.acked {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Len is how many restrictions the ledger holds.
func (l *Ledger) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.acked)
}

// RegistryView is the registry as the invariant reads it: one restriction at
// a time, as the API does (trex.RestrictionService satisfies it).
type RegistryView interface {
	FindRestriction(ctx context.Context, id string) (*trex.Restriction, error)
}

// Border is a border node as the invariant reads it: what it holds, how
// it answers a check, and when it last knew itself caught up.
type Border interface {
	Name() string
	Holdings(ctx context.Context) (map[string]*trex.Restriction, error)
	Check(ctx context.Context, traveller trex.Person) (*trex.Decision, error)
	DataAsOf(ctx context.Context) (time.Time, error)
}

// NodeBorder reads an in-process border node.
func NodeBorder(n *border.Node) Border { return nodeBorder{n} }

type nodeBorder struct{ n *border.Node }

func (b nodeBorder) Name() string { return b.n.ID }

func (b nodeBorder) Holdings(context.Context) (map[string]*trex.Restriction, error) {
	out := map[string]*trex.Restriction{}
	b.n.Each(func(r *trex.Restriction) bool {
		c := *r
		out[r.ID] = &c
		return true
	})
	return out, nil
}

func (b nodeBorder) Check(ctx context.Context, p trex.Person) (*trex.Decision, error) {
	return b.n.Check(ctx, p)
}

func (b nodeBorder) DataAsOf(context.Context) (time.Time, error) { return b.n.DataAsOf(), nil }

// Invariant is what must hold across the exchange once it has converged.
type Invariant struct {
	Registry RegistryView
	Borders  []Border
	Ledger   *Ledger
	// Now is the clock that decides what is in force (default time.Now).
	Now func() time.Time
}

func (iv *Invariant) now() time.Time {
	if iv.Now == nil {
		return time.Now()
	}
	return iv.Now()
}

// Check verifies, once: no acknowledged write is missing from the
// registry or from any border node; every border node's active set (what
// it holds in force now, by ID and version) equals the registry's; and a
// check of the person of every lifted, expired or purged restriction, at
// every border node, matches nothing that is not in force at the
// registry. It returns every breach found, joined.
func (iv *Invariant) Check(ctx context.Context) error {
	now := iv.now()
	var errs []error
	reg := map[string]*trex.Restriction{}
	active := map[string]int64{}
	acked := iv.Ledger.Acked()
	for _, a := range acked {
		r, err := iv.Registry.FindRestriction(ctx, a.ID)
		if err != nil {
			errs = append(errs, fmt.Errorf("registry: acknowledged %s v%d: %w", a.ID, a.Version, err))
			continue
		}
		if r.Version < a.Version {
			errs = append(errs, fmt.Errorf("registry: acknowledged %s v%d but holds v%d", a.ID, a.Version, r.Version))
		}
		reg[a.ID] = r
		if r.InForce(now) {
			active[a.ID] = r.Version
		}
	}
	for _, b := range iv.Borders {
		errs = append(errs, iv.checkHoldings(ctx, b, acked, reg, active, now)...)
	}
	for _, a := range acked {
		r := reg[a.ID]
		if r == nil || r.InForce(now) || len(a.Person.Names) == 0 {
			continue
		}
		for _, b := range iv.Borders {
			d, err := b.Check(ctx, a.Person)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: check the person of ended %s: %w", b.Name(), a.ID, err))
				continue
			}
			for _, m := range d.Matches {
				if _, ok := active[m.RestrictionID]; ok {
					continue
				}
				if m.RestrictionID == a.ID || reg[m.RestrictionID] != nil {
					errs = append(errs, fmt.Errorf("%s: the person of %s (%s) matches %s, which is not in force at the registry", b.Name(), a.ID, r.Status, m.RestrictionID))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// checkHoldings compares one node's holdings with the registry's.
func (iv *Invariant) checkHoldings(ctx context.Context, b Border, acked []trex.Restriction, reg map[string]*trex.Restriction, active map[string]int64, now time.Time) []error {
	held, err := b.Holdings(ctx)
	if err != nil {
		return []error{fmt.Errorf("%s: read holdings: %w", b.Name(), err)}
	}
	var errs []error
	for _, a := range acked {
		r, h := reg[a.ID], held[a.ID]
		if r == nil {
			continue
		}
		switch {
		case r.InForce(now) && (h == nil || !h.InForce(now)):
			errs = append(errs, fmt.Errorf("%s: %s v%d is in force at the registry, not at the node (%s)", b.Name(), a.ID, r.Version, describe(h)))
		case r.InForce(now) && h.Version != r.Version:
			errs = append(errs, fmt.Errorf("%s: %s in force at v%d, the registry has v%d", b.Name(), a.ID, h.Version, r.Version))
		case !r.InForce(now) && h != nil && h.InForce(now):
			errs = append(errs, fmt.Errorf("%s: %s is %s at the registry (v%d) but in force at the node (v%d)", b.Name(), a.ID, r.Status, r.Version, h.Version))
		case h == nil && r.Status != trex.StatusPurged:
			errs = append(errs, fmt.Errorf("%s: acknowledged %s v%d (%s) never reached the node", b.Name(), a.ID, a.Version, r.Status))
		case h != nil && h.Version < a.Version:
			errs = append(errs, fmt.Errorf("%s: acknowledged %s v%d, the node holds v%d", b.Name(), a.ID, a.Version, h.Version))
		}
	}
	for id, h := range held {
		if !h.InForce(now) {
			continue
		}
		if _, ok := active[id]; ok {
			continue
		}
		if _, known := reg[id]; known {
			continue // reported above
		}
		r, err := iv.Registry.FindRestriction(ctx, id)
		if err != nil || !r.InForce(now) || r.Version != h.Version {
			errs = append(errs, fmt.Errorf("%s: holds %s v%d in force, the registry: %s, %v", b.Name(), id, h.Version, describe(r), err))
		}
	}
	return errs
}

func describe(r *trex.Restriction) string {
	if r == nil {
		return "nothing"
	}
	return fmt.Sprintf("v%d %s", r.Version, r.Status)
}

// Wait checks until the invariant holds or timeout passes, and returns
// the breaches of the last check (nil once it held).
func (iv *Invariant) Wait(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		err := iv.Check(ctx)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("not converged within %s: %w", timeout, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Staleness is how long ago b last knew itself caught up (the node's own
// statement, as its decisions carry it); an error if it never was.
func (iv *Invariant) Staleness(ctx context.Context, b Border) (time.Duration, error) {
	asOf, err := b.DataAsOf(ctx)
	if err != nil {
		return 0, fmt.Errorf("%s: data_as_of: %w", b.Name(), err)
	}
	if asOf.IsZero() {
		return 0, fmt.Errorf("%s: has never caught up", b.Name())
	}
	return iv.now().Sub(asOf), nil
}

// CheckStale verifies that b, cut off for at least cutFor, says so: its
// data_as_of is at least cutFor - slack old, and a check it answers
// carries that same data_as_of.
func (iv *Invariant) CheckStale(ctx context.Context, b Border, cutFor, slack time.Duration, probe trex.Person) error {
	age, err := iv.Staleness(ctx, b)
	if err != nil {
		return err
	}
	if age < cutFor-slack {
		return fmt.Errorf("%s: cut off for %s but says its data is only %s old", b.Name(), cutFor, age.Round(time.Millisecond))
	}
	d, err := b.Check(ctx, probe)
	if err != nil {
		return fmt.Errorf("%s: check while cut off: %w", b.Name(), err)
	}
	if d.DataAsOf.IsZero() || iv.now().Sub(d.DataAsOf) < cutFor-slack {
		return fmt.Errorf("%s: a decision while cut off says its data is as of %s (cut off for %s)", b.Name(), d.DataAsOf, cutFor)
	}
	return nil
}
