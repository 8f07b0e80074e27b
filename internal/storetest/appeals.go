package storetest

import (
	"context"
	"testing"
	"time"

	"trex"
)

// appeals: one pending appeal per restriction; the queue is an
// authority's own, most urgent (overdue) first; a decision is final.
func appeals(t *testing.T, db Store) {
	ctx := context.Background()
	as, ok := db.(trex.AppealService)
	if !ok {
		t.Fatalf("%T does not implement trex.AppealService", db)
	}
	now := time.Now().UTC()
	mk := func(authority string) *trex.Restriction {
		r := NewRestriction(now.Add(24 * time.Hour))
		r.Authority = authority
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r1, r2, r3 := mk("district-court"), mk("district-court"), mk("bailiff-service")
	file := func(r *trex.Restriction, due time.Time) *trex.Appeal {
		a := &trex.Appeal{RestrictionID: r.ID, Authority: r.Authority, Kind: r.Kind, Reason: "not me", DueAt: due}
		if err := as.FileAppeal(ctx, a); err != nil {
			t.Fatal(err)
		}
		if a.ID == "" || a.Status != trex.AppealPending {
			t.Fatalf("filed %+v", a)
		}
		return a
	}
	fresh := file(r1, now.Add(10*24*time.Hour))
	overdue := file(r2, now.Add(-time.Hour))
	file(r3, now.Add(-2*time.Hour))
	if err := as.FileAppeal(ctx, &trex.Appeal{RestrictionID: r1.ID, Authority: r1.Authority, Kind: r1.Kind, Reason: "again", DueAt: now}); trex.ErrorCode(err) != trex.ECONFLICT {
		t.Errorf("second pending appeal: %v, want ECONFLICT", err)
	}
	if err := as.FileAppeal(ctx, &trex.Appeal{RestrictionID: r1.ID, Authority: r1.Authority, Reason: " "}); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("appeal without reason: %v, want EINVALID", err)
	}
	q, err := as.AppealQueue(ctx, "district-court", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 2 || q[0].ID != overdue.ID || q[1].ID != fresh.ID {
		t.Fatalf("queue = %+v, want the overdue appeal first, then the fresh one, and no other authority's", q)
	}
	if n, err := as.OverdueAppeals(ctx, now); err != nil || n != 2 {
		t.Errorf("overdue = %d, %v; want 2", n, err)
	}
	if _, err := as.DecideAppeal(ctx, overdue.ID, "maybe", "x"); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("decide with unknown outcome: %v, want EINVALID", err)
	}
	got, err := as.DecideAppeal(ctx, overdue.ID, trex.AppealLifted, "the call-up was annulled")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != trex.AppealLifted || got.DecidedAt == nil || got.DecisionReason != "the call-up was annulled" {
		t.Errorf("decided %+v", got)
	}
	if _, err := as.DecideAppeal(ctx, overdue.ID, trex.AppealUpheld, "changed my mind"); trex.ErrorCode(err) != trex.ECONFLICT {
		t.Errorf("second decision: %v, want ECONFLICT", err)
	}
	if _, err := as.DecideAppeal(ctx, "ANOSUCH", trex.AppealUpheld, "x"); trex.ErrorCode(err) != trex.ENOTFOUND {
		t.Errorf("decide unknown: %v, want ENOTFOUND", err)
	}
	if q, _ := as.AppealQueue(ctx, "district-court", 10); len(q) != 1 || q[0].ID != fresh.ID {
		t.Errorf("queue after decision = %+v", q)
	}
	of, err := as.AppealsOf(ctx, []string{r1.ID, r2.ID})
	if err != nil || len(of) != 2 {
		t.Fatalf("appeals of = %+v, %v", of, err)
	}
	if of, err := as.AppealsOf(ctx, nil); err != nil || len(of) != 0 {
		t.Errorf("appeals of nothing = %+v, %v", of, err)
	}
	// A decided appeal does not block a new one.
	file(r2, now.Add(time.Hour))
}

// byNumber: a national number given without its country finds the
// person's restrictions in any country, and only that kind and number.
func byNumber(t *testing.T, db Store) {
	ctx := context.Background()
	f, ok := db.(trex.SubjectFinder)
	if !ok {
		t.Fatalf("%T does not implement trex.SubjectFinder", db)
	}
	r := NewRestriction(time.Now().Add(time.Hour))
	r.Person.Identifiers = []trex.Identifier{{Kind: "national_id", Country: "RU", Value: "4509 123456"}, {Kind: "internal_passport", Value: "45 09 777777"}}
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := f.RestrictionsByNumber(ctx, "national_id", "4509-123456")
	if err != nil || len(got) != 1 || got[0].ID != r.ID {
		t.Fatalf("by number = %v, %v", got, err)
	}
	for _, q := range [][2]string{{"national_id", "4509 12345"}, {"national_id", "450_123456"}, {"internal_passport", "4509123456"}, {"national%", "4509123456"}} {
		if got, err := f.RestrictionsByNumber(ctx, q[0], q[1]); err != nil || len(got) != 0 {
			t.Errorf("by number %q %q = %d restrictions, %v; want none", q[0], q[1], len(got), err)
		}
	}
}
