package http

import (
	"net/http"
	"slices"
	"strings"
	"sync"

	"trex"
)

// router is a ServeMux that remembers the patterns registered on it, so
// that the OpenAPI document and the Allow header are derived from the
// routes a process really serves, wherever they were registered.
// Every route it registers is content-negotiated first (see produces), so
// that a route added anywhere refuses an Accept it cannot meet.
type router struct {
	*http.ServeMux
	// wrap puts content negotiation in front of a route's handler.
	wrap     func(pattern string, h http.Handler) http.Handler
	mu       sync.Mutex
	patterns []string
}

func newRouter(wrap func(pattern string, h http.Handler) http.Handler) *router {
	return &router{ServeMux: http.NewServeMux(), wrap: wrap}
}

// Handle registers h for pattern, behind content negotiation, and records
// the pattern.
func (m *router) Handle(pattern string, h http.Handler) {
	m.mu.Lock()
	m.patterns = append(m.patterns, pattern)
	m.mu.Unlock()
	m.ServeMux.Handle(pattern, m.wrap(pattern, h))
}

// HandleFunc registers f for pattern and records the pattern.
func (m *router) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(f))
}

// fallback answers every request no route matches; it is not a route.
func (m *router) fallback(f http.HandlerFunc) { m.ServeMux.Handle("/", f) }

// Patterns returns the recorded patterns, in the order registered.
func (m *router) Patterns() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.patterns)
}

// has reports whether a route was registered for pattern.
func (m *router) has(pattern string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Contains(m.patterns, pattern)
}

// methods lists the request methods.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

// allowed returns the methods some route serves for r's path.
func (m *router) allowed(r *http.Request) []string {
	var out []string
	for _, method := range methods {
		probe := r.Clone(r.Context())
		probe.Method = method
		if _, pattern := m.ServeMux.Handler(probe); pattern != "" && pattern != "/" {
			out = append(out, method)
		}
	}
	return out
}

// handleNoRoute answers a request no route matches: 405 with the methods
// the path does take (Allow), or 404 when the path is not served at all.
func (s *Server) handleNoRoute(w http.ResponseWriter, r *http.Request) {
	if allow := s.mux.allowed(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.problem(w, r, trex.Errorf(EMETHOD, "%s does not take %s; use %s", r.URL.Path, r.Method, strings.Join(allow, " or ")))
		return
	}
	s.problem(w, r, trex.Errorf(trex.ENOTFOUND, "no such endpoint: %s %s", r.Method, r.URL.Path))
}
