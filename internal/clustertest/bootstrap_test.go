package clustertest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/natsx"
	"trex/synth"
)

// TestBootstrapEqualsReplay is a property test: over random sequences of
// creates, lifts, expiries, re-creates (a new restriction on a person whose
// earlier one ended) and purges (tombstones, with the stream's history
// behind them deleted), a node that bootstrapped from the stream's
// snapshot (the last change of each restriction) after the sequence, and
// one that bootstrapped from it midway and followed on, end in exactly
// the state of a node that applied every change as it came: the same
// restrictions in memory and in the replica on disk, field for field, the
// same number indexed, and the same answer to every check of every
// person the sequence touched, in several spellings.
func TestBootstrapEqualsReplay(t *testing.T) {
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { bootstrapEqualsReplay(t, uint64(seed)) })
	}
}

func bootstrapEqualsReplay(t *testing.T, seed uint64) {
	srv, err := natsx.RunEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reg := StartRegistry(t, srv.URL())
	replay := StartBorder(t, "replay", srv.URL(), reg.Trust)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	g := synth.New(seed + 1000)
	steps := 30 + rng.IntN(30)
	midway := rng.IntN(steps)
	var mid *BorderNode
	var ended []trex.Person // persons whose restriction was lifted or expired
	ops := map[string]int{}
	for step := range steps {
		if step == midway {
			mid = StartSnapshotBorder(t, "midway", srv.URL(), reg.Trust)
		}
		active := activeIDs(ctx, t, reg)
		switch op := rng.IntN(100); {
		case op < 35 || len(active) == 0:
			validFor := time.Duration(1+rng.IntN(72)) * time.Hour
			if _, err := reg.Create(ctx, g.Person(), validFor); err != nil {
				t.Fatal(err)
			}
			ops["create"]++
		case op < 55:
			id := active[rng.IntN(len(active))]
			r, err := reg.Lift(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			ended = append(ended, r.Person)
			ops["lift"]++
		case op < 65:
			// Time passes: whatever ends within the next 36 hours expires.
			if _, err := reg.DB.ExpireDue(ctx, time.Now().Add(36*time.Hour)); err != nil {
				t.Fatal(err)
			}
			reg.Relay.Kick()
			for _, id := range active {
				r, err := reg.DB.FindRestriction(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if r.Status == trex.StatusExpired {
					reg.Ledger.Ack(r)
					ended = append(ended, r.Person)
					ops["expire"]++
				}
			}
		case op < 85 && len(ended) > 0:
			// The same person is restricted again, by a new restriction.
			if _, err := reg.Create(ctx, ended[rng.IntN(len(ended))], 48*time.Hour); err != nil {
				t.Fatal(err)
			}
			ops["re-create"]++
		default:
			// Retention has run for everything ended so far.
			ts, err := reg.DB.PurgeEnded(ctx, time.Now().Add((trex.DefaultRetainDays+2)*24*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			for i := range ts {
				reg.Ledger.Ack(&ts[i])
			}
			ops["purge"] += len(ts)
			reg.Relay.Kick()
		}
	}
	t.Logf("%d steps, midway node from step %d: %v", steps, midway, ops)
	if mid == nil {
		mid = StartSnapshotBorder(t, "midway", srv.URL(), reg.Trust)
	}
	iv := reg.Invariant(replay.Border(), mid.Border())
	if err := iv.Wait(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	// Every change has left the registry: a node starting now reads the
	// stream as it will stay.
	snap := StartSnapshotBorder(t, "snapshot", srv.URL(), reg.Trust)
	if err := reg.Invariant(snap.Border()).Wait(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	want := nodeState(ctx, t, replay, reg.Ledger)
	for _, b := range []*BorderNode{snap, mid} {
		got := nodeState(ctx, t, b, reg.Ledger)
		if d := diffState(want, got); d != "" {
			t.Errorf("%s differs from the node that replayed every change (%d steps, %d restrictions):\n%s", b.Name, steps, reg.Ledger.Len(), d)
		}
	}
	if snap.Node().Stats().Applied > replay.Node().Stats().Applied {
		t.Errorf("the snapshot node applied %d changes, more than the %d of the node that saw every one", snap.Node().Stats().Applied, replay.Node().Stats().Applied)
	}
}

// activeIDs lists the ledger's restrictions in force at the registry.
func activeIDs(ctx context.Context, t *testing.T, reg *Registry) []string {
	t.Helper()
	var ids []string
	for _, a := range reg.Ledger.Acked() {
		r, err := reg.DB.FindRestriction(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.InForce(time.Now()) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// state is everything a node's answers depend on, as comparable text.
type state map[string]string

func nodeState(ctx context.Context, t *testing.T, b *BorderNode, l *Ledger) state {
	t.Helper()
	s := state{}
	held, err := b.Border().Holdings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for id, r := range held {
		s["memory "+id] = restrictionJSON(r)
	}
	onDisk, err := b.Replica(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for id, r := range onDisk {
		s["replica "+id] = restrictionJSON(r)
	}
	s["indexed"] = fmt.Sprint(b.Node().Stats().Indexed)
	for _, a := range l.Acked() {
		for i, p := range spellings(a.Person) {
			d, err := b.Border().Check(ctx, p)
			if err != nil {
				s[fmt.Sprintf("check %s/%d", a.ID, i)] = "error " + err.Error()
				continue
			}
			s[fmt.Sprintf("check %s/%d", a.ID, i)] = decisionText(d)
		}
	}
	return s
}

func restrictionJSON(r *trex.Restriction) string {
	b, _ := json.Marshal(r)
	return string(b)
}

// decisionText is a decision's verdict and matches (restriction, verdict,
// score), in order.
func decisionText(d *trex.Decision) string {
	parts := []string{string(d.Verdict)}
	for _, m := range d.Matches {
		parts = append(parts, fmt.Sprintf("%s:%s:%.4f", m.RestrictionID, m.Verdict, m.Score))
	}
	return strings.Join(parts, " ")
}

// spellings are ways a booth may present p: the record as the issuer
// holds it, its documents alone, and its names and birth date alone. A
// tombstone's person is empty and gives none.
func spellings(p trex.Person) []trex.Person {
	if len(p.Names) == 0 {
		return nil
	}
	out := []trex.Person{p}
	if len(p.Documents) > 0 {
		out = append(out, trex.Person{Documents: p.Documents})
	}
	out = append(out, trex.Person{Names: p.Names, BirthDate: p.BirthDate})
	return out
}

// diffState lists the keys on which two states differ.
func diffState(want, got state) string {
	keys := map[string]bool{}
	for k := range want {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	var ks []string
	for k := range keys {
		if want[k] != got[k] {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	var b strings.Builder
	for _, k := range ks[:min(len(ks), 10)] {
		fmt.Fprintf(&b, "  %s:\n    replay   %q\n    got      %q\n", k, want[k], got[k])
	}
	if len(ks) > 10 {
		fmt.Fprintf(&b, "  ... and %d more\n", len(ks)-10)
	}
	return b.String()
}
