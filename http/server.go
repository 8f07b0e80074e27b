// Package http is trex's JSON API over net/http: restrictions for issuers,
// checks for border officers, health for operators. It authenticates every
// call with a bearer token, authorizes it in one place (authz.go), and turns
// domain errors into RFC 9457 problem+json answers.
//
// It offers no endpoint that lists or searches the register.
package http

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"trex"
	"trex/audit"
)

// MaxBodyBytes bounds every request body.
const MaxBodyBytes = 1 << 20

// Server holds the services the API exposes. A registry process sets
// Registry; a border node sets Checks; the demo sets both.
type Server struct {
	Registry trex.RestrictionService
	// Outbox, with Registry, shows an issuer the changes of a restriction
	// that have not left the registry yet (waiting or parked, and why).
	Outbox   trex.Outbox
	Checks   trex.CheckService
	CheckLog trex.CheckLog       // where checks are recorded (with Checks)
	Subjects trex.SubjectService // subject access (with Registry)
	// Access, with Registry, records and lists who looked at a person's
	// record (the person's access log).
	Access trex.AccessLog
	// Records, with CheckLog, lets a supervisor open a referral with the
	// records it matched (GET /v1/referrals/{id}).
	Records RecordReader
	// Lifecycle, with Registry, serves issuers the restrictions due for
	// review and takes their reviews.
	Lifecycle trex.LifecycleService
	// Appeals, with Registry and Subjects, lets persons appeal and
	// issuers decide (POST /v1/appeals, GET /v1/appeals, decide).
	Appeals trex.AppealService
	// Notices, when set, queues notices of appeals filed and decided.
	Notices trex.NoticeOutbox
	// PersonClientLimit and PersonIdentityLimit bound persons' requests
	// per client address and per identification number; zero means
	// DefaultPersonClientLimit, DefaultPersonIdentityLimit.
	PersonClientLimit, PersonIdentityLimit RateLimit
	Kinds                                  trex.Kinds // restriction kinds, for appeal routes; empty: trex.DefaultKinds
	Tokens                                 trex.TokenService
	Node                                   string // the border node's name, for the check log
	// Audit is the node's tamper-evident log: every check, resolution,
	// subject request and token change is appended to it, and its
	// checkpoints and proofs are served under /v1/audit/. AuditPublic
	// serves the checkpoint and the proofs without a token.
	Audit       *audit.Log
	AuditPublic bool
	// TokenBudgets bounds the travellers each token of a role may have
	// screened; RoleBudgets bounds all tokens of a role together (a zero
	// budget there lifts DefaultRoleBudgets' bound for that role).
	TokenBudgets, RoleBudgets map[trex.Role]RateLimit
	// CheckTimeout and ManifestTimeout bound the work of one check and of
	// one manifest; zero means DefaultCheckTimeout, DefaultManifestTimeout.
	CheckTimeout, ManifestTimeout time.Duration
	// ManifestWorkers bounds how many travellers all manifests together
	// screen at once, so that single checks keep cores of their own; zero
	// means half the cores (at least one).
	ManifestWorkers int
	// RateLimit bounds the travellers each token may have screened (checks
	// and manifests), for every role TokenBudgets does not name; zero means
	// DefaultTokenBudgets, then DefaultRateLimit.
	RateLimit RateLimit
	Log       *slog.Logger
	// Health reports component state for /healthz; nil means "ok".
	Health func(ctx context.Context) map[string]any
	// Metrics, when set, is served at GET /metrics without authentication.
	Metrics http.Handler
	Now     func() time.Time

	// Ready decides /readyz: nil error (or a nil Ready) is ready; an
	// error says why not (a 503 problem). /healthz stays liveness only.
	Ready func(ctx context.Context) error
	// KnownAuthority returns an error unless an issuer token may be made
	// for authority (it is on the trust list); nil allows any authority.
	KnownAuthority func(authority string) error

	// ExemptAuthorities may keep their reads from persons' access logs
	// with the Trex-Access-Exempt header (HeaderAccessExempt).
	ExemptAuthorities []string

	mux      *router
	limiters limiters
	screens  screens
	persons  personLimits
	imports  imports
	routes   []string
}

