package border_test

import (
	"context"
	"testing"
	"time"

	"trex"
)

// A traveller shows the passport named in a restriction that is not yet in
// force while another restriction, in force, names him by name and birth
// date. The first must not settle the search and hide the second.
func TestCheckPassportOfRestrictionNotInForceHidesNothing(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	n, _ := openNode(t, t.TempDir(), func() time.Time { return now })
	person := trex.Person{
		Names:     []trex.Name{{Surname: "Волков", Given: "Дмитрий", Patronymic: "Олегович"}},
		BirthDate: trex.MustPartialDate("1979-11-02"), Sex: trex.SexMale,
	}
	future := trex.Restriction{ID: "R-future", Version: 1, Status: trex.StatusActive, Kind: trex.KindCourtOrder,
		LegalBasis: "x", Authority: "district-court", ValidFrom: now.Add(72 * time.Hour), ValidUntil: now.Add(30 * 24 * time.Hour),
		Person: person}
	future.Person.Documents = []trex.Document{{Kind: "passport", Number: "752223344"}}
	inForce := trex.Restriction{ID: "R-now", Version: 1, Status: trex.StatusActive, Kind: trex.KindCourtOrder,
		LegalBasis: "y", Authority: "district-court", ValidFrom: now.Add(-72 * time.Hour), ValidUntil: now.Add(30 * 24 * time.Hour),
		Person: person}
	for _, r := range []trex.Restriction{future, inForce} {
		if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
			t.Fatal(err)
		}
	}
	d, err := n.Check(ctx, traveller)
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict == trex.Clear || len(d.Matches) != 1 || d.Matches[0].RestrictionID != "R-now" {
		t.Fatalf("check = %s %+v, want R-now referred (R-future is not in force)", d.Verdict, d.Matches)
	}
	// Once the first is in force, its document settles the check as a hit.
	now = now.Add(96 * time.Hour)
	d, err = n.Check(ctx, traveller)
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict != trex.Hit || d.Matches[0].RestrictionID != "R-future" {
		t.Fatalf("check after the start date = %s %+v, want a hit on R-future", d.Verdict, d.Matches)
	}
}

// A check whose context has ended returns an error, not a clear.
func TestCheckCancelledIsNotClear(t *testing.T) {
	n, _ := openNode(t, t.TempDir(), time.Now)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if d, err := n.Check(ctx, traveller); err == nil {
		t.Fatalf("cancelled check = %+v, want an error", d)
	}
}
