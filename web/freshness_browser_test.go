package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trex/web"
	"trex/web/webtest"
)

// TestCheckpointFreshnessInBrowser: the officer sees the banner go from
// current to amber at half the node's own staleness bound and to red once
// the node is not ready, each state said in words (not colour alone) with
// the thresholds, each passing axe-core (contrast included).
func TestCheckpointFreshnessInBrowser(t *testing.T) {
	b := webtest.Shared(t)
	s := webtest.NewStack(t, webtest.StackOptions{})
	tab := b.Tab(t)
	signInByKeyboard(t, s, tab, s.Tokens["officer"], "#mrz")
	amber := time.Duration(float64(webtest.MaxStaleness) * web.AmberFraction)
	for _, st := range []struct {
		advance     time.Duration
		level, word string
	}{
		{0, "ok", "Data current."},
		{amber + time.Second, "amber", "Data ageing:"},
		{webtest.MaxStaleness - amber, "red", "Data stale:"},
	} {
		s.Advance(st.advance)
		webtest.Do(t, tab, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#freshness")))
		level := webtest.Eval[string](t, tab, `document.getElementById("freshness").dataset.level`)
		text := webtest.Eval[string](t, tab, `document.getElementById("freshness").textContent`)
		if level != st.level || !strings.Contains(text, st.word) {
			t.Errorf("after %s more: level %q, %q; want %q saying %q", st.advance, level, text, st.level, st.word)
		}
		bound, from := fmt.Sprintf("%d s", int(webtest.MaxStaleness/time.Second)), fmt.Sprintf("%d s", int(amber/time.Second))
		if !strings.Contains(text, "once the data is "+from+" old; red past "+bound+",") || strings.Contains(text, "%!") {
			t.Errorf("the banner does not state the bound (%s) and the amber threshold (%s): %q", bound, from, text)
		}
		webtest.Axe(t, tab, "checkpoint freshness "+st.level)
		webtest.Screenshot(t, tab, "checkpoint", "fresh-"+st.level)
	}
}
