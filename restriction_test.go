package trex_test

import (
	"strings"
	"testing"
	"time"

	"trex"
)

func validRestriction(now time.Time) trex.Restriction {
	return trex.Restriction{
		Person: trex.Person{Names: []trex.Name{{Surname: "Орлов", Given: "Игорь"}}, BirthDate: trex.MustPartialDate("1975-02-03")},
		Kind:   trex.KindCourtOrder, LegalBasis: "Case 1/2026", Authority: "district-court",
		ValidUntil: now.Add(30 * 24 * time.Hour),
	}
}

// TestValidateBoundsKindAndDates: the kind comes from the configured list
// and bounds the window; dates far in the future (which used to overflow
// the stores) are refused with a message that says why.
func TestValidateBoundsKindAndDates(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	court, _ := trex.DefaultKinds().Lookup(trex.KindCourtOrder)
	bad := map[string]struct {
		mutate func(*trex.Restriction)
		says   string
	}{
		"free-text kind":      {func(r *trex.Restriction) { r.Kind = "because" }, "unknown"},
		"no kind":             {func(r *trex.Restriction) { r.Kind = " " }, "required"},
		"100 years":           {func(r *trex.Restriction) { r.ValidUntil = now.AddDate(100, 0, 0) }, "at most"},
		"year 2300":           {func(r *trex.Restriction) { r.ValidUntil = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }, "at most"},
		"year 9999":           {func(r *trex.Restriction) { r.ValidUntil = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC) }, "at most"},
		"one second too long": {func(r *trex.Restriction) { r.ValidUntil = now.Add(court.MaxDuration() + time.Second) }, "at most"},
		"backdated far":       {func(r *trex.Restriction) { r.ValidFrom = now.AddDate(-30, 0, 0) }, "at most"},
		"scheduled too far": {func(r *trex.Restriction) {
			r.ValidFrom = now.AddDate(6, 0, 0)
			r.ValidUntil = r.ValidFrom.AddDate(0, 1, 0)
		}, "scheduled at most"},
		"surname only":         {func(r *trex.Restriction) { r.Person.Names = []trex.Name{{Surname: "Орлов"}} }, "given name"},
		"name without anchors": {func(r *trex.Restriction) { r.Person.BirthDate = trex.PartialDate{} }, "birth date"},
		"short identifier only": {func(r *trex.Restriction) {
			r.Person.BirthDate = trex.PartialDate{}
			r.Person.Identifiers = []trex.Identifier{{Value: "12"}}
		}, "birth date"},
	}
	for name, c := range bad {
		r := validRestriction(now)
		c.mutate(&r)
		err := r.Validate(now, nil)
		if trex.ErrorCode(err) != trex.EINVALID || !strings.Contains(trex.ErrorMessage(err), c.says) {
			t.Errorf("%s: err = %v, want EINVALID saying %q", name, err, c.says)
		}
	}
	good := map[string]func(*trex.Restriction){
		"exactly the maximum": func(r *trex.Restriction) { r.ValidUntil = now.Add(court.MaxDuration()) },
		"scheduled":           func(r *trex.Restriction) { r.ValidFrom = now.AddDate(0, 1, 0); r.ValidUntil = now.AddDate(0, 2, 0) },
		"identifier, no birth date": func(r *trex.Restriction) {
			r.Person.BirthDate = trex.PartialDate{}
			r.Person.Identifiers = []trex.Identifier{{Value: "4509 123456"}}
		},
		"full name of two words": func(r *trex.Restriction) { r.Person.Names = []trex.Name{{Full: "Орлов Игорь"}} },
	}
	for name, mutate := range good {
		r := validRestriction(now)
		mutate(&r)
		if err := r.Validate(now, nil); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	own := trex.Kinds{{Name: "exit_ban", MaxDays: 10, Appeal: "To the ministry."}}
	r := validRestriction(now)
	if err := r.Validate(now, own); trex.ErrorCode(err) != trex.EINVALID || !strings.Contains(trex.ErrorMessage(err), "exit_ban") {
		t.Errorf("kind outside the configured list: err = %v", err)
	}
	r.Kind, r.ValidUntil = "exit_ban", now.Add(10*24*time.Hour)
	if err := r.Validate(now, own); err != nil {
		t.Errorf("configured kind: %v", err)
	}
}

// TestStatusAtReportsScheduled: a restriction whose valid_from is ahead is
// scheduled, not active, and comes into force at valid_from by itself.
func TestStatusAtReportsScheduled(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	r := trex.Restriction{Status: trex.StatusActive, ValidFrom: now.Add(time.Hour), ValidUntil: now.Add(48 * time.Hour)}
	if got := r.StatusAt(now); got != trex.StatusScheduled || r.InForce(now) {
		t.Errorf("before valid_from: %s, in force %v; want scheduled, not in force", got, r.InForce(now))
	}
	if got := r.StatusAt(r.ValidFrom); got != trex.StatusActive || !r.InForce(r.ValidFrom) {
		t.Errorf("at valid_from: %s, in force %v; want active, in force", got, r.InForce(r.ValidFrom))
	}
	r.Status = trex.StatusLifted
	if got := r.StatusAt(now); got != trex.StatusLifted {
		t.Errorf("lifted before valid_from: %s", got)
	}
}

func TestParseKinds(t *testing.T) {
	ks, err := trex.ParseKinds([]byte(`[{"name": "exit_ban", "max_days": 90, "appeal": "To the ministry."}]`))
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := ks.Lookup("exit_ban"); !ok || k.MaxDuration() != 90*24*time.Hour || k.Appeal != "To the ministry." {
		t.Errorf("kind = %+v, %v", k, ok)
	}
	if _, ok := ks.Lookup(trex.KindCourtOrder); ok {
		t.Errorf("a configured list still accepts the built-in kinds")
	}
	for _, in := range []string{
		`[]`, `{}`, `[{"name": "Exit Ban", "max_days": 9, "appeal": "x"}]`,
		`[{"name": "a", "max_days": 0, "appeal": "x"}]`, `[{"name": "a", "max_days": 36500, "appeal": "x"}]`,
		`[{"name": "a", "max_days": 9, "appeal": " "}]`, `[{"name": "a", "max_days": 9, "appeal": "x", "colour": 1}]`,
		`[{"name": "a", "max_days": 9, "appeal": "x"}, {"name": "a", "max_days": 9, "appeal": "y"}]`,
		`[{"name": "a", "max_days": 9, "appeal": "x"}] [{"name": "b", "max_days": 9, "appeal": "y"}]`,
	} {
		if _, err := trex.ParseKinds([]byte(in)); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("ParseKinds(%s) err = %v, want EINVALID", in, err)
		}
	}
	for _, k := range trex.DefaultKinds() {
		if k.MaxDays < 1 || k.MaxDays > trex.MaxKindDays || k.Appeal == "" {
			t.Errorf("built-in kind %+v", k)
		}
	}
}