// Handler builds the routes.
func (s *Server) Handler() http.Handler {
	if s.Log == nil {
		s.Log = slog.Default()
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	s.limiters = limiters{token: s.tokenBudget, role: s.roleBudget}
	s.screens.init(s)
	s.mux = newRouter(func(pattern string, h http.Handler) http.Handler { return s.negotiate(produces(pattern), h) })
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("GET /readyz", s.handleReady)
	s.mux.HandleFunc("GET /openapi.yaml", s.handleOpenAPI)
	if s.Metrics != nil {
		s.mux.Handle("GET /metrics", s.Metrics)
	}
	if s.Registry != nil {
		s.route("POST /v1/restrictions", actionCreateRestriction, s.handleCreateRestriction)
		s.route("GET /v1/restrictions/{id}", actionReadRestriction, s.handleGetRestriction)
		s.route("POST /v1/restrictions/{id}/lift", actionLiftRestriction, s.handleLiftRestriction)
	}
	if s.Registry != nil && s.Lifecycle != nil {
		s.route("GET /v1/reviews", actionReviewRestriction, s.handleReviewQueue)
		s.route("POST /v1/restrictions/{id}/review", actionReviewRestriction, s.handleReviewRestriction)
	}
	if s.Access != nil {
		s.route("GET /v1/audit/access-exempt", actionAuditChecks, s.handleAccessExempt)
	}
	if _, ok := s.Access.(trex.ReportedChecks); ok {
		s.route("GET /v1/audit/check-reports", actionAuditChecks, s.handleCheckReports)
	}
	if s.Subjects != nil {
		s.route("GET /v1/me", actionSubjectStatus, s.handleSubjectStatus)
		s.routeOpen("POST /v1/subject/status", actionPersonRequest, s.handlePersonStatus)
		s.routeOpen("POST /v1/subject/access-log", actionPersonRequest, s.handlePersonAccessLog)
	}
	if s.Subjects != nil && s.Registry != nil && s.Appeals != nil {
		s.routeOpen("POST /v1/appeals", actionPersonRequest, s.handleFileAppeal)
		s.route("GET /v1/appeals", actionAppealQueue, s.handleAppealQueue)
		s.route("POST /v1/appeals/{id}/decide", actionAppealDecide, s.handleDecideAppeal)
	}
	if s.Checks != nil {
		s.route("POST /v1/checks", actionCheck, s.limit(http.HandlerFunc(s.handleCheck)).ServeHTTP)
	}
	if s.Checks != nil {
		s.route("POST /v1/manifests", actionManifest, s.limit(http.HandlerFunc(s.handleManifest)).ServeHTTP)
	}
	if s.CheckLog != nil {
		s.route("POST /v1/checks/{id}/resolve", actionResolveCheck, s.handleResolveCheck)
		s.route("GET /v1/audit/checks", actionAuditChecks, s.handleAuditChecks)
		s.route("GET /v1/referrals", actionReferrals, s.handleReferrals)
	}
	if s.CheckLog != nil && s.Records != nil {
		s.route("GET /v1/referrals/{id}", actionReferrals, s.handleReferral)
	}
	if s.Tokens != nil {
		s.route("GET /v1/whoami", actionWhoAmI, s.handleWhoAmI)
		s.route("POST /v1/tokens", actionAdminTokens, s.handleCreateToken)
		s.route("GET /v1/tokens", actionAdminTokens, s.handleListTokens)
		s.route("POST /v1/tokens/{id}/revoke", actionAdminTokens, s.handleRevokeToken)
	}
	s.auditRoutes()
	s.consoleRoutes()
	s.mux.fallback(s.handleNoRoute)
	return s.recoverer(s.mux)
}

// route registers a handler behind authentication and the authorization
// policy for action (and, as every route, content negotiation).
func (s *Server) route(pattern string, action action, h http.HandlerFunc) {
	s.routes = append(s.routes, pattern)
	s.mux.Handle(pattern, s.authenticate(s.authorize(action, h)))
}

// routeOpen registers a handler that a caller without a token may use
// (a person without an account); a caller who sends a token is
// authenticated and authorized for action as on any route.
func (s *Server) routeOpen(pattern string, action action, h http.HandlerFunc) {
	s.routes = append(s.routes, pattern)
	authed := s.authenticate(s.authorize(action, h))
	s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" && openActions[action] {
			h(w, r)
			return
		}
		authed.ServeHTTP(w, r)
	}))
}

// recoverer turns a panic in a handler into a 500 problem instead of a
// dropped connection, and logs it.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Log.Error("handler panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.problem(w, r, trex.Errorf(trex.EINTERNAL, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	body := map[string]any{"status": "ok"}
	if s.Health != nil {
		for k, v := range s.Health(r.Context()) {
			body[k] = v
		}
	}
	writeJSON(w, http.StatusOK, body)
}

// Routes lists the authenticated routes Handler registered ("METHOD /path").
func (s *Server) Routes() []string { return s.routes }

// Patterns lists every route Handler registered ("METHOD /path"), with or
// without authentication, in the order registered.
func (s *Server) Patterns() []string { return s.mux.Patterns() }
