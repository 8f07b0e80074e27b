package http

import (
	"net/http"
	"strings"

	"trex"
)

// action names what a request does, for the authorization policy.
type action string

// Actions.
const (
	actionCreateRestriction action = "restriction.create"
	actionReadRestriction   action = "restriction.read"
	actionLiftRestriction   action = "restriction.lift"
	actionCheck             action = "check"
	actionManifest          action = "manifest"
	actionResolveCheck      action = "check.resolve"
	actionReferrals         action = "check.referrals"
	actionAuditChecks       action = "audit.read"
	actionAuditLog          action = "audit.log"
	actionSubjectStatus     action = "subject.status"
	actionAdminTokens       action = "tokens.manage"
	actionReviewRestriction action = "restriction.review"
	actionPersonRequest     action = "person.request" // status, appeal, access log by the person
	actionAppealQueue       action = "appeal.queue"
	actionAppealDecide      action = "appeal.decide"
	actionWhoAmI            action = "token.whoami" // any valid token: who it names
	// actionImportRestrictions starts and follows bulk imports (each row a create).
	actionImportRestrictions action = "restriction.import"
)

// policy is the whole authorization table: which roles may perform which
// action. Issuers are further limited to their own authority's
// restrictions (see ownsRestriction). Nothing outside this file decides who
// may do what.
var policy = map[action][]trex.Role{
	actionCreateRestriction:  {trex.RoleIssuer},
	actionReadRestriction:    {trex.RoleIssuer},
	actionLiftRestriction:    {trex.RoleIssuer},
	actionCheck:              {trex.RoleOfficer, trex.RoleSupervisor},
	actionManifest:           {trex.RoleCarrier, trex.RoleOfficer, trex.RoleSupervisor},
	actionResolveCheck:       {trex.RoleSupervisor},
	actionReferrals:          {trex.RoleSupervisor},
	actionAuditChecks:        {trex.RoleAuditor},
	actionAuditLog:           {trex.RoleAuditor},
	actionSubjectStatus:      {trex.RoleSubject},
	actionAdminTokens:        {trex.RoleAdmin},
	actionReviewRestriction:  {trex.RoleIssuer},
	actionPersonRequest:      {trex.RoleSubject}, // and anyone without a token: openActions
	actionAppealQueue:        {trex.RoleIssuer},  // own authority's appeals only
	actionAppealDecide:       {trex.RoleIssuer},  // own authority's appeals only
	actionImportRestrictions: {trex.RoleIssuer},  // own authority's imports only
	actionWhoAmI: {trex.RoleIssuer, trex.RoleOfficer, trex.RoleSupervisor, trex.RoleAuditor,
		trex.RoleSubject, trex.RoleAdmin, trex.RoleCarrier},
}

// openActions may also be performed without a token: a person without an
// account names themselves by identifiers the handler checks against the
// record, under budgets per client and per identity.
var openActions = map[action]bool{
	actionPersonRequest: true,
}

// allowed reports whether role may perform a.
func allowed(role trex.Role, a action) bool {
	for _, r := range policy[a] {
		if r == role {
			return true
		}
	}
	return false
}

// ownsRestriction reports whether the caller may see or change r: an
// issuer only its own authority's. Callers answer "not found" otherwise,
// so that other authorities' restrictions cannot be probed for.
func ownsRestriction(p *trex.Principal, r *trex.Restriction) bool {
	return p != nil && p.Role == trex.RoleIssuer && p.Authority != "" && p.Authority == r.Authority
}

// authenticate resolves the bearer token into a principal on the context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || strings.TrimSpace(secret) == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="trex"`)
			s.problem(w, r, trex.Errorf(trex.EUNAUTHORIZED, "send an API token as 'Authorization: Bearer <token>'"))
			return
		}
		p, err := s.Tokens.Authenticate(r.Context(), strings.TrimSpace(secret))
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="trex", error="invalid_token"`)
			s.problem(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(trex.NewContextWithPrincipal(r.Context(), p)))
	})
}

// authorize refuses callers whose role may not perform a.
func (s *Server) authorize(a action, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := trex.PrincipalFromContext(r.Context())
		if p == nil || !allowed(p.Role, a) {
			role := trex.Role("")
			if p != nil {
				role = p.Role
			}
			s.problem(w, r, trex.Errorf(trex.EFORBIDDEN, "role %q may not %s", role, a))
			return
		}
		next.ServeHTTP(w, r)
	})
}
