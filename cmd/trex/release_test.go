package main

import (
	"net/http"
	"testing"
	"time"

	"trex"
)

// TestBorderReleasesAtValidUntilWithItsLinkCut: a restriction ends while
// the border node is cut off from the exchange (so neither the registry's
// expiry nor anything else can reach it); the node stops the traveller up
// to valid_until and clears them from then on, on its own clock.
func TestBorderReleasesAtValidUntilWithItsLinkCut(t *testing.T) {
	td := startTestDemo(t, t.TempDir())
	until := time.Now().Add(3 * time.Second).UTC()
	var created struct {
		ID string `json:"id"`
	}
	if code := call(t, td.srv.URL, "POST", "/v1/restrictions", td.Tokens.Issuer, map[string]any{
		"person": issuerView, "kind": trex.KindCourtOrder, "legal_basis": "Case 1-78/2026",
		"valid_until": until.Format(time.RFC3339Nano),
	}, &created); code != http.StatusCreated {
		t.Fatalf("create: %d", code)
	}
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, 2*time.Second); ans.Decision != trex.Hit {
		t.Fatalf("setup: %s", ans.Decision)
	}
	td.stopNats() // the link is cut: no change reaches the node from now on
	td.stopNats = nil
	if ans, _ := checkUntil(t, td, passportView, trex.Hit, 0); time.Now().Before(until) && ans.Decision != trex.Hit {
		t.Fatalf("cut off, before valid_until: %s, want hit", ans.Decision)
	}
	time.Sleep(time.Until(until) + 50*time.Millisecond)
	ans, _ := checkUntil(t, td, passportView, trex.Clear, 0)
	if ans.Decision != trex.Clear || len(ans.Matches) != 0 {
		t.Errorf("cut off, after valid_until: %s %+v, want clear", ans.Decision, ans.Matches)
	}
	if r := td.Border.Node.Restriction(created.ID); r == nil || r.Status != trex.StatusActive || r.Version != 1 {
		t.Errorf("the node's copy is %+v; no change could have reached it", r)
	}
}
