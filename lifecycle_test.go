package trex_test

import (
	"strings"
	"testing"
	"time"

	"trex"
)

// TestKindsCarryReviewAndRetention: a kinds file may set review_days,
// lapse_unreviewed and retain_days; a lapse without a review, or a period
// out of range, is refused with a message naming the field.
func TestKindsCarryReviewAndRetention(t *testing.T) {
	ks, err := trex.ParseKinds([]byte(`[{"name": "travel_ban", "max_days": 90, "appeal": "to the court",
		"review_days": 30, "lapse_unreviewed": true, "retain_days": 730}]`))
	if err != nil {
		t.Fatal(err)
	}
	k := ks[0]
	made := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := k.ReviewDueAfter(made); !got.Equal(made.Add(30 * 24 * time.Hour)) {
		t.Errorf("review due %v", got)
	}
	if k.Retention() != 730*24*time.Hour || (trex.Kind{}).Retention() != trex.DefaultRetainDays*24*time.Hour {
		t.Errorf("retention %v / default %v", k.Retention(), (trex.Kind{}).Retention())
	}
	if !(trex.Kind{}).ReviewDueAfter(made).IsZero() {
		t.Error("a kind without review has a review date")
	}
	for body, want := range map[string]string{
		`[{"name": "a", "max_days": 9, "appeal": "x", "lapse_unreviewed": true}]`: "lapse_unreviewed needs review_days",
		`[{"name": "a", "max_days": 9, "appeal": "x", "review_days": -1}]`:        "review_days",
		`[{"name": "a", "max_days": 9, "appeal": "x", "retain_days": 99999}]`:     "retain_days",
	} {
		if _, err := trex.ParseKinds([]byte(body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error naming %q", body, err, want)
		}
	}
}

// TestTombstoneKeepsNothingOfThePerson: a tombstone is the next version of
// the restriction, purged, with no person, legal basis or lift reason.
func TestTombstoneKeepsNothingOfThePerson(t *testing.T) {
	r := trex.Restriction{ID: "R1", Kind: trex.KindCourtOrder, Authority: "district-court", LegalBasis: "Case 3/2026",
		Status: trex.StatusLifted, Version: 2, LiftReason: "settled",
		Person: trex.Person{Names: []trex.Name{{Surname: "Петров", Given: "Олег"}}}}
	tb := r.Tombstone(time.Now())
	if tb.Status != trex.StatusPurged || tb.Version != 3 || tb.ID != r.ID || tb.Authority != r.Authority ||
		len(tb.Person.Names) != 0 || tb.LegalBasis != "" || tb.LiftReason != "" || !tb.Ended() {
		t.Errorf("tombstone %+v", tb)
	}
}
