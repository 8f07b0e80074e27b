package storetest

import (
	"context"
	"testing"
	"time"

	"trex"
)

// NoticeOutbox is the contract of trex.NoticeOutbox: every restriction
// change is turned into notices to the person and the authority exactly
// once, and a notice stays due until it is marked sent. setNow replaces
// the store's clock (a store may wait until a change has settled).
func NoticeOutbox(t *testing.T, db Store, setNow func(func() time.Time)) {
	ctx := context.Background()
	nb, ok := db.(trex.NoticeOutbox)
	if !ok {
		t.Fatalf("%T does not implement trex.NoticeOutbox", db)
	}
	later := func() { setNow(func() time.Time { return time.Now().Add(time.Minute) }) }
	setNow(time.Now)
	r := NewRestriction(time.Now().Add(time.Hour))
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	short := NewRestriction(time.Now().Add(time.Hour))
	if err := db.CreateRestriction(ctx, short); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LiftRestriction(ctx, r.ID, "annulled"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExpireDue(ctx, time.Now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	later()
	n, err := nb.NoticesFromChanges(ctx, 100)
	if err != nil || n != 4 {
		t.Fatalf("notices from changes: took %d, %v; want the 4 changes", n, err)
	}
	if n, err := nb.NoticesFromChanges(ctx, 100); err != nil || n != 0 {
		t.Errorf("again: took %d, %v; want none (each change once)", n, err)
	}
	due, err := nb.DueNotices(ctx, time.Now().Add(time.Minute), 100)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, x := range due {
		count[x.Event+"/"+x.Recipient]++
		if x.ID == "" || x.Authority != "district-court" {
			t.Errorf("notice %+v", x)
		}
		if x.Recipient == trex.RecipientPerson && (len(x.Subjects) != 1 || x.Subjects[0] != "national_id::4509123456") {
			t.Errorf("person's notice names %v, want their identifier", x.Subjects)
		}
	}
	want := map[string]int{"restriction.created/person": 2, "restriction.created/authority": 2, "restriction.lifted/person": 1,
		"restriction.lifted/authority": 1, "restriction.expired/person": 1, "restriction.expired/authority": 1}
	for k, v := range want {
		if count[k] != v {
			t.Errorf("%s: %d notices, want %d (all: %v)", k, count[k], v, count)
		}
	}
	if err := nb.MarkNoticeSent(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}
	retry := time.Now().Add(time.Hour)
	if err := nb.DeferNotice(ctx, due[1].ID, "gateway down", retry); err != nil {
		t.Fatal(err)
	}
	now, err := nb.DueNotices(ctx, time.Now().Add(time.Minute), 100)
	if err != nil || len(now) != len(due)-2 {
		t.Errorf("due after one sent and one deferred: %d, %v; want %d", len(now), err, len(due)-2)
	}
	if after, _ := nb.DueNotices(ctx, retry.Add(time.Second), 100); len(after) != len(due)-1 {
		t.Errorf("due after the retry time: %d, want %d", len(after), len(due)-1)
	}
	extra := []trex.Notice{{Event: trex.NoticeAppealFiled, Recipient: trex.RecipientAuthority, Authority: "district-court", RestrictionID: r.ID, AppealID: "A1"}}
	if err := nb.EnqueueNotices(ctx, extra); err != nil || extra[0].ID == "" {
		t.Fatalf("enqueue: %v %+v", err, extra)
	}
	if after, _ := nb.DueNotices(ctx, time.Now().Add(time.Minute), 100); len(after) != len(due)-1 {
		t.Errorf("due after enqueueing one: %d, want %d", len(after), len(due)-1)
	}
	// Only delivered notices are purged, and only those delivered before.
	if n, err := nb.PurgeSentNotices(ctx, time.Now()); err != nil || n != 0 {
		t.Errorf("purge before the delivery: %d, %v; want 0", n, err)
	}
	if n, err := nb.PurgeSentNotices(ctx, time.Now().Add(time.Hour)); err != nil || n != 1 {
		t.Errorf("purge after the delivery: %d, %v; want the one sent", n, err)
	}
	if after, _ := nb.DueNotices(ctx, time.Now().Add(time.Minute), 100); len(after) != len(due)-1 {
		t.Errorf("purge took undelivered notices: %d due, want %d", len(after), len(due)-1)
	}
}
