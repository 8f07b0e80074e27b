package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trex"
	thttp "trex/http"
	"trex/web"
	"trex/web/webtest"
)

// TestRegistryAuditorInBrowser: at a registry alone (no check log), the
// auditor's page shows what the registry knows, the matched checks each
// border node reported in its signed check reports and the restrictions
// they matched, and says plainly that clears are counted only at the
// nodes; the page passes axe-core and fits a small screen.
func TestRegistryAuditorInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	s := webtest.NewStack(t, webtest.StackOptions{Consoles: web.RegistryConsoles(), Configure: func(api *thttp.Server) {
		api.Checks, api.CheckLog, api.Records = nil, nil, nil // a registry: no border node in this process
	}})
	at := time.Now().Add(-time.Hour)
	for _, r := range []trex.CheckReport{
		{Node: "gate-north", CheckID: "C1", At: at, RestrictionIDs: []string{"R1", "R2"}},
		{Node: "gate-north", CheckID: "C2", At: at.Add(time.Minute), RestrictionIDs: []string{"R1"}},
		{Node: "gate-south", CheckID: "C1", At: at, RestrictionIDs: []string{"R3"}},
	} {
		for _, e := range r.AccessEvents() {
			if err := s.DB.RecordAccess(context.Background(), e); err != nil {
				t.Fatal(err)
			}
		}
	}
	tab := b.Tab(t)
	signInByKeyboard(t, s, tab, s.Tokens["auditor"], "#reports-table")
	count := func(node, what string) string {
		return webtest.Eval[string](t, tab, `document.querySelector('#reports-table tr[data-node="`+node+`"] [data-count="`+what+`"]').textContent`)
	}
	if c, r := count("gate-north", "checks"), count("gate-north", "restrictions"); c != "2" || r != "3" {
		t.Errorf("gate-north: %s checks, %s restrictions; want 2 and 3", c, r)
	}
	if c := count("gate-south", "checks"); c != "1" {
		t.Errorf("gate-south: %s checks, want 1", c)
	}
	hint := webtest.Eval[string](t, tab, `document.getElementById("reports-hint").textContent`)
	notServed := webtest.Eval[string](t, tab, `document.getElementById("counts-notserved").textContent`)
	if !strings.Contains(hint, "Clears are counted only at the nodes") || !strings.Contains(notServed, "clears included") {
		t.Errorf("the page does not say clears are counted only at the nodes: %q / %q", hint, notServed)
	}
	if webtest.Eval[bool](t, tab, `document.getElementById("counts-table") !== null`) {
		t.Error("a registry shows a per-decision table it cannot know")
	}
	webtest.Axe(t, tab, "registry auditor")
	webtest.Screenshot(t, tab, "auditor", "registry")
	webtest.Do(t, tab, "narrow", chromedp.EmulateViewport(smallWidth, 740), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#reports-table")))
	fitsSmallScreen(t, tab, "auditor", "registry")
}
