// Package storetest is the contract every registry store (sqlite,
// postgres) must meet: the same tests, run against each real database.
package storetest

import (
	"context"
	"testing"
	"time"

	"trex"
)

// Store is what a registry store implements.
type Store interface {
	trex.RestrictionService
	trex.Outbox
	trex.TokenService
	trex.SubjectService
	trex.LifecycleService
	// UseKinds sets the kinds of restriction the store accepts.
	UseKinds(trex.Kinds)
}

// Run runs the contract against fresh, empty stores made by open.
func Run(t *testing.T, open func(testing.TB) Store) {
	t.Run("CreateWritesRestrictionAndOutboxTogether", func(t *testing.T) { createWritesOutbox(t, open(t)) })
	t.Run("InvalidRestrictionWritesNothing", func(t *testing.T) { invalidWritesNothing(t, open(t)) })
	t.Run("LiftAndExpireBumpVersions", func(t *testing.T) { liftAndExpire(t, open(t)) })
	t.Run("ReceiptsAreRecordedOnce", func(t *testing.T) { receipts(t, open(t)) })
	t.Run("ReceiptsOnlyForPublishedVersions", func(t *testing.T) { receiptsOnlyForPublished(t, open(t)) })
	t.Run("ParkedChangeHoldsBackOnlyItsRestriction", func(t *testing.T) { parked(t, open(t)) })
	t.Run("TokensAreHashedExpiringAndRevocable", func(t *testing.T) { tokens(t, open(t)) })
	t.Run("SubjectFindsOnlyTheirRestrictions", func(t *testing.T) { subject(t, open(t)) })
	t.Run("DatesAreBoundedAndKeptExactly", func(t *testing.T) { dateBounds(t, open(t)) })
	t.Run("ScheduledIsReportedNotStored", func(t *testing.T) { scheduled(t, open(t)) })
	t.Run("SubjectAccessIsNewestFirstAndExact", func(t *testing.T) { subjectOrder(t, open(t)) })
	t.Run("ExpiryIsOneBatch", func(t *testing.T) { expiryBatch(t, open(t)) })
	t.Run("ReviewQueueAndLapse", func(t *testing.T) { reviewAndLapse(t, open(t)) })
	t.Run("PurgeLeavesOnlyATombstone", func(t *testing.T) { purgeEnded(t, open(t)) })
	t.Run("AppealsQueueUrgentFirstAndDecideOnce", func(t *testing.T) { appeals(t, open(t)) })
	t.Run("SubjectFoundByNumberInAnyCountry", func(t *testing.T) { byNumber(t, open(t)) })
	t.Run("BatchCreateFailsOnlyTheInvalid", func(t *testing.T) { batchCreate(t, open(t)) })
	t.Run("BatchReceiptsAreJudgedEach", func(t *testing.T) { batchReceipts(t, open(t)) })
}

// NewRestriction returns a valid restriction ending at until.
func NewRestriction(until time.Time) *trex.Restriction {
	return &trex.Restriction{
		Person: trex.Person{
			Names:       []trex.Name{{Surname: "Иванов", Given: "Сергей", Patronymic: "Петрович"}},
			BirthDate:   trex.MustPartialDate("1980-03-04"),
			Sex:         trex.SexMale,
			Identifiers: []trex.Identifier{{Kind: "national_id", Value: "4509 123456"}},
		},
		Kind: trex.KindCourtOrder, LegalBasis: "Case 1-1/2026", Authority: "district-court", ValidUntil: until,
	}
}

