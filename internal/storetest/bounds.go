package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"trex"
)

// dateBounds: dates beyond what a kind allows are refused (they used to be
// stored wrapped around, 2300 read back as 1715, and expired at once), and
// dates within bounds read back exactly (to the microsecond).
func dateBounds(t *testing.T, db Store) {
	ctx := context.Background()
	for _, until := range []time.Time{
		time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Now().AddDate(100, 0, 0),
	} {
		r := NewRestriction(until)
		err := db.CreateRestriction(ctx, r)
		if err == nil {
			got, _ := db.FindRestriction(ctx, r.ID)
			t.Errorf("valid_until %s accepted, read back as %v", until.Format(time.RFC3339), got.ValidUntil)
			continue
		}
		if trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("valid_until %s: err = %v, want EINVALID", until.Format(time.RFC3339), err)
		}
	}
	if pending, _ := db.PendingChanges(ctx, 10); len(pending) != 0 {
		t.Errorf("refused dates left %d outbox rows", len(pending))
	}
	court, _ := trex.DefaultKinds().Lookup(trex.KindCourtOrder)
	from := time.Now().Add(-24 * time.Hour).Truncate(time.Microsecond)
	r := NewRestriction(from.Add(court.MaxDuration()))
	r.ValidFrom = from
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatalf("the longest window the kind allows: %v", err)
	}
	got, err := db.FindRestriction(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.ValidFrom.Equal(from) || !got.ValidUntil.Equal(r.ValidUntil) {
		t.Errorf("window stored as %v – %v, want %v – %v", got.ValidFrom, got.ValidUntil, from, r.ValidUntil)
	}
	if n, err := db.ExpireDue(ctx, time.Now()); err != nil || n != 0 {
		t.Errorf("a restriction years from its end expired: %d, %v", n, err)
	}
	long := NewRestriction(from.Add(court.MaxDuration() + time.Second))
	long.ValidFrom = from
	if err := db.CreateRestriction(ctx, long); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("one second longer than the kind allows: err = %v, want EINVALID", err)
	}
	odd := NewRestriction(time.Now().Add(time.Hour))
	odd.Kind = "because"
	if err := db.CreateRestriction(ctx, odd); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("free-text kind: err = %v, want EINVALID", err)
	}
}

// scheduled: a restriction whose valid_from is ahead is stored active (the
// lifecycle status that the exchange carries) and reported scheduled until
// valid_from; it can be lifted, and expires by its end date as any other.
func scheduled(t *testing.T, db Store) {
	ctx := context.Background()
	now := time.Now()
	r := NewRestriction(now.Add(48 * time.Hour))
	r.ValidFrom = now.Add(time.Hour)
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindRestriction(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != trex.StatusActive || got.StatusAt(now) != trex.StatusScheduled || got.InForce(now) {
		t.Errorf("before valid_from: stored %s, reported %s, in force %v; want active, scheduled, not in force",
			got.Status, got.StatusAt(now), got.InForce(now))
	}
	if at := got.ValidFrom; got.StatusAt(at) != trex.StatusActive || !got.InForce(at) {
		t.Errorf("at valid_from: reported %s, in force %v", got.StatusAt(at), got.InForce(at))
	}
	if n, _ := db.ExpireDue(ctx, now.Add(2*time.Hour)); n != 0 {
		t.Errorf("a scheduled restriction expired before its end")
	}
	if n, err := db.ExpireDue(ctx, now.Add(49*time.Hour)); err != nil || n != 1 {
		t.Errorf("after its end: expired %d, %v; want 1", n, err)
	}
	other := NewRestriction(now.Add(48 * time.Hour))
	other.ValidFrom = now.Add(time.Hour)
	if err := db.CreateRestriction(ctx, other); err != nil {
		t.Fatal(err)
	}
	if lifted, err := db.LiftRestriction(ctx, other.ID, "decision quashed"); err != nil || lifted.StatusAt(now) != trex.StatusLifted {
		t.Errorf("lift a scheduled restriction: %+v, %v", lifted, err)
	}
}

// subjectOrder: a subject sees their restrictions newest first, and only
// those whose identifier has their kind, country and number, letter for
// letter.
func subjectOrder(t *testing.T, db Store) {
	ctx := context.Background()
	mk := func(id trex.Identifier) *trex.Restriction {
		r := NewRestriction(time.Now().Add(time.Hour))
		r.Person.Identifiers = []trex.Identifier{id}
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // distinct creation times, even at microsecond precision
		return r
	}
	mine := trex.Identifier{Kind: "birth_certificate", Country: "RU", Value: "IV-АБ 654321"}
	var want []string
	for i := 0; i < 5; i++ {
		want = append([]string{mk(mine).ID}, want...)
	}
	strangers := []trex.Identifier{
		{Kind: "birth_certificate", Country: "RU", Value: "IV-МЮ 654321"},
		{Kind: "national_id", Country: "RU", Value: "IV-АБ 654321"},
		{Kind: "birth_certificate", Country: "BY", Value: "IV-АБ 654321"},
		{Kind: "birth_certificate", Value: "IV-АБ 654321"},
	}
	for _, id := range strangers {
		mk(id)
	}
	got, err := db.RestrictionsOf(ctx, "birth_certificate:RU:iv-аб 654321")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
		if r.Person.Names[0].Surname == "" {
			t.Errorf("restriction %s came back without its person", r.ID)
		}
	}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("subject sees %v, want their own newest first %v", ids, want)
	}
	if _, err := db.RestrictionsOf(ctx, "no:such:form:here"); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("malformed subject: err = %v, want EINVALID", err)
	}
}

