package border_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"trex"
	"trex/border"
	"trex/sqlite"
)

// TestReporterSendsOnlyMatchedChecksOnceAcrossRestarts reports a node's
// check log: checks that matched nobody are never sent, a matched check is
// sent once even across a restart, and one that could not be sent is sent
// later rather than lost.
func TestReporterSendsOnlyMatchedChecksOnceAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	record := func(recs ...*trex.CheckRecord) {
		t.Helper()
		if err := db.RecordChecks(ctx, recs); err != nil {
			t.Fatal(err)
		}
	}
	var sent []trex.CheckReport
	var fail error
	reporter := func() *border.CheckReporter {
		return &border.CheckReporter{Node: "cp-1", Checks: db, PositionPath: filepath.Join(dir, "reported"), Batch: 2,
			Publish: func(_ context.Context, r trex.CheckReport) error {
				if fail != nil {
					return fail
				}
				sent = append(sent, r)
				return nil
			}}
	}
	record(&trex.CheckRecord{ID: "CCLEAR1", Node: "cp-1", Verdict: trex.Clear},
		&trex.CheckRecord{ID: "CREFER", Node: "cp-1", Verdict: trex.Refer, RestrictionIDs: []string{"R1"}},
		&trex.CheckRecord{ID: "CCLEAR2", Node: "cp-1", Verdict: trex.Clear},
		&trex.CheckRecord{ID: "CHIT", Node: "cp-1", Verdict: trex.Hit, RestrictionIDs: []string{"R2", "R3"}})
	rp := reporter()
	for {
		n, err := rp.ReportOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	if len(sent) != 2 || sent[0].CheckID != "CREFER" || sent[1].CheckID != "CHIT" || sent[0].Node != "cp-1" ||
		!slices.Equal(sent[1].RestrictionIDs, []string{"R2", "R3"}) || sent[0].At.IsZero() {
		t.Fatalf("sent %+v; want the two matched checks, in order", sent)
	}

	// A restart sends nothing again; a report that fails is kept for later.
	record(&trex.CheckRecord{ID: "CCLEAR3", Node: "cp-1", Verdict: trex.Clear},
		&trex.CheckRecord{ID: "CLATER", Node: "cp-1", Verdict: trex.Refer, RestrictionIDs: []string{"R4"}})
	fail = errors.New("exchange unreachable")
	if _, err := reporter().ReportOnce(ctx); err == nil {
		t.Fatal("a report that was not sent counted as sent")
	}
	fail = nil
	rp = reporter()
	if _, err := rp.ReportOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := rp.ReportOnce(ctx); err != nil || n != 0 {
		t.Fatalf("second round sent %d (%v); want nothing new", n, err)
	}
	if len(sent) != 3 || sent[2].CheckID != "CLATER" {
		t.Fatalf("after restart sent %+v; want only CLATER added", sent)
	}
	for _, r := range sent {
		if len(r.RestrictionIDs) == 0 {
			t.Errorf("a check that matched nobody was reported: %+v", r)
		}
	}
}
