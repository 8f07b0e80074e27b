package web

import (
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"trex"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// ContentSecurityPolicy is sent with every console answer: only this
// origin's scripts, styles and forms, no framing, no base override.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Server serves the consoles. API is the process's own JSON API handler,
// which every page calls in process; Consoles are the consoles mounted.
type Server struct {
	API      http.Handler
	Consoles []Console
	// MaxSessions bounds the signed-in sessions kept (the least recently
	// used goes first); zero means DefaultMaxSessions.
	MaxSessions int
	// IdleTimeout ends a session unused this long; zero means
	// DefaultIdleTimeout.
	IdleTimeout time.Duration
	// SignInLimit bounds sign-in attempts per client address; zero means
	// DefaultSignInLimit.
	SignInLimit Limit
	Log         *slog.Logger
	Now         func() time.Time
	// TokenDir is set by trex demo alone: the directory in which it wrote
	// each role's token to a file of its own, which the sign-in page then
	// names. Empty everywhere else, where the page says nothing of files.
	TokenDir string

	sessions  *sessions
	handovers *handovers
	signins   *limiter
	pages     *pages
	catalogs  catalogs
	mux       *http.ServeMux
}

// Handler builds the consoles' routes. It returns an error when a
// template or a catalog does not load.
func (s *Server) Handler() (http.Handler, error) {
	if s.API == nil {
		return nil, fmt.Errorf("web: Server.API is required (the process's API handler)")
	}
	if s.Log == nil {
		s.Log = slog.Default()
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.MaxSessions <= 0 {
		s.MaxSessions = DefaultMaxSessions
	}
	if s.IdleTimeout <= 0 {
		s.IdleTimeout = DefaultIdleTimeout
	}
	if s.SignInLimit.Every <= 0 {
		s.SignInLimit = DefaultSignInLimit
	}
	var err error
	if s.catalogs, err = loadCatalogs(); err != nil {
		return nil, err
	}
	if s.pages, err = loadPages(templateFS); err != nil {
		return nil, err
	}
	s.sessions = newSessions(s.MaxSessions, s.IdleTimeout, s.Now)
	s.handovers = newHandovers()
	s.signins = newLimiter(s.SignInLimit, 4096, s.Now)
	mux := http.NewServeMux()
	assets, _ := fs.Sub(assetFS, "assets")
	mux.Handle("GET /assets/", secureHeaders(http.StripPrefix("/assets/", assetServer(http.FileServerFS(assets)))))
	mux.Handle("GET /{$}", s.Page("home", s.handleHome))
	mux.Handle("GET /signin", s.Page("signin", s.handleSignInForm))
	mux.Handle("POST /signin", s.Page("signin", s.handleSignIn))
	mux.Handle("POST /signout", s.Page("signin", s.handleSignOut))
	for _, c := range s.Consoles {
		if c.Routes != nil {
			c.Routes(s, mux)
		}
		// Every other path under the console's is the console's too: a
		// page that does not exist, not an API answer.
		mux.Handle("/"+c.Name+"/", s.Page(c.Name, s.handleNotFound))
	}
	s.mux = mux
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secureHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "cross-origin request refused", http.StatusForbidden)
		})).ServeHTTP(w, r)
	}))
	return cop.Handler(mux), nil
}

// handleNotFound answers a path under a console that has no page.
func (s *Server) handleNotFound(q *Request) error {
	q.SetStatus(http.StatusNotFound)
	q.Error(q.T("problem.notfound"))
	q.Render("error.html", nil)
	return nil
}

// Serves reports whether the console has a route for r (rather than the
// API): Mount sends such requests to the console.
func (s *Server) Serves(r *http.Request) bool {
	_, pattern := s.mux.Handler(r)
	return pattern != ""
}

// Mount serves the consoles at / of the process and every other path
// with api. The rule that keeps the two apart: a request goes to the
// console when the console's own mux has a pattern for its path (the
// console's HTML routes: /, /signin, /signout, /assets/ and /<console>/),
// and to the API otherwise; the API's router, and so its OpenAPI
// document, never holds a console route.
func Mount(api http.Handler, console *Server) (http.Handler, error) {
	ch, err := console.Handler()
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if console.Serves(r) {
			ch.ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	}), nil
}

// console returns the mounted console named name, if any.
func (s *Server) console(name string) (Console, bool) {
	i := slices.IndexFunc(s.Consoles, func(c Console) bool { return c.Name == name })
	if i < 0 {
		return Console{}, false
	}
	return s.Consoles[i], true
}

// landing is the console a principal with role opens after sign-in (one
// whose first role it is, else the first that takes it), or "" when none
// mounted here takes that role.
func (s *Server) landing(role trex.Role) string {
	for _, c := range s.Consoles { // the console made for the role first
		if len(c.Roles) > 0 && c.Roles[0] == role {
			return c.Name
		}
	}
	for _, c := range s.Consoles {
		if slices.Contains(c.Roles, role) {
			return c.Name
		}
	}
	return ""
}

// secureHeaders sets the headers every console answer carries.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// assetServer lets browsers keep the embedded assets for a while.
func assetServer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || r.URL.Path == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}
