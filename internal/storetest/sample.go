package storetest

import (
	"context"
	"sort"
	"testing"
	"time"

	"trex"
)

// SampleStore is a registry store that samples its restrictions in force.
type SampleStore interface {
	trex.RestrictionService
	trex.InForceSampler
}

// SampleInForce checks trex.InForceSampler: a sample holds only
// restrictions in force now (not lifted, not scheduled, not past their
// end), with their current version, never more than asked, starting at
// the given point in ID order and wrapping around, so that asking for
// more than there are returns each in force exactly once.
func SampleInForce(t *testing.T, db SampleStore) {
	ctx := context.Background()
	now := time.Now()
	inForce := map[string]int64{}
	for i := range 12 {
		r := NewRestriction(now.Add(48 * time.Hour))
		if i%4 == 3 {
			r.ValidFrom = now.Add(24 * time.Hour) // scheduled
		}
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
		if i%4 == 1 {
			if _, err := db.LiftRestriction(ctx, r.ID, "set aside"); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if i%4 != 3 {
			inForce[r.ID] = r.Version
		}
	}
	now = time.Now() // after every valid_from the store set on creation
	all, err := db.SampleInForce(ctx, "R", 100, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(inForce) {
		t.Fatalf("sampled %d of the %d in force: %+v", len(all), len(inForce), all)
	}
	var ids []string
	for _, v := range all {
		if want, ok := inForce[v.ID]; !ok || v.Version != want || !v.InForce || v.UpdatedAt.IsZero() {
			t.Errorf("sampled %+v; in force: %v", v, inForce)
		}
		ids = append(ids, v.ID)
	}
	if !sort.StringsAreSorted(ids) {
		t.Errorf("a sample from the start is not in ID order: %v", ids)
	}
	// From the middle: the later IDs first, then the earlier, each once.
	from := ids[len(ids)/2]
	wrapped, err := db.SampleInForce(ctx, from, 100, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(wrapped) != len(ids) || wrapped[0].ID != from {
		t.Errorf("a sample from %s: %+v", from, wrapped)
	}
	few, err := db.SampleInForce(ctx, from, 2, now)
	if err != nil || len(few) != 2 || few[0].ID != from {
		t.Errorf("two from %s: %+v, %v", from, few, err)
	}
	// Later, everything has ended.
	if late, err := db.SampleInForce(ctx, "R", 100, now.Add(72*time.Hour)); err != nil || len(late) != 0 {
		t.Errorf("after every end: %+v, %v", late, err)
	}
}
