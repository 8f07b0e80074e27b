package http

import (
	"context"
	"io"
	"net/http"
	"slices"

	"trex"
	"trex/audit"
)

// A person asks about themselves without an account by sending the three
// identifiers of trex.SubjectIdentity, or with a subject token and no
// identifiers. Either way the answer for "no restriction" and for "these
// details match nobody" is the same, so the endpoints tell a third party
// nothing about whether a person is restricted; requests are budgeted per
// client address and per identification number, and each is recorded in
// the audit log.

// person is who a person's request is about: the restrictions whose
// record all their identifiers agree with, and the keyed hash the audit
// log keeps of their identifier.
type person struct {
	restrictions []*trex.Restriction
	subjectHash  string
	// candidates are the IDs of every restriction the lookup found, the
	// person's or not: further reads are made for all of them and then
	// narrowed to the person's, so that a near miss costs what a match
	// costs.
	candidates []string
}

// theirs reports whether the restriction with id is the person's.
func (p *person) theirs(id string) bool {
	return slices.ContainsFunc(p.restrictions, func(r *trex.Restriction) bool { return r.ID == id })
}

// readPersonBody reads the request into v; a caller with a subject token
// may send no body at all.
func readPersonBody(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		return jsonError(err)
	}
	if len(body) == 0 && trex.PrincipalFromContext(r.Context()) != nil {
		return nil
	}
	return decodeJSONBody(body, v)
}

// identify finds the person a request names, after spending from the
// person budgets and recording the request in the audit log as entryType.
// A subject token names its holder; otherwise all three identifiers must
// agree with a restriction's record for it to be theirs.
func (s *Server) identify(w http.ResponseWriter, r *http.Request, q trex.SubjectIdentity, entryType string) (*person, error) {
	ctx := r.Context()
	var (
		identity, subject string
		lookup            func(context.Context) ([]*trex.Restriction, error)
		keep              = func(*trex.Restriction) bool { return true }
	)
	if p := trex.PrincipalFromContext(ctx); p != nil {
		// The token names its holder; identifiers sent beside it are
		// not needed and not consulted.
		identity, subject = "token:"+p.TokenID, p.Subject
		lookup = func(ctx context.Context) ([]*trex.Restriction, error) {
			return s.Subjects.RestrictionsOf(ctx, p.Subject)
		}
	} else if invalid := q.Validate(); invalid != nil {
		// Refused, but spent and recorded all the same, so that
		// malformed requests are neither free nor unseen.
		limited := s.spendPerson(w, r, "")
		e := &audit.Entry{Type: entryType, Decision: "invalid"}
		if limited != nil {
			e.Decision, invalid = "rate_limited", limited
		}
		if _, err := s.record(r, e); err != nil {
			return nil, err
		}
		return nil, invalid
	} else {
		id, _ := q.Identifier()
		identity, subject = id.Kind+":"+trex.NormalizeDocumentNumber(id.Value), id.Key()
		finder, byNumber := s.Subjects.(trex.SubjectFinder)
		lookup = func(ctx context.Context) ([]*trex.Restriction, error) {
			if id.Country == "" && byNumber {
				return finder.RestrictionsByNumber(ctx, id.Kind, id.Value)
			}
			return s.Subjects.RestrictionsOf(ctx, id.Key())
		}
		keep = func(x *trex.Restriction) bool { return q.Matches(x.Person) }
	}
	limited := s.spendPerson(w, r, identity)
	who := &person{}
	if s.Audit != nil {
		who.subjectHash = s.Audit.HashIdentifier(subject)
		e := &audit.Entry{Type: entryType, SubjectHash: who.subjectHash, Decision: "answered"}
		if limited != nil {
			e.Decision = "rate_limited"
		}
		if _, err := s.record(r, e); err != nil {
			return nil, err
		}
	}
	if limited != nil {
		return nil, limited
	}
	rs, err := lookup(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range rs {
		who.candidates = append(who.candidates, x.ID)
	}
	who.restrictions = slices.DeleteFunc(rs, func(x *trex.Restriction) bool { return !keep(x) })
	return who, nil
}

// personStatus is the answer to POST /v1/subject/status.
type personStatus struct {
	Restricted   bool                `json:"restricted"`
	Restrictions []personRestriction `json:"restrictions"`
	Appeals      []trex.Appeal       `json:"appeals"`
}

// personRestriction is one restriction as its subject sees it, saying
// whether it applies now.
type personRestriction struct {
	trex.SubjectRestriction
	Applies bool `json:"applies"`
}

// handlePersonStatus answers POST /v1/subject/status: the person's
// restrictions, whether each applies, on what legal basis, by whom, for
// which dates and how to appeal, and their appeals with the decisions.
func (s *Server) handlePersonStatus(w http.ResponseWriter, r *http.Request) {
	var q trex.SubjectIdentity
	if err := readPersonBody(w, r, &q); err != nil {
		s.problem(w, r, err)
		return
	}
	who, err := s.identify(w, r, q, audit.TypeSubjectStatus)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	now := s.Now()
	st := personStatus{Restrictions: []personRestriction{}, Appeals: []trex.Appeal{}}
	for _, x := range who.restrictions {
		applies := x.InForce(now)
		st.Restricted = st.Restricted || applies
		st.Restrictions = append(st.Restrictions, personRestriction{Applies: applies, SubjectRestriction: trex.SubjectRestriction{
			ID: x.ID, Kind: x.Kind, LegalBasis: x.LegalBasis, Authority: x.Authority, Status: x.StatusAt(now),
			ValidFrom: x.ValidFrom, ValidUntil: x.ValidUntil, Appeal: s.appeal(x),
		}})
	}
	if s.Appeals != nil {
		all, err := s.Appeals.AppealsOf(r.Context(), who.candidates)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		for _, a := range all {
			if who.theirs(a.RestrictionID) {
				st.Appeals = append(st.Appeals, a)
			}
		}
	}
	writeJSON(w, http.StatusOK, st)
	// Recorded after the answer has left, so that a match takes no longer
	// to answer than a miss.
	http.NewResponseController(w).Flush()
	s.recordAccess(r.Context(), who, trex.AccessStatusRequest)
}

// recordAccess puts the person's own request on their access log, once per
// restriction it touched.
func (s *Server) recordAccess(ctx context.Context, who *person, kind string) {
	if s.Access == nil {
		return
	}
	for _, x := range who.restrictions {
		e := trex.AccessEvent{At: s.Now().UTC(), Who: "subject", WhoKind: "subject", Kind: kind, RestrictionID: x.ID}
		if err := s.Access.RecordAccess(ctx, e); err != nil {
			s.Log.Error("access log: status request not recorded", "restriction", x.ID, "err", err)
		}
	}
}

// handlePersonAccessLog answers POST /v1/subject/access-log: which
// authorities and border nodes looked at the person's record, and when.
func (s *Server) handlePersonAccessLog(w http.ResponseWriter, r *http.Request) {
	var q trex.SubjectIdentity
	if err := readPersonBody(w, r, &q); err != nil {
		s.problem(w, r, err)
		return
	}
	who, err := s.identify(w, r, q, audit.TypeSubjectAccessLog)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	events := []trex.AccessEvent{}
	if s.Access != nil && len(who.candidates) > 0 {
		got, err := s.Access.AccessEvents(r.Context(), who.candidates)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		for _, e := range got {
			if who.theirs(e.RestrictionID) {
				events = append(events, e)
			}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"access": events})
}
