package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"trex"
)

// reviewKinds are the default kinds with court orders reviewed every 30
// days and lapsing unreviewed, and debt enforcement reviewed without lapse.
func reviewKinds() trex.Kinds {
	ks := trex.DefaultKinds()
	for i := range ks {
		switch ks[i].Name {
		case trex.KindCourtOrder:
			ks[i].ReviewDays, ks[i].LapseUnreviewed, ks[i].RetainDays = 30, true, 10
		case trex.KindDebtEnforcement:
			ks[i].ReviewDays = 30
		}
	}
	return ks
}

// reviewAndLapse: a restriction of a reviewed kind is on its issuer's
// queue once its review is due (and on no other issuer's); a review takes
// it off; one left unreviewed past its date lapses into a lift that goes
// to the outbox, unless its kind does not lapse.
func reviewAndLapse(t *testing.T, db Store) {
	ctx := context.Background()
	db.UseKinds(reviewKinds())
	now := time.Now()
	reviewed := NewRestriction(now.Add(300 * 24 * time.Hour))
	ignored := NewRestriction(now.Add(300 * 24 * time.Hour))
	kept := NewRestriction(now.Add(300 * 24 * time.Hour))
	kept.Kind = trex.KindDebtEnforcement
	unreviewed := NewRestriction(now.Add(300 * 24 * time.Hour))
	unreviewed.Kind = trex.KindMilitaryCallUp
	for _, r := range []*trex.Restriction{reviewed, ignored, kept, unreviewed} {
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if reviewed.ReviewDue.IsZero() || !unreviewed.ReviewDue.IsZero() {
		t.Fatalf("review due %v and %v; want a date for a reviewed kind only", reviewed.ReviewDue, unreviewed.ReviewDue)
	}
	if q, err := db.ReviewQueue(ctx, "district-court", now, 10); err != nil || len(q) != 0 {
		t.Fatalf("queue before any review is due = %d, %v", len(q), err)
	}
	due := now.Add(31 * 24 * time.Hour)
	q, err := db.ReviewQueue(ctx, "district-court", due, 10)
	if err != nil || len(q) != 3 {
		t.Fatalf("queue when due = %d, %v; want 3", len(q), err)
	}
	if q, _ := db.ReviewQueue(ctx, "bailiff-service", due, 10); len(q) != 0 {
		t.Errorf("another authority sees %d reviews", len(q))
	}
	if _, err := db.ReviewRestriction(ctx, unreviewed.ID, due); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("reviewing a kind without review: %v", err)
	}
	r, err := db.ReviewRestriction(ctx, reviewed.ID, now.Add(20*24*time.Hour))
	if err != nil || !r.ReviewDue.After(due) {
		t.Fatalf("reviewed: %+v, %v", r, err)
	}
	if q, _ := db.ReviewQueue(ctx, "district-court", due, 10); len(q) != 2 {
		t.Errorf("queue after one review = %d, want 2", len(q))
	}
	drain(t, db)
	n, err := db.LapseUnreviewed(ctx, due)
	if err != nil || n != 1 {
		t.Fatalf("lapsed %d, %v; want 1", n, err)
	}
	got, _ := db.FindRestriction(ctx, ignored.ID)
	if got.Status != trex.StatusLifted || got.Version != 2 || !strings.HasPrefix(got.LiftReason, "lapsed") {
		t.Errorf("unreviewed restriction is %s v%d (%q), want lifted v2 as lapsed", got.Status, got.Version, got.LiftReason)
	}
	for _, id := range []string{reviewed.ID, kept.ID, unreviewed.ID} {
		if got, _ := db.FindRestriction(ctx, id); got.Status != trex.StatusActive {
			t.Errorf("%s is %s, want still active", id, got.Status)
		}
	}
	pending, _ := db.PendingChanges(ctx, 10)
	if len(pending) != 1 || pending[0].Restriction.ID != ignored.ID || pending[0].Restriction.Status != trex.StatusLifted {
		t.Errorf("outbox after the lapse = %+v, want the lift", pending)
	}
}

