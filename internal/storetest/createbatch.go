package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"trex"
)

// batchCreate: a store that creates many restrictions at once writes each
// valid one with its identifier keys and its outbox entry, in the order
// given, and fails only the invalid ones.
func batchCreate(t *testing.T, db Store) {
	bc, ok := db.(trex.BatchCreator)
	if !ok {
		t.Skip("the store does not create in batches")
	}
	ctx := context.Background()
	var rs []*trex.Restriction
	for i := range 300 {
		r := NewRestriction(time.Now().Add(time.Hour))
		r.Person.Identifiers = []trex.Identifier{{Kind: "national_id", Country: "RU", Value: fmt.Sprintf("4509 %06d", i)},
			{Kind: "national_id", Country: "RU", Value: fmt.Sprintf("4509%06d", i)}} // the same key twice
		if i%50 == 7 {
			r.LegalBasis = "" // invalid
		}
		rs = append(rs, r)
	}
	errs := bc.CreateRestrictions(ctx, rs)
	valid := 0
	for i, err := range errs {
		if i%50 == 7 {
			if trex.ErrorCode(err) != trex.EINVALID {
				t.Errorf("restriction %d without a legal basis: %v, want EINVALID", i, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("restriction %d: %v", i, err)
		}
		valid++
		if got, err := db.FindRestriction(ctx, rs[i].ID); err != nil || got.Version != 1 {
			t.Fatalf("restriction %d not stored: %+v, %v", i, got, err)
		}
	}
	got, err := db.RestrictionsOf(ctx, "national_id:RU:4509000123")
	if err != nil || len(got) != 1 || got[0].ID != rs[123].ID {
		t.Errorf("restriction 123 by its identifier: %+v, %v", got, err)
	}
	pending, err := db.PendingChanges(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != valid {
		t.Fatalf("%d changes in the outbox, want %d", len(pending), valid)
	}
	j := 0
	for i, r := range rs {
		if i%50 == 7 {
			continue
		}
		if pending[j].Restriction.ID != r.ID {
			t.Fatalf("outbox entry %d is %s, want %s: the outbox is not in the order given", j, pending[j].Restriction.ID, r.ID)
		}
		j++
	}
}
