package trex

import (
	"testing"
	"time"
)

func TestMarkReviewedOnlyAnActiveReviewedRestriction(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	kinds := Kinds{{Name: "reviewed", MaxDays: 100, ReviewDays: 30}, {Name: "plain", MaxDays: 100}}
	r := &Restriction{ID: "R1", Kind: "reviewed", Status: StatusActive}
	if err := r.MarkReviewed(kinds, now); err != nil {
		t.Fatal(err)
	}
	if want := now.Add(30 * 24 * time.Hour); !r.ReviewDue.Equal(want) {
		t.Errorf("review due %v, want %v", r.ReviewDue, want)
	}
	lifted := &Restriction{ID: "R2", Kind: "reviewed", Status: StatusLifted}
	if err := lifted.MarkReviewed(kinds, now); ErrorCode(err) != ECONFLICT {
		t.Errorf("lifted: %v, want %s", err, ECONFLICT)
	}
	plain := &Restriction{ID: "R3", Kind: "plain", Status: StatusActive}
	if err := plain.MarkReviewed(kinds, now); ErrorCode(err) != EINVALID || !plain.ReviewDue.IsZero() {
		t.Errorf("kind without review: %v (due %v), want %s", err, plain.ReviewDue, EINVALID)
	}
}

func TestLapseLiftsAtTheNextVersion(t *testing.T) {
	due := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	now := due.Add(time.Hour)
	r := &Restriction{ID: "R1", Status: StatusActive, Version: 4, ReviewDue: due}
	r.Lapse(now)
	if r.Status != StatusLifted || r.Version != 5 || !r.UpdatedAt.Equal(now) || r.LiftReason != LapseReason(due) {
		t.Errorf("lapsed: %+v", r)
	}
}

func TestCheckAppealDecision(t *testing.T) {
	if err := CheckAppealDecision(AppealUpheld, "the order stands"); err != nil {
		t.Error(err)
	}
	for _, c := range [][2]string{{"maybe", "a reason"}, {AppealLifted, " "}, {"", ""}} {
		if err := CheckAppealDecision(c[0], c[1]); ErrorCode(err) != EINVALID {
			t.Errorf("%q %q: %v, want %s", c[0], c[1], err, EINVALID)
		}
	}
}

func TestNoticesForPayloadOfAPurgedOrUnreadableChange(t *testing.T) {
	for _, p := range [][]byte{nil, []byte("{not json")} {
		if ns := NoticesForPayload(p); len(ns) != 0 {
			t.Errorf("%q: %d notices, want none", p, len(ns))
		}
	}
}

func TestKindsOrDefault(t *testing.T) {
	if got := Kinds(nil).OrDefault(); len(got) != len(DefaultKinds()) {
		t.Errorf("no kinds: %d, want the %d defaults", len(got), len(DefaultKinds()))
	}
	own := Kinds{{Name: "own", MaxDays: 1}}
	if got := own.OrDefault(); len(got) != 1 || got[0].Name != "own" {
		t.Errorf("own kinds replaced: %v", got)
	}
}