func createWritesOutbox(t *testing.T, db Store) {
	ctx := context.Background()
	r := NewRestriction(time.Now().Add(time.Hour))
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	if r.ID == "" || r.Version != 1 || r.Status != trex.StatusActive {
		t.Fatalf("created %+v", r)
	}
	got, err := db.FindRestriction(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Person.Names[0].Surname != "Иванов" || got.Person.BirthDate.String() != "1980-03-04" || got.LegalBasis != r.LegalBasis ||
		!got.ValidUntil.Equal(r.ValidUntil.Truncate(time.Microsecond)) && !got.ValidUntil.Equal(r.ValidUntil) {
		t.Errorf("round trip lost data: %+v", got)
	}
	if _, err := db.FindRestriction(ctx, "RNOSUCH"); trex.ErrorCode(err) != trex.ENOTFOUND {
		t.Errorf("find unknown: %v, want ENOTFOUND", err)
	}
	pending, err := db.PendingChanges(ctx, 10)
	if err != nil || len(pending) != 1 || pending[0].Restriction.ID != r.ID || pending[0].Restriction.Version != 1 {
		t.Fatalf("outbox = %+v, %v", pending, err)
	}
	if err := db.MarkPublished(ctx, pending[0].Seq); err != nil {
		t.Fatal(err)
	}
	if pending, _ := db.PendingChanges(ctx, 10); len(pending) != 0 {
		t.Errorf("published change still pending: %+v", pending)
	}
}

func invalidWritesNothing(t *testing.T, db Store) {
	ctx := context.Background()
	cases := map[string]func(*trex.Restriction){
		"no legal basis":   func(r *trex.Restriction) { r.LegalBasis = " " },
		"no end date":      func(r *trex.Restriction) { r.ValidUntil = time.Time{} },
		"end in the past":  func(r *trex.Restriction) { r.ValidUntil = time.Now().Add(-time.Minute) },
		"end before start": func(r *trex.Restriction) { r.ValidFrom = r.ValidUntil.Add(time.Hour) },
		"no name":          func(r *trex.Restriction) { r.Person.Names = nil },
		"no kind":          func(r *trex.Restriction) { r.Kind = "" },
		"no authority":     func(r *trex.Restriction) { r.Authority = "" },
		"free-text kind":   func(r *trex.Restriction) { r.Kind = "because" },
		"surname only":     func(r *trex.Restriction) { r.Person.Names = []trex.Name{{Surname: "Иванов"}} },
		"name alone": func(r *trex.Restriction) {
			r.Person.BirthDate, r.Person.Identifiers = trex.PartialDate{}, nil
		},
		"ends past 2262": func(r *trex.Restriction) { r.ValidUntil = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) },
	}
	for name, mutate := range cases {
		r := NewRestriction(time.Now().Add(time.Hour))
		mutate(r)
		if err := db.CreateRestriction(ctx, r); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
	if pending, _ := db.PendingChanges(ctx, 10); len(pending) != 0 {
		t.Errorf("refused restrictions left %d outbox rows", len(pending))
	}
}

func liftAndExpire(t *testing.T, db Store) {
	ctx := context.Background()
	a := NewRestriction(time.Now().Add(time.Hour))
	b := NewRestriction(time.Now().Add(2 * time.Second))
	for _, r := range []*trex.Restriction{a, b} {
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	lifted, err := db.LiftRestriction(ctx, a.ID, "appeal granted")
	if err != nil || lifted.Version != 2 || lifted.Status != trex.StatusLifted || lifted.LiftReason != "appeal granted" {
		t.Fatalf("lift = %+v, %v", lifted, err)
	}
	if _, err := db.LiftRestriction(ctx, a.ID, "again"); trex.ErrorCode(err) != trex.ECONFLICT {
		t.Errorf("second lift err = %v, want ECONFLICT", err)
	}
	if _, err := db.LiftRestriction(ctx, "RNOPE", "x"); trex.ErrorCode(err) != trex.ENOTFOUND {
		t.Errorf("lift unknown err = %v, want ENOTFOUND", err)
	}
	if _, err := db.LiftRestriction(ctx, b.ID, ""); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("lift without reason err = %v, want EINVALID", err)
	}
	n, err := db.ExpireDue(ctx, time.Now().Add(3*time.Second))
	if err != nil || n != 1 {
		t.Fatalf("expired %d, %v; want 1", n, err)
	}
	got, _ := db.FindRestriction(ctx, b.ID)
	if got.Status != trex.StatusExpired || got.Version != 2 {
		t.Errorf("expired restriction = %s v%d", got.Status, got.Version)
	}
	if n, _ := db.ExpireDue(ctx, time.Now().Add(3*time.Second)); n != 0 {
		t.Errorf("second sweep expired %d again", n)
	}
	pending, _ := db.PendingChanges(ctx, 10)
	if len(pending) != 4 { // two creates, one lift, one expiry
		t.Fatalf("outbox holds %d changes, want 4", len(pending))
	}
	for i := 1; i < len(pending); i++ {
		if pending[i].Seq <= pending[i-1].Seq {
			t.Errorf("outbox out of order: %d after %d", pending[i].Seq, pending[i-1].Seq)
		}
	}
	if last := pending[3].Restriction; last.ID != b.ID || last.Status != trex.StatusExpired {
		t.Errorf("last change = %s %s, want the expiry of %s", last.ID, last.Status, b.ID)
	}
}

func receipts(t *testing.T, db Store) {
	ctx := context.Background()
	r := NewRestriction(time.Now().Add(time.Hour))
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	publishAll(t, db)
	at := time.Now().UTC().Truncate(time.Microsecond)
	rc := trex.Receipt{RestrictionID: r.ID, Version: 1, Node: "checkpoint-1", Status: trex.StatusActive, AppliedAt: at}
	for i := 0; i < 2; i++ {
		if err := db.RecordReceipt(ctx, rc); err != nil {
			t.Fatal(err)
		}
	}
	rc2 := rc
	rc2.Node = "checkpoint-2"
	db.RecordReceipt(ctx, rc2)
	got, err := db.Receipts(ctx, r.ID)
	if err != nil || len(got) != 2 {
		t.Fatalf("receipts = %+v, %v; want one per node", got, err)
	}
	if !got[0].AppliedAt.Equal(at) || got[0].Version != 1 {
		t.Errorf("receipt = %+v", got[0])
	}
	if none, err := db.Receipts(ctx, "RNOSUCH"); err != nil || len(none) != 0 {
		t.Errorf("receipts of unknown = %+v, %v", none, err)
	}
}

func tokens(t *testing.T, db Store) {
	ctx := context.Background()
	tok := &trex.Token{Role: trex.RoleIssuer, Authority: "district-court", ExpiresAt: time.Now().Add(time.Hour)}
	secret, err := db.CreateToken(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.Authenticate(ctx, secret)
	if err != nil || p.Role != trex.RoleIssuer || p.Authority != "district-court" || p.TokenID != tok.ID {
		t.Fatalf("authenticate = %+v, %v", p, err)
	}
	if _, err := db.Authenticate(ctx, secret+"x"); trex.ErrorCode(err) != trex.EUNAUTHORIZED {
		t.Errorf("wrong secret err = %v", err)
	}
	if _, err := db.CreateToken(ctx, &trex.Token{Role: trex.RoleIssuer, ExpiresAt: time.Now().Add(time.Hour)}); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("issuer token without authority err = %v", err)
	}
	if _, err := db.CreateToken(ctx, &trex.Token{Role: trex.RoleSubject, ExpiresAt: time.Now().Add(time.Hour)}); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("subject token without subject err = %v", err)
	}
	if _, err := db.CreateToken(ctx, &trex.Token{Role: trex.RoleOfficer, ExpiresAt: time.Now().Add(-time.Hour)}); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("token expiring in the past err = %v", err)
	}
	if err := db.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Authenticate(ctx, secret); trex.ErrorCode(err) != trex.EUNAUTHORIZED {
		t.Errorf("revoked token err = %v", err)
	}
	if err := db.RevokeToken(ctx, tok.ID); trex.ErrorCode(err) != trex.ENOTFOUND {
		t.Errorf("revoking twice err = %v, want ENOTFOUND", err)
	}
	short := &trex.Token{Role: trex.RoleOfficer, ExpiresAt: time.Now().Add(50 * time.Millisecond)}
	s2, err := db.CreateToken(ctx, short)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if _, err := db.Authenticate(ctx, s2); trex.ErrorCode(err) != trex.EUNAUTHORIZED {
		t.Errorf("expired token err = %v", err)
	}
	list, _ := db.ListTokens(ctx)
	revoked := map[string]bool{}
	for _, l := range list {
		revoked[l.ID] = l.RevokedAt != nil
	}
	if len(list) != 2 || !revoked[tok.ID] || revoked[short.ID] {
		t.Errorf("list = %+v", list)
	}
}

