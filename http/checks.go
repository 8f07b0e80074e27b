package http

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"trex"
	"trex/audit"
	"trex/ftm"
	"trex/mrz"
)

// checkRequest is the body of POST /v1/checks: a traveller as a
// FollowTheMoney Person entity, or the machine-readable zone of their
// travel document.
type checkRequest struct {
	// Traveller is decoded with the rest of the body, in one pass (unknown
	// fields refused as at the top), and converted by ftm.ToPerson.
	Traveller *ftm.Entity `json:"traveller,omitempty"`
	MRZ       string      `json:"mrz,omitempty"`
	// OCR reads the zone tolerantly: an unambiguous misread (O for 0 in a
	// number, say) is corrected and listed in the answer's document.
	OCR bool `json:"ocr,omitempty"`
	// Reason is why a supervisor checks a traveller without a birth date
	// or a read document; it is recorded in the check log.
	Reason string `json:"reason,omitempty"`
}

// checkResponse is the decision as the API shows it.
type checkResponse struct {
	CheckID  string        `json:"check_id,omitempty"`
	Decision trex.Verdict  `json:"decision"`
	Matches  []trex.Match  `json:"matches"`
	DataAsOf time.Time     `json:"data_as_of"`
	Document *documentRead `json:"document,omitempty"`
	// LogIndex is the check's position in the node's audit log; Signature
	// is the decision as evidence: the check's entry (with the hash of the
	// request as received, the verdict and the restrictions shown) proven
	// in a checkpoint the node signed (audit.Receipt.Evidence). handleCheck
	// leaves Signature empty and has writeCheckAnswer add it, escaped once;
	// the field states the answer's shape.
	LogIndex  *int64 `json:"log_index,omitempty"`
	Signature string `json:"signature,omitempty"`
}

// documentRead says which document a check was made on.
type documentRead struct {
	Format         string           `json:"format"`
	DocumentCode   string           `json:"document_code"`
	IssuingState   string           `json:"issuing_state"`
	DocumentNumber string           `json:"document_number"`
	Surname        string           `json:"surname"`
	GivenNames     string           `json:"given_names"`
	BirthDate      string           `json:"birth_date"`
	Nationality    string           `json:"nationality"`
	Sex            string           `json:"sex"`
	ExpiryDate     string           `json:"expiry_date"`
	Truncated      bool             `json:"truncated"`
	Corrections    []mrz.Correction `json:"corrections,omitempty"`
	// NumberCheckWithFiller: a long number's check digit counts the
	// filler after its ninth character, as some issuers compute it.
	NumberCheckWithFiller bool `json:"number_check_with_filler,omitempty"`
	// National is what the zone says under its issuer's rules: the
	// decoded name, the national identifier screened with the document.
	National *mrz.National `json:"national,omitempty"`
	// Warnings are what the officer should hear about the document: an
	// unknown code, a name split in doubt, an expired document.
	Warnings []mrz.Warning `json:"warnings,omitempty"`
}

// readDocument is the document block of a check's answer.
func readDocument(z *mrz.Zone) *documentRead {
	return &documentRead{Format: string(z.Format), DocumentCode: z.DocumentCode, IssuingState: z.IssuingState,
		DocumentNumber: z.DocumentNumber, Surname: z.Surname, GivenNames: strings.Join(z.GivenNames, " "),
		BirthDate: z.BirthDate.String(), Nationality: z.Nationality, Sex: string(z.Sex), ExpiryDate: z.ExpiryDate.String(),
		Truncated: z.Truncated, Corrections: z.Corrections, NumberCheckWithFiller: z.NumberCheckWithFiller,
		National: z.National, Warnings: z.Warnings}
}

