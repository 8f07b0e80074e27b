package web_test

import (
	"html"
	"strings"
	"testing"

	"trex/web"
	"trex/web/webtest"
)

// TestSignInNamesTheTokenFolderOnlyInTheDemo: with Server.TokenDir set
// (trex demo), the sign-in page says where each role's token file is, in
// every language; a server without it (a registry, a border node) says
// nothing of files.
func TestSignInNamesTheTokenFolderOnlyInTheDemo(t *testing.T) {
	const folder = "/srv/trex-demo/demo-tokens"
	demo := webtest.NewStack(t, webtest.StackOptions{Console: func(s *web.Server) { s.TokenDir = folder }})
	for _, lang := range []string{"en", "ru", "uk"} {
		_, body := get(t, demo, demo.Client(t), "/signin?lang="+lang)
		_, hint, ok := strings.Cut(body, `id="demo-tokens">`)
		hint, _, _ = strings.Cut(hint, "</p>")
		if !ok || !strings.Contains(hint, folder) || !strings.Contains(html.UnescapeString(hint), "officer.token") {
			t.Errorf("%s: the demo's sign-in page does not name the token folder: %q", lang, hint)
		}
	}
	plain := webtest.NewStack(t, webtest.StackOptions{})
	if _, body := get(t, plain, plain.Client(t), "/signin"); strings.Contains(body, "demo-tokens") || strings.Contains(body, ".token") {
		t.Errorf("outside the demo the sign-in page speaks of token files:\n%s", body)
	}
}
