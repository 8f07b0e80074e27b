package http_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"trex"
)

func restrictionBody(personJSON, kind string, from, until time.Time) string {
	b := `{"person": ` + personJSON + `, "kind": "` + kind + `", "legal_basis": "Case 2-5/2026", "valid_until": "` + until.UTC().Format(time.RFC3339) + `"`
	if !from.IsZero() {
		b += `, "valid_from": "` + from.UTC().Format(time.RFC3339) + `"`
	}
	return b + "}"
}

// TestCreateRefusesWhatCouldNeverWork: free-text kinds, windows longer
// than the kind allows (including dates the stores used to wrap around)
// and persons the border could never recognise are refused with
// problem+json saying what to fix.
func TestCreateRefusesWhatCouldNeverWork(t *testing.T) {
	f := newFixture(t)
	now := time.Now()
	surnameOnly := `{"schema": "Person", "properties": {"lastName": ["Кузнецова"], "birthDate": ["1991"]}}`
	cases := []struct {
		name, body, detail string
	}{
		{"free-text kind", restrictionBody(person, "because", time.Time{}, now.Add(time.Hour)), "kind"},
		{"100 years", restrictionBody(person, "court_order", time.Time{}, now.AddDate(100, 0, 0)), "at most"},
		{"year 2300", restrictionBody(person, "court_order", time.Time{}, time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)), "at most"},
		{"year 9999", restrictionBody(person, "court_order", time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)), "at most"},
		{"scheduled years ahead", restrictionBody(person, "military_call_up", now.AddDate(3, 0, 0), now.AddDate(3, 1, 0)), "scheduled"},
		{"surname only", restrictionBody(surnameOnly, "court_order", time.Time{}, now.Add(time.Hour)), "given name"},
	}
	for _, c := range cases {
		code, out, h := f.do(t, "POST", "/v1/restrictions", f.tokens["issuer"], c.body)
		detail, _ := out["detail"].(string)
		if code != http.StatusBadRequest || !strings.Contains(detail, c.detail) || !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s: %d %v, want 400 problem saying %q", c.name, code, out, c.detail)
		}
	}
}

// TestScheduledRestrictionIsReportedScheduled: a future valid_from is
// reported as scheduled, to the issuer and to the subject, who is not yet
// restricted.
func TestScheduledRestrictionIsReportedScheduled(t *testing.T) {
	f := newFixture(t)
	now := time.Now()
	code, out, _ := f.do(t, "POST", "/v1/restrictions", f.tokens["issuer"], restrictionBody(person, "court_order", now.Add(time.Hour), now.Add(48*time.Hour)))
	if code != http.StatusCreated || out["status"] != string(trex.StatusScheduled) {
		t.Fatalf("create scheduled: %d %v, want 201 scheduled", code, out)
	}
	id := out["id"].(string)
	if code, out, _ := f.do(t, "GET", "/v1/restrictions/"+id, f.tokens["issuer"], ""); code != 200 || out["status"] != string(trex.StatusScheduled) {
		t.Errorf("read scheduled: %d %v", code, out["status"])
	}
	code, st, _ := f.do(t, "GET", "/v1/me", f.tokens["subject"], "")
	if code != 200 || st["restricted"] != false {
		t.Fatalf("subject before valid_from: %d %v", code, st)
	}
	if r := st["restrictions"].([]any)[0].(map[string]any); r["status"] != string(trex.StatusScheduled) {
		t.Errorf("subject sees status %v, want scheduled", r["status"])
	}
}

// TestSubjectSeesTheKindsAppealRouteNewestFirst: /v1/me lists the
// subject's restrictions newest first, each with the appeal route of its
// kind.
func TestSubjectSeesTheKindsAppealRouteNewestFirst(t *testing.T) {
	f := newFixture(t)
	first := f.create(t)
	time.Sleep(2 * time.Millisecond)
	second := f.create(t)
	code, st, _ := f.do(t, "GET", "/v1/me", f.tokens["subject"], "")
	if code != 200 {
		t.Fatalf("subject status: %d %v", code, st)
	}
	rs := st["restrictions"].([]any)
	if len(rs) != 2 || rs[0].(map[string]any)["id"] != second || rs[1].(map[string]any)["id"] != first {
		t.Fatalf("subject sees %v, want %s then %s", rs, second, first)
	}
	court, _ := trex.DefaultKinds().Lookup(trex.KindCourtOrder)
	if appeal, _ := rs[0].(map[string]any)["appeal"].(string); !strings.Contains(appeal, court.Appeal) || !strings.Contains(appeal, second) {
		t.Errorf("appeal = %q, want the court order's route %q and the restriction's ID", appeal, court.Appeal)
	}
}
