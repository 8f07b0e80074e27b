package main

import (
	"net/http"
	"testing"
	"time"

	"trex"
)

// TestPersonSeesWhoLookedThemUpThroughTheAPI goes through the API alone:
// the person, with no token and only their three identifiers, asks
// POST /v1/subject/access-log and sees the issuing authority's read, their
// own status request, and the border node's checks that matched their
// restriction, reported by the node over the exchange and signed with its
// key (the registry takes reports only from nodes it knows). Checks that
// matched nobody happened (the auditors' check log has them) but are tied
// to no one: not to this person, and not to a person without restrictions,
// who gets an empty log.
func TestPersonSeesWhoLookedThemUpThroughTheAPI(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	base := td.srv.URL
	id := createRestriction(t, td, issuerView)
	me := map[string]string{"national_id": "4509 123456", "document_number": "751234567", "birth_date": "1988-07-21"}

	stranger := entity(map[string][]string{"lastName": {"KOVALENKO"}, "firstName": {"OKSANA"}, "birthDate": {"1975-02-03"}, "passportNumber": {"660120033"}})
	for range 3 {
		if ans, _ := checkUntil(t, td, stranger, trex.Clear, 0); ans.Decision != trex.Clear {
			t.Fatalf("stranger: %q, want clear", ans.Decision)
		}
	}
	if ans, took := checkUntil(t, td, passportView, trex.Hit, 3*time.Second); ans.Decision != trex.Hit {
		t.Fatalf("check: %q after %v, want hit", ans.Decision, took)
	}
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, 0); ans.Decision != trex.Hit {
		t.Fatalf("second check: %q, want hit", ans.Decision)
	}
	if code := call(t, base, "GET", "/v1/restrictions/"+id, td.Tokens.Issuer, nil, nil); code != http.StatusOK {
		t.Fatalf("issuer's read: %d", code)
	}
	if code := call(t, base, "POST", "/v1/subject/status", "", me, nil); code != http.StatusOK {
		t.Fatalf("status: %d", code)
	}

	type looks struct{ Access []trex.AccessEvent }
	count := func(l looks) (checks, reads, status, other int) {
		for _, e := range l.Access {
			switch {
			case e.RestrictionID != id:
				other++
			case e.Kind == trex.AccessCheck && e.Who == demoBorderID && e.WhoKind == trex.AccessByBorderNode:
				checks++
			case e.Kind == trex.AccessRead && e.Who == "district-court" && e.WhoKind == trex.AccessByAuthority:
				reads++
			case e.Kind == trex.AccessStatusRequest:
				status++
			default:
				other++
			}
		}
		return
	}
	// The node's reports travel over the exchange; a person's requests are
	// budgeted per identity, so ask a few times, a second apart.
	var l looks
	for range 6 {
		l = looks{}
		if code := call(t, base, "POST", "/v1/subject/access-log", "", me, &l); code != http.StatusOK {
			t.Fatalf("access-log: %d", code)
		}
		if checks, _, _, _ := count(l); checks >= 2 {
			break
		}
		time.Sleep(time.Second)
	}
	time.Sleep(time.Second) // room for a wrong extra report to arrive
	l = looks{}
	if code := call(t, base, "POST", "/v1/subject/access-log", "", me, &l); code != http.StatusOK {
		t.Fatalf("access-log: %d", code)
	}
	if checks, reads, status, other := count(l); checks != 2 || reads != 1 || status != 1 || other != 0 {
		t.Errorf("access log = %+v; want the node's 2 matching checks, 1 read by the court, 1 status request and nothing else", l.Access)
	}
	for _, e := range l.Access {
		if e.At.IsZero() {
			t.Errorf("look without a time: %+v", e)
		}
	}

	// The checks that matched nobody are on the auditors' record, nameless.
	var audited struct{ Checks []trex.CheckRecord }
	if code := call(t, base, "GET", "/v1/audit/checks", td.Tokens.Auditor, nil, &audited); code != http.StatusOK {
		t.Fatalf("audit checks: %d", code)
	}
	clears := 0
	for _, c := range audited.Checks {
		if c.Verdict == trex.Clear {
			clears++
			if len(c.RestrictionIDs) != 0 {
				t.Errorf("a clear check names restrictions: %+v", c)
			}
		}
	}
	if clears != 3 {
		t.Errorf("the auditors' log has %d clear checks, want the stranger's 3", clears)
	}
	// A person with no restriction has no looks, whatever was checked.
	nobody := map[string]string{"national_id": "4511 654321", "document_number": "660120033", "birth_date": "1975-02-03"}
	l = looks{}
	if code := call(t, base, "POST", "/v1/subject/access-log", "", nobody, &l); code != http.StatusOK || len(l.Access) != 0 {
		t.Errorf("a person without restrictions: %d %+v, want no looks", code, l.Access)
	}
}