// purgeEnded: once its kind's retention has run, an ended restriction is
// a tombstone (no person, legal basis or subject keys; no receipts; only
// the tombstone in the outbox), and an active or recent one is untouched.
func purgeEnded(t *testing.T, db Store) {
	ctx := context.Background()
	db.UseKinds(reviewKinds())
	now := time.Now()
	gone := NewRestriction(now.Add(time.Hour))
	recent := NewRestriction(now.Add(time.Hour))
	recent.Kind = trex.KindDebtEnforcement // retained DefaultRetainDays
	active := NewRestriction(now.Add(time.Hour))
	active.Person.Identifiers = []trex.Identifier{{Kind: "national_id", Value: "1111 222222"}}
	for _, r := range []*trex.Restriction{gone, recent, active} {
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []*trex.Restriction{gone, recent} {
		if _, err := db.LiftRestriction(ctx, r.ID, "settled"); err != nil {
			t.Fatal(err)
		}
	}
	drain(t, db)
	if err := db.RecordReceipt(ctx, trex.Receipt{RestrictionID: gone.ID, Version: 2, Node: "b1", Status: trex.StatusLifted, AppliedAt: now}); err != nil {
		t.Fatal(err)
	}
	access, hasAccess := db.(trex.AccessLog)
	appeals, hasAppeals := db.(trex.AppealService)
	if hasAppeals {
		a := &trex.Appeal{RestrictionID: gone.ID, Authority: gone.Authority, Kind: gone.Kind, Reason: "I was never served", DueAt: now.Add(24 * time.Hour)}
		if err := appeals.FileAppeal(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	notices, hasNotices := db.(trex.NoticeOutbox)
	if hasNotices {
		if err := notices.EnqueueNotices(ctx, []trex.Notice{{Event: trex.NoticeLifted, Recipient: trex.RecipientPerson, Authority: gone.Authority,
			Subjects: []string{"national_id::4509123456"}, RestrictionID: gone.ID, Kind: gone.Kind, At: now}}); err != nil {
			t.Fatal(err)
		}
	}
	if hasAccess {
		if err := access.RecordAccess(ctx, trex.AccessEvent{Who: "district-court", WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead, RestrictionID: gone.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if purged, err := db.PurgeEnded(ctx, now.Add(9*24*time.Hour)); err != nil || len(purged) != 0 {
		t.Fatalf("purged %d before the retention ran, %v", len(purged), err)
	}
	purged, err := db.PurgeEnded(ctx, now.Add(11*24*time.Hour))
	if err != nil || len(purged) != 1 || purged[0].ID != gone.ID || purged[0].Status != trex.StatusPurged || purged[0].Version != 3 {
		t.Fatalf("purged %+v, %v; want the tombstone of %s at v3", purged, err, gone.ID)
	}
	got, err := db.FindRestriction(ctx, gone.ID)
	if err != nil || got.Status != trex.StatusPurged || len(got.Person.Names) != 0 || len(got.Person.Identifiers) != 0 || got.LegalBasis != "" || got.LiftReason != "" {
		t.Errorf("after the purge the registry holds %+v, %v", got, err)
	}
	if rs, _ := db.Receipts(ctx, gone.ID); len(rs) != 0 {
		t.Errorf("receipts kept: %+v", rs)
	}
	if hasAppeals {
		if as, err := appeals.AppealsOf(ctx, []string{gone.ID}); err != nil || len(as) != 0 {
			t.Errorf("the appeals of a purged restriction kept %+v, %v", as, err)
		}
	}
	if hasNotices {
		due, err := notices.DueNotices(ctx, now.Add(365*24*time.Hour), 100)
		for _, n := range due {
			if n.RestrictionID == gone.ID {
				t.Errorf("a notice of a purged restriction kept: %+v, %v", n, err)
			}
		}
	}
	if hasAccess {
		if ev, err := access.AccessEvents(ctx, []string{gone.ID}); err != nil || len(ev) != 0 {
			t.Errorf("the access log of a purged restriction kept %+v, %v", ev, err)
		}
	}
	if mine, _ := db.RestrictionsOf(ctx, "4509-123456"); len(mine) != 1 || mine[0].ID != recent.ID {
		t.Errorf("the subject keys still find %+v", mine)
	}
	pending, _ := db.PendingChanges(ctx, 10)
	if len(pending) != 1 || pending[0].Restriction.Status != trex.StatusPurged || len(pending[0].Restriction.Person.Names) != 0 {
		t.Errorf("outbox after the purge = %+v, want only the tombstone", pending)
	}
	if u, _ := db.UndeliveredChanges(ctx, gone.ID); len(u) != 1 || u[0].Version != 3 {
		t.Errorf("outbox rows of the purged restriction = %+v, want the tombstone only", u)
	}
	if again, _ := db.PurgeEnded(ctx, now.Add(11*24*time.Hour)); len(again) != 0 {
		t.Errorf("a tombstone was purged again: %+v", again)
	}
	for _, id := range []string{recent.ID, active.ID} {
		if got, _ := db.FindRestriction(ctx, id); got.Status == trex.StatusPurged {
			t.Errorf("%s purged before its time", id)
		}
	}
}