func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	var req checkRequest
	body, err := readJSON(w, r, &req)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	hasTraveller := req.Traveller != nil
	var (
		person trex.Person
		doc    *documentRead
		source = "form"
	)
	switch {
	case hasTraveller && req.MRZ != "":
		s.problem(w, r, trex.Errorf(trex.EINVALID, "send either traveller or mrz, not both"))
		return
	case req.MRZ != "":
		z, err := (mrz.Reader{Now: s.Now, OCR: req.OCR}).Read(req.MRZ)
		if err != nil {
			s.problem(w, r, trex.Errorf(trex.EINVALID, "mrz: %v", err))
			return
		}
		person, source = z.Person(), "mrz:"+string(z.Format)
		doc = readDocument(z)
	case hasTraveller:
		var err error
		if person, err = ftm.ToPerson(*req.Traveller, ftm.Options{Strict: true}); err != nil {
			s.problem(w, r, err)
			return
		}
	default:
		s.problem(w, r, trex.Errorf(trex.EINVALID, "traveller: required; send a FollowTheMoney Person entity as traveller, or the document's zone as mrz"))
		return
	}
	reason, err := boothCheckAllowed(trex.PrincipalFromContext(r.Context()), person, doc != nil, req.Reason)
	if err != nil {
		s.screens.refused(RefusedIncomplete)
		s.problem(w, r, err)
		return
	}
	if reason != "" {
		source += ":name-only"
	}
	if err := s.spend(w, r, 1); err != nil {
		s.problem(w, r, err)
		return
	}
	d, rc, err := s.check(r, person, source, reason, body)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	matches := visibleMatches(trex.PrincipalFromContext(r.Context()), d.Matches)
	resp := checkResponse{CheckID: d.CheckID, Decision: d.Verdict, Matches: matches, DataAsOf: d.DataAsOf, Document: doc}
	if rc != nil {
		resp.LogIndex = &rc.Index
	}
	// The evidence is the answer's signature field, written apart from
	// the rest (writeCheckAnswer): the check's entry (the request's hash,
	// the verdict, the restrictions matched, which are those shown)
	// proven in the checkpoint the log signed for the batch the check was
	// committed in.
	if err := writeCheckAnswer(w, http.StatusOK, resp, rc); err != nil {
		s.problem(w, r, err)
	}
}

// boothCheckAllowed says whether the caller may have person screened. A
// check needs what a booth has: a full birth date or a read document
// zone. Only a supervisor may check on less (a name alone), and only with
// a reason, which is returned to be recorded in the check log.
func boothCheckAllowed(p *trex.Principal, person trex.Person, readDocument bool, reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if readDocument || person.BirthDate.IsFull() {
		return "", nil
	}
	if p == nil || p.Role != trex.RoleSupervisor {
		return "", trex.Errorf(trex.EINVALID, "traveller: a full birth date (birthDate, YYYY-MM-DD) is needed, or send the document's zone as mrz; a check on the name alone is a supervisor's, with a reason")
	}
	if reason == "" {
		return "", trex.Errorf(trex.EINVALID, "reason: a check without a full birth date or a read document needs a reason; say why, it is recorded in the check log")
	}
	if len(reason) > maxReasonBytes {
		return "", trex.Errorf(trex.EINVALID, "reason: %d bytes; at most %d", len(reason), maxReasonBytes)
	}
	return reason, nil
}

// maxReasonBytes bounds a supervisor's reason.
const maxReasonBytes = 1000

// check screens one traveller within CheckTimeout and writes the check to
// the log, with the supervisor's reason when there is one.
func (s *Server) check(r *http.Request, person trex.Person, source, reason string, body []byte) (*trex.Decision, *audit.Receipt, error) {
	ctx, cancel := context.WithTimeout(r.Context(), s.CheckTimeout)
	defer cancel()
	d, err := s.Checks.Check(ctx, person)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		s.screens.refused(refusalReason(err))
		s.Log.Warn("traveller not screened", "source", source, "err", err)
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, nil, trex.Errorf(trex.EUNAVAILABLE, "check: not finished within %s; try again", s.CheckTimeout)
		}
		return nil, nil, err
	}
	rcs, err := s.logChecks(r, []*trex.Decision{d}, []trex.Person{person}, source, reason, body)
	if err != nil {
		return nil, nil, err
	}
	return d, rcs[0], nil
}

