package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"trex"
	"trex/sqlite"
)

// MustOpenDB opens a fresh database in a temporary directory.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "trex.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func newRestriction(until time.Time) *trex.Restriction {
	return &trex.Restriction{
		Person: trex.Person{
			Names:     []trex.Name{{Surname: "Иванов", Given: "Сергей", Patronymic: "Петрович"}},
			BirthDate: trex.MustPartialDate("1980-03-04"),
			Sex:       trex.SexMale,
		},
		Kind: trex.KindCourtOrder, LegalBasis: "Case 1-1/2026", Authority: "district-court", ValidUntil: until,
	}
}

func TestCreateWritesRestrictionAndOutboxTogether(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := newRestriction(time.Now().Add(time.Hour))
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
	if got.Person.Names[0].Surname != "Иванов" || got.Person.BirthDate.String() != "1980-03-04" || got.LegalBasis != r.LegalBasis {
		t.Errorf("round trip lost data: %+v", got)
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

func TestInvalidRestrictionWritesNothing(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	cases := map[string]func(*trex.Restriction){
		"no legal basis":   func(r *trex.Restriction) { r.LegalBasis = " " },
		"no end date":      func(r *trex.Restriction) { r.ValidUntil = time.Time{} },
		"end in the past":  func(r *trex.Restriction) { r.ValidUntil = time.Now().Add(-time.Minute) },
		"end before start": func(r *trex.Restriction) { r.ValidFrom = r.ValidUntil.Add(time.Hour) },
		"no name":          func(r *trex.Restriction) { r.Person.Names = nil },
		"no kind":          func(r *trex.Restriction) { r.Kind = "" },
		"no authority":     func(r *trex.Restriction) { r.Authority = "" },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			r := newRestriction(time.Now().Add(time.Hour))
			mutate(r)
			err := db.CreateRestriction(ctx, r)
			if trex.ErrorCode(err) != trex.EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
		})
	}
	if pending, _ := db.PendingChanges(ctx, 10); len(pending) != 0 {
		t.Errorf("refused restrictions left %d outbox rows", len(pending))
	}
}

func TestLiftAndExpireBumpVersions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	a := newRestriction(time.Now().Add(time.Hour))
	b := newRestriction(time.Now().Add(2 * time.Second))
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
}

func TestReplicaAppliesOnlyNewerVersions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := newRestriction(time.Now().Add(time.Hour))
	r.ID, r.Version, r.Status = "R1", 2, trex.StatusLifted
	if ok, err := db.ApplyRestriction(ctx, r); !ok || err != nil {
		t.Fatalf("apply v2 = %v, %v", ok, err)
	}
	old := *r
	old.Version, old.Status = 1, trex.StatusActive
	if ok, err := db.ApplyRestriction(ctx, &old); ok || err != nil {
		t.Fatalf("apply older v1 = %v, %v; want ignored", ok, err)
	}
	if ok, _ := db.ApplyRestriction(ctx, r); ok {
		t.Errorf("re-applying the same version reported a change")
	}
	var held []*trex.Restriction
	db.EachRestriction(ctx, func(r *trex.Restriction) error { held = append(held, r); return nil })
	if len(held) != 1 || held[0].Version != 2 || held[0].Status != trex.StatusLifted {
		t.Fatalf("replica holds %+v", held)
	}
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	if err := db.SetDataAsOf(ctx, at); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.DataAsOf(ctx); !got.Equal(at) {
		t.Errorf("data_as_of = %v, want %v", got, at)
	}
}

func TestTokensAreHashedExpiringAndRevocable(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
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
	if err := db.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Authenticate(ctx, secret); trex.ErrorCode(err) != trex.EUNAUTHORIZED {
		t.Errorf("revoked token err = %v", err)
	}
	db.Now = func() time.Time { return time.Now().Add(-2 * time.Hour) }
	short := &trex.Token{Role: trex.RoleOfficer, ExpiresAt: time.Now().Add(-time.Hour)}
	s2, err := db.CreateToken(ctx, short)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = time.Now
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
