// Package web is trex's consoles: the pages a border officer, a
// supervisor, an issuer's clerk, a person and an auditor use in a browser,
// served at / of the process that has their endpoints.
//
// A console is a client of the JSON API, in process: every page handler
// calls the process's own API handler (Server.API) with the signed-in
// user's bearer token and the browser's address, and renders the answer.
// Authorization, the audit log, budgets, validation and problem details
// are therefore exactly the API's; this package never reads or writes the
// register itself, and must not import a store.
//
// Pages are server-rendered html/template with embedded assets (one
// stylesheet, one small script that only improves what works without
// it), under a strict Content-Security-Policy. Every user-visible string
// comes from the message catalogs in catalog/ (English and Russian for
// every console, Ukrainian too for the person's).
//
// # Adding a console page
//
// A console is a func returning a Console, in its own file; its Routes
// registers handlers under /<name>/, each wrapped by Server.Page, which
// gives them sessions, the page's language, the CSRF check of every POST,
// the sign-in and role requirement and the security headers:
//
//	func Issuer() Console {
//		return Console{Name: "issuer", Roles: []trex.Role{trex.RoleIssuer}, Languages: Languages,
//			Routes: func(s *Server, mux *http.ServeMux) {
//				mux.Handle("GET /issuer/{$}", s.Page("issuer", s.handleIssuer))
//			}}
//	}
//
// A handler is a func(*Request) error. It calls the API as the signed-in
// user with q.API(method, path, body, &out): an error answer comes back as
// a *Problem, which q.Problem(p, "field", "form=api_name") shows next to
// the form field it names (or at the top of the page). It ends with
// q.Render("issuer.html", data) or q.Redirect(path). A returned error is
// logged and shown as a generic failure.
//
// The page's template, templates/<name>*.html, defines "title" and "main"
// and is rendered inside layout.html (which shows the page-level problems).
// It reads the handler's data as .Data, translates with {{t "issuer.key"}}
// ({{t "key" arg}} fills %s and %d), shows an API code through the catalog
// with {{code "issuer.status." .Status}}, puts {{template "csrf" .}} in every
// POST form, and {{template "fielderr" (field . "name")}} under a field.
//
// Every key goes into catalog/en.json and catalog/ru.json, and into
// uk.json too for a console whose Languages include "uk";
// TestCatalogsAreComplete and TestTemplatesHaveNoLiteralText fail
// otherwise. Finally the console joins BorderConsoles or RegistryConsoles
// (consoles.go), which the commands mount.
//
// Tests serve the consoles from webtest.NewStack and drive them in
// headless Chromium with webtest.Shared (screenshots, keyboard-only
// paths, axe-core).
package web