// logChecks records decisions in the check log (skipping nil ones) and
// sets their CheckIDs, then appends them to the audit log, with the
// travellers' documents (hashed) and the request body as received (its
// hash), returning each decision's place in the audit log (nil where
// there is none). A check that cannot be logged is not answered.
func (s *Server) logChecks(r *http.Request, ds []*trex.Decision, travellers []trex.Person, source, reason string, body []byte) ([]*audit.Receipt, error) {
	out := make([]*audit.Receipt, len(ds))
	if s.Audit == nil {
		return out, s.logOperational(r, ds, source, reason)
	}
	// The check IDs are chosen here, so that both logs name each check
	// alike. The check log is written alongside the audit log: the check
	// records of all the callers whose entries the audit log commits
	// together are written in one transaction (checkLogFollower), once
	// per batch of the audit log, while it commits them; a check is
	// answered once both are written.
	for _, d := range ds {
		if d != nil {
			d.CheckID = trex.NewCheckID(s.Now())
		}
	}
	entries := s.checkEntries(r, ds, travellers, source, reason, body)
	if len(entries) == 0 {
		return out, nil
	}
	var rcs []audit.Receipt
	var err error
	if recs := s.checkRecords(r, ds, source, reason); len(recs) > 0 {
		rcs, err = s.Audit.AppendManyThen(r.Context(), entries, (*checkLogFollower)(s), recs)
	} else {
		rcs, err = s.Audit.AppendMany(r.Context(), entries)
	}
	var cle checkLogError
	if errors.As(err, &cle) {
		return nil, cle.err
	}
	if err != nil {
		s.Log.Error("audit log: checks not recorded", "err", err)
		return nil, trex.Errorf(trex.EUNAVAILABLE, "the audit log cannot record checks now; try again")
	}
	k := 0
	for i, d := range ds {
		if d != nil {
			out[i] = &rcs[k]
			k++
		}
	}
	return out, nil
}

// logOperational records decisions in the node's check log (skipping nil
// ones) under their CheckIDs, setting those that have none.
func (s *Server) logOperational(r *http.Request, ds []*trex.Decision, source, reason string) error {
	if s.CheckLog == nil {
		return nil
	}
	recs := s.checkRecords(r, ds, source, reason)
	if len(recs) == 0 {
		return nil
	}
	if err := s.CheckLog.RecordChecks(r.Context(), recs); err != nil {
		return err
	}
	k := 0
	for _, d := range ds {
		if d != nil {
			d.CheckID = recs[k].ID
			k++
		}
	}
	return nil
}

// checkRecords are the check-log records of decisions (nil ones skipped),
// in order; none when the node keeps no check log.
func (s *Server) checkRecords(r *http.Request, ds []*trex.Decision, source, reason string) []*trex.CheckRecord {
	if s.CheckLog == nil {
		return nil
	}
	officer := trex.PrincipalFromContext(r.Context()).TokenID
	var recs []*trex.CheckRecord
	for _, d := range ds {
		if d == nil {
			continue
		}
		rec := &trex.CheckRecord{ID: d.CheckID, Node: s.Node, Officer: officer, Verdict: d.Verdict, Document: source, Reason: reason}
		for _, m := range d.Matches {
			rec.RestrictionIDs = append(rec.RestrictionIDs, m.RestrictionID)
		}
		recs = append(recs, rec)
	}
	return recs
}

type resolveRequest struct {
	Resolution string `json:"resolution"`  // confirmed | dismissed
	ReasonCode string `json:"reason_code"` // one of trex.ResolutionCodes[Resolution]
	Reason     string `json:"reason"`
}

// handleResolveCheck lets a supervisor confirm or dismiss a referred or hit check.
func (s *Server) handleResolveCheck(w http.ResponseWriter, r *http.Request) {
	var req resolveRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	p := trex.PrincipalFromContext(r.Context())
	rec, err := s.CheckLog.ResolveCheck(r.Context(), r.PathValue("id"), req.Resolution, req.ReasonCode, p.TokenID, strings.TrimSpace(req.Reason))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if _, err := s.record(r, &audit.Entry{Type: audit.TypeResolve, CheckID: rec.ID, Resolution: rec.Resolution,
		ReasonHash: audit.TextHash(rec.ResolveReason), Decision: string(rec.Verdict), ReasonCode: rec.ReasonCode}); err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rec)
}

// handleAuditChecks lets an auditor read the check log in time order. It
// carries no names: the log cannot be searched for persons.
func (s *Server) handleAuditChecks(w http.ResponseWriter, r *http.Request) {
	since, err := parseTime("since", r.URL.Query().Get("since"), false)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 1000 {
			s.problem(w, r, trex.Errorf(trex.EINVALID, "limit: want a number from 1 to 1000"))
			return
		}
	}
	recs, err := s.CheckLog.ChecksSince(r.Context(), since, limit)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"checks": recs})
}
