package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"trex"
)

// TestBorderCheckReachesThePersonsAccessLog runs the demo (registry, exchange
// with per-node permissions, border node): a check that matched a
// restriction reaches the registry over the exchange, signed by the node,
// and is listed among the looks at the person's record with the issuer's
// read; checks that matched nobody leave no trace there.
func TestBorderCheckReachesThePersonsAccessLog(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	id := createRestriction(t, td, issuerView)
	if ans, took := checkUntil(t, td, passportView, trex.Hit, 2*time.Second); ans.Decision != trex.Hit {
		t.Fatalf("check: %q after %v, want hit", ans.Decision, took)
	}
	stranger := entity(map[string][]string{"lastName": {"KOVALENKO"}, "firstName": {"OKSANA"}, "birthDate": {"1975-02-03"}})
	for range 3 {
		if ans, _ := checkUntil(t, td, stranger, trex.Clear, 0); ans.Decision != trex.Clear {
			t.Fatalf("stranger: %q, want clear", ans.Decision)
		}
	}
	if code := call(t, td.srv.URL, "GET", "/v1/restrictions/"+id, td.Tokens.Issuer, nil, nil); code != http.StatusOK {
		t.Fatalf("issuer's read: %d", code)
	}
	var events []trex.AccessEvent
	if !waitFor(10*time.Second, func() bool {
		var err error
		events, err = td.Registry.DB.AccessEvents(context.Background(), []string{id})
		if err != nil {
			t.Fatal(err)
		}
		return len(events) >= 2
	}) {
		t.Fatalf("access log of %s = %+v; want the border node's check and the issuer's read", id, events)
	}
	time.Sleep(1500 * time.Millisecond) // room for a wrong extra report to arrive
	events, _ = td.Registry.DB.AccessEvents(context.Background(), []string{id})
	var checks, reads int
	for _, e := range events {
		switch {
		case e.Kind == trex.AccessCheck && e.Who == demoBorderID && e.WhoKind == trex.AccessByBorderNode && e.RestrictionID == id:
			checks++
		case e.Kind == trex.AccessRead && e.Who == "district-court":
			reads++
		default:
			t.Errorf("unexpected look: %+v", e)
		}
	}
	if checks == 0 || reads != 1 {
		t.Errorf("access log = %+v; want the node's matching checks and one read", events)
	}
}