func subject(t *testing.T, db Store) {
	ctx := context.Background()
	mine := NewRestriction(time.Now().Add(time.Hour))
	other := NewRestriction(time.Now().Add(time.Hour))
	other.Person.Identifiers = []trex.Identifier{{Value: "1111 222222"}}
	for _, r := range []*trex.Restriction{mine, other} {
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.RestrictionsOf(ctx, "4509-123456")
	if err != nil || len(got) != 1 || got[0].ID != mine.ID {
		t.Fatalf("restrictions of subject = %+v, %v", got, err)
	}
	if got, _ := db.RestrictionsOf(ctx, "0000"); len(got) != 0 {
		t.Errorf("stranger sees %+v", got)
	}
}

// publishAll marks every pending change published.
func publishAll(t *testing.T, db Store) {
	t.Helper()
	ctx := context.Background()
	pending, err := db.PendingChanges(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range pending {
		if err := db.MarkPublished(ctx, c.Seq); err != nil {
			t.Fatal(err)
		}
	}
}

func receiptsOnlyForPublished(t *testing.T, db Store) {
	ctx := context.Background()
	r := NewRestriction(time.Now().Add(time.Hour))
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Truncate(time.Microsecond)
	// Not yet published: a node cannot have applied it.
	early := trex.Receipt{RestrictionID: r.ID, Version: 1, Node: "checkpoint-1", Status: trex.StatusActive, AppliedAt: at}
	if err := db.RecordReceipt(ctx, early); trex.ErrorCode(err) != trex.ECONFLICT {
		t.Errorf("receipt for an unpublished version: err = %v, want ECONFLICT", err)
	}
	publishAll(t, db)
	if _, err := db.LiftRestriction(ctx, r.ID, "appeal granted"); err != nil {
		t.Fatal(err)
	}
	// v2 exists in the outbox but has not left; a version never made does not exist at all.
	for _, v := range []int64{2, 7} {
		rc := trex.Receipt{RestrictionID: r.ID, Version: v, Node: "checkpoint-1", Status: trex.StatusLifted, AppliedAt: at}
		if err := db.RecordReceipt(ctx, rc); trex.ErrorCode(err) != trex.ECONFLICT {
			t.Errorf("receipt for v%d: err = %v, want ECONFLICT", v, err)
		}
	}
	ghost := trex.Receipt{RestrictionID: "RNOSUCH", Version: 1, Node: "checkpoint-1", Status: trex.StatusActive, AppliedAt: at}
	if err := db.RecordReceipt(ctx, ghost); trex.ErrorCode(err) != trex.ECONFLICT {
		t.Errorf("receipt for an unknown restriction: err = %v, want ECONFLICT", err)
	}
	// v1 was published active; a node claiming it lifted does not make it so.
	lying := trex.Receipt{RestrictionID: r.ID, Version: 1, Node: "checkpoint-1", Status: trex.StatusLifted, AppliedAt: at}
	if err := db.RecordReceipt(ctx, lying); err != nil {
		t.Fatal(err)
	}
	got, err := db.Receipts(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Version != 1 || got[0].Status != trex.StatusActive {
		t.Errorf("receipts = %+v, want only v1, active as published", got)
	}
}

func parked(t *testing.T, db Store) {
	ctx := context.Background()
	a := NewRestriction(time.Now().Add(time.Hour))
	b := NewRestriction(time.Now().Add(time.Hour))
	for _, r := range []*trex.Restriction{a, b} {
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.LiftRestriction(ctx, a.ID, "appeal granted"); err != nil {
		t.Fatal(err)
	}
	pending, err := db.PendingChanges(ctx, 10)
	if err != nil || len(pending) != 3 {
		t.Fatalf("pending = %+v, %v; want a v1, b v1, a v2", pending, err)
	}
	aV1 := pending[0]
	if aV1.Restriction.ID != a.ID || aV1.Attempts != 0 {
		t.Fatalf("first pending = %s attempts %d, want %s never tried", aV1.Restriction.ID, aV1.Attempts, a.ID)
	}
	if err := db.ParkChange(ctx, aV1.Seq, "no signing key", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	pending, _ = db.PendingChanges(ctx, 10)
	if len(pending) != 1 || pending[0].Restriction.ID != b.ID {
		t.Fatalf("with a v1 parked, pending = %+v; want only b (a v2 waits behind a v1)", pending)
	}
	// The issuer sees both of a's changes waiting, the parked one with why.
	und, err := db.UndeliveredChanges(ctx, a.ID)
	if err != nil || len(und) != 2 || und[0].Version != 1 || und[0].Attempts != 1 || und[0].LastError != "no signing key" ||
		und[0].RetryAt.IsZero() || und[1].Version != 2 || und[1].Status != trex.StatusLifted || und[1].Attempts != 0 {
		t.Errorf("undelivered changes of a = %+v, %v; want v1 parked (no signing key) and the lift v2 waiting", und, err)
	}
	st, err := db.OutboxStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Depth != 3 || st.Parked != 1 || st.ParkedReason != "no signing key" || st.OldestUnpublished.IsZero() ||
		time.Since(st.OldestUnpublished) > time.Minute {
		t.Errorf("stats = %+v; want depth 3, 1 parked with its reason, the oldest just made", st)
	}
	if err := db.MarkPublished(ctx, pending[0].Seq); err != nil {
		t.Fatal(err)
	}
	// The retry time comes: a v1, then a v2, in order.
	if err := db.ParkChange(ctx, aV1.Seq, "no signing key", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	pending, _ = db.PendingChanges(ctx, 10)
	if len(pending) != 2 || pending[0].Seq != aV1.Seq || pending[0].Attempts != 2 || pending[1].Restriction.Version != 2 {
		t.Fatalf("after the retry time, pending = %+v; want a v1 (2 attempts) then a v2", pending)
	}
	publishAll(t, db)
	if st, _ := db.OutboxStats(ctx); st.Depth != 0 || st.Parked != 0 || !st.OldestUnpublished.IsZero() {
		t.Errorf("stats after publishing all = %+v, want empty", st)
	}
	if und, err := db.UndeliveredChanges(ctx, a.ID); err != nil || len(und) != 0 {
		t.Errorf("undelivered changes after publishing all = %+v, %v; want none", und, err)
	}
}
