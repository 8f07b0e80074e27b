package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// ChromiumPath is Debian's chromium; TREX_CHROMIUM overrides it.
const ChromiumPath = "/usr/bin/chromium"

// Browser is the test binary's one headless Chromium.
type Browser struct {
	ctx    context.Context
	cancel func()
	dir    string
}

var shared struct {
	once sync.Once
	b    *Browser
	err  error
}

// Shared returns the test binary's browser, starting it on first use.
// It skips the test when Chromium is absent, and fails it instead under
// CI=true. Call Close from TestMain after m.Run.
func Shared(tb testing.TB) *Browser {
	tb.Helper()
	path := os.Getenv("TREX_CHROMIUM")
	if path == "" {
		path = ChromiumPath
	}
	if _, err := exec.LookPath(path); err != nil {
		missing(tb, fmt.Sprintf("chromium not found at %s (apt-get install chromium, or set TREX_CHROMIUM)", path))
	}
	shared.once.Do(func() { shared.b, shared.err = start(path) })
	if shared.err != nil {
		tb.Fatalf("start chromium: %v", shared.err)
	}
	return shared.b
}

// Close stops the shared browser, if one was started.
func Close() {
	if shared.b != nil {
		shared.b.cancel()
		os.RemoveAll(shared.b.dir)
	}
}

// missing skips, or fails under CI=true, for want of a browser part.
func missing(tb testing.TB, why string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s; CI=true requires the browser tests to run", why)
	}
	tb.Skipf("skipping browser test: %s", why)
}

func start(path string) (*Browser, error) {
	dir, err := os.MkdirTemp("", "trex-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		os.RemoveAll(dir)
		return nil, err
	}
	return &Browser{ctx: bctx, cancel: func() { bcancel(); acancel() }, dir: dir}, nil
}

// Tab opens a new tab with its own cookies (an incognito-like browser
// context), closed when tb ends. Actions on it time out after a minute.
func (b *Browser) Tab(tb testing.TB) context.Context {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	ctx, tcancel := context.WithTimeout(ctx, time.Minute)
	tb.Cleanup(func() { tcancel(); cancel() })
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("open tab: %v", err)
	}
	return ctx
}

// Do runs actions on tab, failing tb on error.
func Do(tb testing.TB, tab context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	if err := chromedp.Do(tab, actions...); err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
}

// Get runs one action that returns a value on tab, failing tb on error.
func Get[T any](tb testing.TB, tab context.Context, what string, a chromedp.Action[T]) T {
	tb.Helper()
	v, err := chromedp.Run(tab, a)
	if err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
	return v
}

// Eval evaluates a JavaScript expression in tab's page.
func Eval[T any](tb testing.TB, tab context.Context, expr string) T {
	tb.Helper()
	return Get(tb, tab, "evaluate "+expr, chromedp.Evaluate[T](expr))
}

// ArtifactsDir is where screenshots go: $TREX_ARTIFACTS, or artifacts/
// at the root of the module.
func ArtifactsDir() string {
	if d := os.Getenv("TREX_ARTIFACTS"); d != "" {
		return d
	}
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "artifacts")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, "artifacts")
		}
	}
}

// Screenshot saves the whole page as screenshots/<console>-<step>.png
// under ArtifactsDir and returns the file's path.
func Screenshot(tb testing.TB, tab context.Context, console, step string) string {
	tb.Helper()
	png := Get(tb, tab, "screenshot "+console+"-"+step, chromedp.FullScreenshot(100))
	dir := filepath.Join(ArtifactsDir(), "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, console+"-"+step+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// AxePath is axe-core's script: $TREX_AXE_JS, or where .ci/run installs
// it ($HOME/.cache/trex-axe/node_modules/axe-core/axe.min.js).
func AxePath() string {
	if p := os.Getenv("TREX_AXE_JS"); p != "" {
		return p
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "trex-axe", "node_modules", "axe-core", "axe.min.js")
}

// Violation is one axe-core rule the page breaks.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// Axe runs axe-core in the tab's page (see AxeViolations) and fails tb
// for every serious or critical violation; it returns all violations.
func Axe(tb testing.TB, tab context.Context, page string) []Violation {
	tb.Helper()
	vs := AxeViolations(tb, tab)
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, n.HTML)
			}
			tb.Errorf("%s: accessibility %s (%s): %s at %s", page, v.ID, v.Impact, v.Help, strings.Join(where, " | "))
		}
	}
	return vs
}

// AxeViolations injects axe-core into the tab's page and runs its WCAG
// 2.0, 2.1 and 2.2 A and AA rules and best practices, returning every
// violation. Without axe-core it skips (fails under CI=true).
func AxeViolations(tb testing.TB, tab context.Context) []Violation {
	tb.Helper()
	src, err := os.ReadFile(AxePath())
	if err != nil {
		missing(tb, fmt.Sprintf("axe-core not found at %s (npm install --prefix \"$HOME/.cache/trex-axe\" axe-core@4, or set TREX_AXE_JS)", AxePath()))
	}
	injected := Get(tb, tab, "inject axe-core", chromedp.Evaluate[bool](string(src)+"\n;typeof axe === 'object'"))
	if !injected {
		tb.Fatal("axe-core did not load")
	}
	run := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
		.then(r => JSON.stringify(r.violations))`
	raw := Get(tb, tab, "run axe-core", chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
	var vs []Violation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		tb.Fatalf("axe-core answer: %v", err)
	}
	return vs
}

// TabTo presses Tab until the focused element matches selector (a CSS
// selector), at most max times, as a keyboard-only user would; it
// fails tb when focus never gets there. It returns the presses needed.
func TabTo(tb testing.TB, tab context.Context, selector string, max int) int {
	tb.Helper()
	for i := 1; i <= max; i++ {
		Do(tb, tab, "press Tab", chromedp.KeyEvent(kb.Tab))
		if Eval[bool](tb, tab, fmt.Sprintf(`document.activeElement !== null && document.activeElement.matches(%q)`, selector)) {
			return i
		}
	}
	focused, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : ""`))
	tb.Fatalf("%d presses of Tab never reached %s (focus on %s)", max, selector, focused)
	return 0
}

// Type types text into the focused element, key by key ("\n" is Enter).
func Type(tb testing.TB, tab context.Context, text string) {
	tb.Helper()
	Do(tb, tab, "type", chromedp.KeyEvent(text))
}

// Enter presses Enter on the focused element.
func Enter(tb testing.TB, tab context.Context) {
	tb.Helper()
	Do(tb, tab, "press Enter", chromedp.KeyEvent(kb.Enter))
}
