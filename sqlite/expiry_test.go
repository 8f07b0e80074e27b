package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"trex"
	"trex/internal/storetest"
	"trex/sqlite"
)

// TestExpiryOutlivesABadRow damages one due restriction's stored person;
// the sweep must still expire the others.
func TestExpiryOutlivesABadRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trex.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.ExpiryOutlivesABadRow(t, db, func(tb testing.TB, id string) {
		raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
		if err != nil {
			tb.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`UPDATE restrictions SET person = 'not json' WHERE id = ?`, id); err != nil {
			tb.Fatal(err)
		}
	})
}

// TestAuditSinceFarFutureFindsNothing: a since bound beyond 2262 used to
// wrap around to a date in 1677 and return the oldest checks.
func TestAuditSinceFarFutureFindsNothing(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if err := db.RecordCheck(ctx, &trex.CheckRecord{Node: "n", Officer: "o", Verdict: trex.Clear}); err != nil {
		t.Fatal(err)
	}
	for _, since := range []time.Time{time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)} {
		got, err := db.ChecksSince(ctx, since, 10)
		if err != nil || len(got) != 0 {
			t.Errorf("checks since %d: %d, %v; want none", since.Year(), len(got), err)
		}
	}
	if got, err := db.ChecksSince(ctx, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), 10); err != nil || len(got) != 1 {
		t.Errorf("checks since year 1: %d, %v; want 1", len(got), err)
	}
}

// TestSubjectKeysOfAnEarlierVersionAreRebuilt: keys stored as the bare
// number (which dropped non-Latin letters) are rebuilt on open, so the
// subject finds their restriction and a namesake series does not.
func TestSubjectKeysOfAnEarlierVersionAreRebuilt(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "trex.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := storetest.NewRestriction(time.Now().Add(time.Hour))
	r.Person.Identifiers = []trex.Identifier{{Kind: "birth_certificate", Country: "RU", Value: "IV-АБ 654321"}}
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE restriction_keys SET key = 'IV654321'`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, err := db.RestrictionsOf(ctx, "birth_certificate:RU:IV-АБ 654321"); err != nil || len(got) != 1 {
		t.Errorf("own restriction after reopening: %d, %v", len(got), err)
	}
	if got, _ := db.RestrictionsOf(ctx, "IV-МЮ 654321"); len(got) != 0 {
		t.Errorf("another series sees %d restrictions", len(got))
	}
}