// expiryBatch: one sweep expires every due restriction and writes one
// change for each.
func expiryBatch(t *testing.T, db Store) {
	ctx := context.Background()
	now := time.Now()
	var due []string
	for i := 0; i < 5; i++ {
		r := NewRestriction(now.Add(time.Duration(i+1) * time.Second))
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
		due = append(due, r.ID)
	}
	later := NewRestriction(now.Add(time.Hour))
	if err := db.CreateRestriction(ctx, later); err != nil {
		t.Fatal(err)
	}
	drain(t, db)
	n, err := db.ExpireDue(ctx, now.Add(time.Minute))
	if err != nil || n != len(due) {
		t.Fatalf("expired %d, %v; want %d", n, err, len(due))
	}
	for _, id := range due {
		if r, _ := db.FindRestriction(ctx, id); r.Status != trex.StatusExpired || r.Version != 2 {
			t.Errorf("%s is %s v%d after the sweep", id, r.Status, r.Version)
		}
	}
	if r, _ := db.FindRestriction(ctx, later.ID); r.Status != trex.StatusActive {
		t.Errorf("a restriction not yet due is %s", r.Status)
	}
	if pending, _ := db.PendingChanges(ctx, 100); len(pending) != len(due) {
		t.Errorf("outbox holds %d expiry changes, want %d", len(pending), len(due))
	}
}

// drain marks every pending change published.
func drain(t *testing.T, db Store) {
	t.Helper()
	ctx := context.Background()
	pending, err := db.PendingChanges(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range pending {
		if err := db.MarkPublished(ctx, c.Seq); err != nil {
			t.Fatal(err)
		}
	}
}

// ExpiryOutlivesABadRow checks that a due restriction the store cannot
// read (corrupt damages the stored row of the given ID) is skipped and
// reported while the other due restrictions of the same sweep expire.
func ExpiryOutlivesABadRow(t *testing.T, db Store, corrupt func(tb testing.TB, id string)) {
	ctx := context.Background()
	now := time.Now()
	var ids []string
	for i := 0; i < 3; i++ {
		r := NewRestriction(now.Add(time.Duration(i+1) * time.Second))
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	drain(t, db)
	bad := ids[1]
	corrupt(t, bad)
	n, err := db.ExpireDue(ctx, now.Add(time.Minute))
	if n != 2 {
		t.Errorf("expired %d, want the 2 good ones", n)
	}
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("err = %v, want one that names %s", err, bad)
	}
	for _, id := range []string{ids[0], ids[2]} {
		if r, err := db.FindRestriction(ctx, id); err != nil || r.Status != trex.StatusExpired {
			t.Errorf("%s after the sweep: %+v, %v", id, r, err)
		}
	}
	pending, _ := db.PendingChanges(ctx, 100)
	if len(pending) != 2 {
		t.Errorf("outbox holds %d changes, want the 2 expiries", len(pending))
	}
	for _, c := range pending {
		if c.Restriction.ID == bad {
			t.Errorf("the bad row's expiry reached the outbox")
		}
	}
}
