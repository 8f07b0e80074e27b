package http

import (
	"net/http"
	"strconv"
	"strings"

	"trex"
	"trex/audit"
)

// appealRequest is the body of POST /v1/appeals: the three identifiers
// (unless a subject token is sent), the restriction and why.
type appealRequest struct {
	trex.SubjectIdentity
	RestrictionID string `json:"restriction_id"`
	Reason        string `json:"reason"`
}

// handleFileAppeal files a person's appeal against one of their own
// restrictions, due for decision by the deadline of its kind. A
// restriction that is not the person's (or details that match nobody) is
// "not found", the same answer as for an unknown restriction.
func (s *Server) handleFileAppeal(w http.ResponseWriter, r *http.Request) {
	var req appealRequest
	if err := readPersonBody(w, r, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	who, err := s.identify(w, r, req.SubjectIdentity, audit.TypeAppealFiled)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if strings.TrimSpace(req.RestrictionID) == "" {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "restriction_id: required; name the restriction you appeal against (its id is in your status)"))
		return
	}
	if err := trex.CheckReason("reason", req.Reason); err != nil {
		s.problem(w, r, err)
		return
	}
	var target *trex.Restriction
	for _, x := range who.restrictions {
		if x.ID == strings.TrimSpace(req.RestrictionID) {
			target = x
		}
	}
	if target == nil {
		s.problem(w, r, trex.Errorf(trex.ENOTFOUND, "no restriction %q on the person you named; check the id and your details", req.RestrictionID))
		return
	}
	now := s.Now()
	if st := target.StatusAt(now); st == trex.StatusLifted || st == trex.StatusExpired {
		s.problem(w, r, trex.Errorf(trex.ECONFLICT, "restriction %s is %s already; there is nothing to appeal", target.ID, st))
		return
	}
	kind, _ := s.Kinds.Lookup(target.Kind)
	a := &trex.Appeal{RestrictionID: target.ID, Authority: target.Authority, Kind: target.Kind,
		Reason: strings.TrimSpace(req.Reason), DueAt: now.Add(kind.AppealDeadline()).UTC()}
	if err := s.Appeals.FileAppeal(r.Context(), a); err != nil {
		s.problem(w, r, err)
		return
	}
	if _, err := s.record(r, &audit.Entry{Type: audit.TypeAppealFiled, RestrictionID: a.RestrictionID, Authority: a.Authority,
		Kind: a.Kind, Status: a.Status, SubjectHash: who.subjectHash, ReasonHash: audit.TextHash(a.Reason), Decision: "filed " + a.ID}); err != nil {
		s.problem(w, r, err)
		return
	}
	s.notify(r, trex.NoticesForAppeal(trex.NoticeAppealFiled, a, target, now))
	writeJSON(w, http.StatusCreated, map[string]any{"id": a.ID, "status": a.Status, "due_at": a.DueAt})
}

// queuedAppeal is an appeal in an authority's queue, with its age.
type queuedAppeal struct {
	trex.Appeal
	AgeSeconds int64 `json:"age_seconds"`
	Overdue    bool  `json:"overdue"`
}

// handleAppealQueue lists the caller's authority's pending appeals, the
// overdue first, each with its age and deadline.
func (s *Server) handleAppealQueue(w http.ResponseWriter, r *http.Request) {
	p := trex.PrincipalFromContext(r.Context())
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			s.problem(w, r, trex.Errorf(trex.EINVALID, "limit: want a number from 1 to 1000"))
			return
		}
		limit = n
	}
	q, err := s.Appeals.AppealQueue(r.Context(), p.Authority, limit)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	now := s.Now()
	out, overdue := []queuedAppeal{}, 0
	for _, a := range q {
		late := a.Overdue(now)
		if late {
			overdue++
		}
		out = append(out, queuedAppeal{Appeal: a, AgeSeconds: int64(now.Sub(a.FiledAt).Seconds()), Overdue: late})
	}
	writeJSON(w, http.StatusOK, map[string]any{"appeals": out, "overdue": overdue})
}

// decideRequest is the body of POST /v1/appeals/{id}/decide.
type decideRequest struct {
	Outcome string `json:"outcome"`
	Reason  string `json:"reason"`
}

// handleDecideAppeal records the authority's decision on one of its
// appeals. "lift" lifts the restriction through the registry first, so
// that it propagates like any lift; an appeal is decided once.
func (s *Server) handleDecideAppeal(w http.ResponseWriter, r *http.Request) {
	var req decideRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	status := map[string]string{trex.OutcomeUphold: trex.AppealUpheld, trex.OutcomeLift: trex.AppealLifted}[req.Outcome]
	if status == "" {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "outcome %q: want %q or %q", req.Outcome, trex.OutcomeUphold, trex.OutcomeLift))
		return
	}
	reason := strings.TrimSpace(req.Reason)
	if err := trex.CheckReason("reason", reason); err != nil {
		s.problem(w, r, err)
		return
	}
	ctx := r.Context()
	id := r.PathValue("id")
	a, err := s.Appeals.FindAppeal(ctx, id)
	if err == nil && a.Authority != trex.PrincipalFromContext(ctx).Authority {
		err = trex.Errorf(trex.ENOTFOUND, "appeal %q not found", id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if a.Status != trex.AppealPending {
		s.problem(w, r, trex.Errorf(trex.ECONFLICT, "appeal %s was decided already (%s)", a.ID, a.Status))
		return
	}
	target, err := s.Registry.FindRestriction(ctx, a.RestrictionID)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if status == trex.AppealLifted {
		lifted, err := s.Registry.LiftRestriction(ctx, a.RestrictionID, "appeal "+a.ID+" granted: "+reason)
		// A restriction that ended meanwhile needs no lift.
		if err != nil && trex.ErrorCode(err) != trex.ECONFLICT {
			s.problem(w, r, err)
			return
		}
		if err == nil {
			target = lifted
		}
	}
	decided, err := s.Appeals.DecideAppeal(ctx, a.ID, status, reason)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if _, err := s.record(r, &audit.Entry{Type: audit.TypeAppealDecided, RestrictionID: decided.RestrictionID,
		Authority: decided.Authority, Kind: decided.Kind, Status: decided.Status, ReasonHash: audit.TextHash(reason),
		Decision: "decided " + decided.ID}); err != nil {
		s.problem(w, r, err)
		return
	}
	s.notify(r, trex.NoticesForAppeal(trex.NoticeAppealDecided, decided, target, s.Now()))
	writeJSON(w, http.StatusOK, decided)
}

// notify queues notices in the outbox (when there is one); a notice that
// cannot be queued is logged, and the action it tells of stands.
func (s *Server) notify(r *http.Request, ns []trex.Notice) {
	if s.Notices == nil || len(ns) == 0 {
		return
	}
	if err := s.Notices.EnqueueNotices(r.Context(), ns); err != nil {
		s.Log.Error("notices not queued", "event", ns[0].Event, "restriction", ns[0].RestrictionID, "err", err)
	}
}
