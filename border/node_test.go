package border_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"trex"
	"trex/border"
	"trex/screening"
	"trex/sqlite"
)

func openNode(t *testing.T, dir string, now func() time.Time) (*border.Node, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(dir, "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	n := &border.Node{ID: "t", Replica: db, Matcher: screening.New(), Now: now, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := n.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	return n, db
}

func restriction(version int64, status trex.Status, until time.Time) trex.Restriction {
	return trex.Restriction{
		ID: "R1", Version: version, Status: status, Kind: trex.KindCourtOrder, LegalBasis: "x", Authority: "district-court",
		ValidFrom: until.Add(-48 * time.Hour), ValidUntil: until,
		Person: trex.Person{
			Names:     []trex.Name{{Surname: "Волков", Given: "Дмитрий", Patronymic: "Олегович"}},
			BirthDate: trex.MustPartialDate("1979-11-02"), Sex: trex.SexMale,
			Documents: []trex.Document{{Kind: "passport", Number: "752223344"}},
		},
	}
}

var traveller = trex.Person{
	Names:     []trex.Name{{Surname: "VOLKOV", Given: "DMITRII"}},
	BirthDate: trex.MustPartialDate("1979-11-02"),
	Documents: []trex.Document{{Number: "752223344"}},
}

func TestApplyIsIdempotentByVersion(t *testing.T) {
	ctx := context.Background()
	until := time.Now().Add(24 * time.Hour)
	n, _ := openNode(t, t.TempDir(), time.Now)
	apply := func(r trex.Restriction) {
		if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
			t.Fatal(err)
		}
	}
	apply(restriction(1, trex.StatusActive, until))
	if d, _ := n.Check(ctx, traveller); d.Verdict != trex.Hit {
		t.Fatalf("after v1: %s, want hit", d.Verdict)
	}
	apply(restriction(2, trex.StatusLifted, until))
	// Redelivered: refused as a replay, and changes nothing.
	if err := n.ApplyChange(ctx, trex.Change{Restriction: restriction(1, trex.StatusActive, until)}); !errors.Is(err, trex.ErrReplayed) {
		t.Errorf("old version: err = %v, want a replay refusal", err)
	}
	if d, _ := n.Check(ctx, traveller); d.Verdict != trex.Clear {
		t.Errorf("old version resurrected a lifted restriction: %s", d.Verdict)
	}
	if st := n.Stats(); st.Applied != 2 || st.Indexed != 0 {
		t.Errorf("stats = %+v, want 2 applied, none indexed", st)
	}
}

func TestExpiredRestrictionStopsMatchingOnTheNodesClock(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	clock := func() time.Time { return now }
	dir := t.TempDir()
	n, db := openNode(t, dir, clock)
	if err := n.ApplyChange(ctx, trex.Change{Restriction: restriction(1, trex.StatusActive, now.Add(time.Minute))}); err != nil {
		t.Fatal(err)
	}
	if d, _ := n.Check(ctx, traveller); d.Verdict != trex.Hit {
		t.Fatalf("before expiry: %s", d.Verdict)
	}
	// The link is cut: no expiry change arrives, but the end date passes.
	now = now.Add(2 * time.Minute)
	if d, _ := n.Check(ctx, traveller); d.Verdict != trex.Clear || len(d.Matches) != 0 {
		t.Errorf("after valid_until: %s %v, want clear", d.Verdict, d.Matches)
	}
	// A restart reads the replica back and keeps the same view.
	db.Close()
	n2, _ := openNode(t, dir, clock)
	if n2.Restriction("R1") == nil {
		t.Fatal("restart lost the replica")
	}
	if d, _ := n2.Check(ctx, traveller); d.Verdict != trex.Clear {
		t.Errorf("after restart: %s, want clear", d.Verdict)
	}
}

func TestCheckRefusesAnEmptyTraveller(t *testing.T) {
	n, _ := openNode(t, t.TempDir(), time.Now)
	if _, err := n.Check(context.Background(), trex.Person{}); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("empty traveller: %v, want EINVALID", err)
	}
}

// rankedMatcher answers every traveller with fixed matches, as a matcher
// that ranks a hit before a higher-scoring referral would.
type rankedMatcher struct{ matches []trex.Match }

func (m rankedMatcher) Put(trex.Subject) {}
func (m rankedMatcher) Remove(string)    {}
func (m rankedMatcher) Len() int         { return len(m.matches) }
func (m rankedMatcher) Match(context.Context, trex.Person, func(string) bool) (trex.Verdict, []trex.Match, error) {
	return m.matches[0].Verdict, m.matches, nil
}

func TestCheckKeepsTheMatchersOrder(t *testing.T) {
	ctx := context.Background()
	n, _ := openNode(t, t.TempDir(), time.Now)
	until := time.Now().Add(time.Hour)
	for _, id := range []string{"RHIT", "RREFER"} {
		r := restriction(1, trex.StatusActive, until)
		r.ID = id
		if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
			t.Fatal(err)
		}
	}
	n.Matcher = rankedMatcher{matches: []trex.Match{
		{RestrictionID: "RHIT", Verdict: trex.Hit, Score: 0.90},
		{RestrictionID: "RREFER", Verdict: trex.Refer, Score: 0.95},
	}}
	d, err := n.Check(ctx, traveller)
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict != trex.Hit || len(d.Matches) != 2 || d.Matches[0].RestrictionID != "RHIT" {
		t.Errorf("decision %s %+v: the hit must stay first", d.Verdict, d.Matches)
	}
}
