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

// batchReceipts: receipts recorded together are judged each as one alone
// would be: a published version's is stored once (a duplicate is no
// error), one for a version never published is a conflict.
func batchReceipts(t *testing.T, db Store) {
	br, ok := db.(trex.BatchReceipts)
	if !ok {
		t.Skip("the store does not record receipts in batches")
	}
	ctx := context.Background()
	a, b := NewRestriction(time.Now().Add(time.Hour)), NewRestriction(time.Now().Add(time.Hour))
	for _, r := range []*trex.Restriction{a, b} {
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	pending, err := db.PendingChanges(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MarkPublished(ctx, pending[0].Seq); err != nil { // a's create only
		t.Fatal(err)
	}
	now := time.Now().UTC()
	errs := br.RecordReceipts(ctx, []trex.Receipt{
		{RestrictionID: a.ID, Version: 1, Node: "cp-1", Status: trex.StatusActive, AppliedAt: now},
		{RestrictionID: a.ID, Version: 1, Node: "cp-1", Status: trex.StatusActive, AppliedAt: now}, // duplicate
		{RestrictionID: b.ID, Version: 1, Node: "cp-1", Status: trex.StatusActive, AppliedAt: now}, // not published
		{RestrictionID: a.ID, Version: 1, Node: "cp-2", Status: trex.StatusLifted, AppliedAt: now}, // status from the registry
	})
	if errs[0] != nil || errs[1] != nil || trex.ErrorCode(errs[2]) != trex.ECONFLICT || errs[3] != nil {
		t.Fatalf("errors %v; want nil, nil, ECONFLICT, nil", errs)
	}
	got, err := db.Receipts(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("receipts of a: %+v, want one per node", got)
	}
	for _, rc := range got {
		if rc.Status != trex.StatusActive {
			t.Errorf("receipt %+v: the status must be the published version's", rc)
		}
	}
	if got, _ := db.Receipts(ctx, b.ID); len(got) != 0 {
		t.Errorf("receipts of the unpublished b: %+v", got)
	}
}
