package storetest

import (
	"context"
	"testing"
	"time"

	"trex"
)

// RunAccessLog runs the access-log contract against fresh, empty stores
// made by open.
func RunAccessLog(t *testing.T, open func(testing.TB) trex.AccessLog) {
	t.Run("AccessEventsOfThePersonNewestFirstWithoutExempt", func(t *testing.T) { accessEvents(t, open(t)) })
	t.Run("AccessReportDeliveredTwiceIsStoredOnce", func(t *testing.T) { accessOnce(t, open(t)) })
	t.Run("InvalidAccessEventIsRefused", func(t *testing.T) { accessInvalid(t, open(t)) })
	t.Run("ReportedChecksCountedByNode", func(t *testing.T) { reportedChecks(t, open(t)) })
}

// reportedChecks: the border nodes' check reports (one access event per
// restriction a check matched, each under the report's Ref) count by node
// as checks and restrictions, a report delivered twice once; issuers'
// reads are not checks.
func reportedChecks(t *testing.T, log trex.AccessLog) {
	db, ok := log.(trex.ReportedChecks)
	if !ok {
		t.Fatalf("%T does not count reported checks (trex.ReportedChecks)", log)
	}
	ctx := context.Background()
	empty, err := db.ReportedCheckCounts(ctx)
	if err != nil || len(empty) != 0 {
		t.Fatalf("an empty store counts %v, %v", empty, err)
	}
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	reports := []trex.CheckReport{
		{Node: "checkpoint-1", CheckID: "C1", At: t0, RestrictionIDs: []string{"R1", "R2"}},
		{Node: "checkpoint-1", CheckID: "C2", At: t0.Add(time.Hour), RestrictionIDs: []string{"R1"}},
		{Node: "checkpoint-1", CheckID: "C2", At: t0.Add(time.Hour), RestrictionIDs: []string{"R1"}}, // delivered twice
		{Node: "checkpoint-2", CheckID: "C1", At: t0.Add(2 * time.Hour), RestrictionIDs: []string{"R3"}},
	}
	for _, r := range reports {
		for _, e := range r.AccessEvents() {
			if err := log.RecordAccess(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := log.RecordAccess(ctx, trex.AccessEvent{At: t0, Who: "district-court", WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead, RestrictionID: "R1"}); err != nil {
		t.Fatal(err)
	}
	got, err := db.ReportedCheckCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]trex.ReportedCheckCount{
		"checkpoint-1": {Checks: 2, Restrictions: 3, Last: t0.Add(time.Hour)},
		"checkpoint-2": {Checks: 1, Restrictions: 1, Last: t0.Add(2 * time.Hour)},
	}
	if len(got) != len(want) {
		t.Fatalf("reported checks = %+v, want %+v", got, want)
	}
	for node, w := range want {
		g := got[node]
		if g.Checks != w.Checks || g.Restrictions != w.Restrictions || !g.Last.Equal(w.Last) {
			t.Errorf("%s: %+v, want %+v", node, g, w)
		}
	}
}

func accessEvents(t *testing.T, db trex.AccessLog) {
	ctx := context.Background()
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	events := []trex.AccessEvent{
		{At: t0, Who: "district-court", WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead, RestrictionID: "R1"},
		{At: t0.Add(time.Hour), Who: "checkpoint-1", WhoKind: trex.AccessByBorderNode, Kind: trex.AccessCheck, RestrictionID: "R1"},
		{At: t0.Add(2 * time.Hour), Who: "district-court", WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead, RestrictionID: "R1", Exempt: true},
		{At: t0.Add(3 * time.Hour), Who: "bailiff-service", WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead, RestrictionID: "R2"},
		{At: t0.Add(4 * time.Hour), Who: "court-b", WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead, RestrictionID: "ROTHER"},
		{At: t0.Add(5 * time.Hour), Who: "checkpoint-2", WhoKind: trex.AccessByBorderNode, Kind: trex.AccessCheck, RestrictionID: "R2", Exempt: true},
		{At: t0.Add(6 * time.Hour), Who: "checkpoint-2", WhoKind: trex.AccessByBorderNode, Kind: trex.AccessCheck, RestrictionID: "ROTHER", Exempt: true},
	}
	for _, e := range events {
		if err := db.RecordAccess(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.AccessEvents(ctx, []string{"R1", "R2"})
	if err != nil {
		t.Fatal(err)
	}
	want := []trex.AccessEvent{events[3], events[1], events[0]}
	if len(got) != len(want) {
		t.Fatalf("access events = %+v, want %+v", got, want)
	}
	for i := range want {
		w := want[i]
		if !got[i].At.Equal(w.At) || got[i].Who != w.Who || got[i].WhoKind != w.WhoKind || got[i].Kind != w.Kind ||
			got[i].RestrictionID != w.RestrictionID || got[i].Exempt {
			t.Errorf("access event %d = %+v, want %+v", i, got[i], w)
		}
	}
	if got, err := db.AccessEvents(ctx, nil); err != nil || len(got) != 0 || got == nil {
		t.Errorf("access events of no restriction = %#v, %v; want an empty list", got, err)
	}
	counts, err := db.ExemptCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 2 || counts["district-court"] != 1 || counts["checkpoint-2"] != 2 {
		t.Errorf("exempt counts = %v, want district-court 1, checkpoint-2 2", counts)
	}
}

func accessOnce(t *testing.T, db trex.AccessLog) {
	ctx := context.Background()
	e := trex.AccessEvent{At: time.Now(), Who: "checkpoint-1", WhoKind: trex.AccessByBorderNode, Kind: trex.AccessCheck,
		RestrictionID: "R1", Ref: "checkpoint-1/CABC/R1"}
	for range 2 {
		if err := db.RecordAccess(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// Looks without a Ref are distinct events, however alike.
	read := trex.AccessEvent{Who: "district-court", WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead, RestrictionID: "R1"}
	for range 2 {
		if err := db.RecordAccess(ctx, read); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.AccessEvents(ctx, []string{"R1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("access events = %+v, want the check once and both reads", got)
	}
	for _, e := range got {
		if e.At.IsZero() {
			t.Errorf("event stored without a time: %+v", e)
		}
	}
}

func accessInvalid(t *testing.T, db trex.AccessLog) {
	ctx := context.Background()
	for _, e := range []trex.AccessEvent{
		{Who: "x", WhoKind: trex.AccessByAuthority, Kind: "browse", RestrictionID: "R1"},
		{WhoKind: trex.AccessByAuthority, Kind: trex.AccessRead, RestrictionID: "R1"},
		{Who: "checkpoint-1", WhoKind: trex.AccessByBorderNode, Kind: trex.AccessCheck},
	} {
		if err := db.RecordAccess(ctx, e); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("RecordAccess(%+v) = %v, want EINVALID", e, err)
		}
	}
	if got, _ := db.AccessEvents(ctx, []string{"R1", ""}); len(got) != 0 {
		t.Errorf("refused events were stored: %+v", got)
	}
}
