package http

import (
	"context"
	"net/http"
	"strings"

	"trex"
	"trex/mrz"
	"trex/paxlst"
)

// manifestRequest is a manifest sent as JSON: the shape trex paxlst prints.
type manifestRequest struct {
	Flight     string                    `json:"flight"`
	Departure  string                    `json:"departure"`
	Arrival    string                    `json:"arrival"`
	Travellers []paxlst.TravellerSummary `json:"travellers"`
	Warnings   []string                  `json:"warnings,omitempty"`
}

// manifestAnswer is the interactive answer for one traveller.
type manifestAnswer struct {
	Index      int           `json:"index"` // position in the manifest, from 0
	Role       paxlst.Role   `json:"role"`
	Surname    string        `json:"surname"`
	GivenNames string        `json:"given_names"`
	Answer     paxlst.Answer `json:"answer"` // board | do_not_board | refer
	CheckID    string        `json:"check_id,omitempty"`
	// LogIndex is the check's position in the node's audit log, shown to
	// border staff.
	LogIndex *int64 `json:"log_index,omitempty"`
	// Decision and Matches are shown to border staff, never to carriers.
	Decision trex.Verdict `json:"decision,omitempty"`
	Matches  []trex.Match `json:"matches,omitempty"`
	// Error says why the traveller was not screened (and so is refer).
	Error string `json:"error,omitempty"`

	// References repeats the traveller's references from the manifest, so
	// that the answer can be matched to its traveller.
	References []paxlst.Reference `json:"references,omitempty"`
}

type manifestResponse struct {
	Flight     string           `json:"flight"`
	Departure  string           `json:"departure"`
	Arrival    string           `json:"arrival"`
	Travellers []manifestAnswer `json:"travellers"`
	Warnings   []string         `json:"warnings"`
}

// MaxManifestTravellers bounds one manifest; a wide-body aircraft carries
// fewer than a thousand people.
const MaxManifestTravellers = 1000

// handleManifest screens every traveller of a carrier's manifest, sent as
// UN/EDIFACT PAXLST (Content-Type: application/edifact) or as JSON, and
// answers board / do-not-board / refer for each, as JSON or, when the
// request accepts application/edifact, as a CUSRES interchange. A manifest
// without a Content-Type is read by its first bytes.
//
// Every traveller needs a name (else the manifest is refused, naming the
// traveller) and is screened only with a full birth date and, for a
// carrier, a travel document number; one without is answered refer with
// an error saying what is missing, and counted. Each traveller counts
// against the caller's budgets.
func (s *Server) handleManifest(w http.ResponseWriter, r *http.Request) {
	var (
		sum paxlst.Summary
		ic  *paxlst.Interchange
	)
	body, format, err := readManifest(w, r)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	switch format {
	case formatPAXLST:
		if ic, err = paxlst.Parse(body); err != nil {
			s.problem(w, r, trex.Errorf(trex.EINVALID, "manifest: %v", err))
			return
		}
		sum = ic.Summary()
	case formatJSON:
		var req manifestRequest
		if err := decodeJSONBody(body, &req); err != nil {
			s.problem(w, r, err)
			return
		}
		sum = paxlst.Summary{Flight: req.Flight, Departure: req.Departure, Arrival: req.Arrival, Travellers: req.Travellers, Warnings: []string{}}
	}
	if len(sum.Travellers) == 0 {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "manifest: no travellers"))
		return
	}
	if len(sum.Travellers) > MaxManifestTravellers {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "manifest: %d travellers; at most %d per manifest", len(sum.Travellers), MaxManifestTravellers))
		return
	}
	wantCUSRES := preferred(r.Header.Values("Accept"), manifestTypes) == typeEDIFACT
	if wantCUSRES && ic == nil {
		s.problem(w, r, trex.Errorf(trex.EINVALID, "a CUSRES answer needs the manifest as PAXLST; send it as application/edifact or accept application/json"))
		return
	}
	var persons []trex.Person
	if ic != nil {
		persons = ic.Persons()
	} else {
		persons = make([]trex.Person, len(sum.Travellers))
		for i, t := range sum.Travellers {
			if persons[i], err = travellerPerson(i, t); err != nil {
				s.problem(w, r, err)
				return
			}
		}
	}
	if len(persons) != len(sum.Travellers) {
		s.problem(w, r, trex.Errorf(trex.EINTERNAL, "manifest: %d persons for %d travellers", len(persons), len(sum.Travellers)))
		return
	}
	caller := trex.PrincipalFromContext(r.Context())
	staff := caller.Role != trex.RoleCarrier
	incomplete := make([]string, len(persons))
	skip := make([]bool, len(persons))
	for i, p := range persons {
		if err := manifestTravellerValid(i, p); err != nil {
			s.problem(w, r, err)
			return
		}
		if incomplete[i] = missingForManifest(p, staff); incomplete[i] != "" {
			skip[i] = true
			s.screens.refused(RefusedIncomplete)
		}
	}
	if err := s.spend(w, r, len(persons)); err != nil {
		s.problem(w, r, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.ManifestTimeout)
	defer cancel()
	ds, errs := s.screenMany(ctx, persons, skip)
	if err := ctx.Err(); err != nil {
		if r.Context().Err() == nil {
			s.problem(w, r, trex.Errorf(trex.EUNAVAILABLE, "manifest: not screened within %s; send it again, or in parts", s.ManifestTimeout))
		}
		return
	}
	rcs, err := s.logChecks(r, ds, persons, "manifest", "", body)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	resp := manifestResponse{Flight: sum.Flight, Departure: sum.Departure, Arrival: sum.Arrival, Warnings: sum.Warnings, Travellers: []manifestAnswer{}}
	verdicts := make([]paxlst.Verdict, len(persons))
	for i, d := range ds {
		a := manifestAnswer{Index: i, Role: sum.Travellers[i].Role, Surname: sum.Travellers[i].Surname, GivenNames: sum.Travellers[i].GivenNames, References: sum.Travellers[i].References}
		switch {
		case d != nil:
			a.Answer, a.CheckID = paxlst.AnswerFor(d.Verdict), d.CheckID
			if staff {
				a.Decision, a.Matches = d.Verdict, visibleMatches(caller, d.Matches)
				if rcs[i] != nil {
					a.LogIndex = &rcs[i].Index
				}
			}
		case incomplete[i] != "":
			a.Answer, a.Error = paxlst.Refer, "not screened: "+incomplete[i]
			verdicts[i].Text = "NOT SCREENED: " + incomplete[i]
		default:
			a.Answer, a.Error = paxlst.Refer, "not screened: "+trex.ErrorMessage(errs[i])
			verdicts[i].Text = "NOT SCREENED"
		}
		verdicts[i].Answer = a.Answer
		resp.Travellers = append(resp.Travellers, a)
	}
	if wantCUSRES {
		out, err := paxlst.WriteCUSRES(ic, verdicts, paxlst.Response{Prepared: s.Now()})
		if err != nil {
			s.problem(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/edifact")
		w.WriteHeader(http.StatusOK)
		w.Write(out)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// manifestTravellerValid refuses, naming the traveller, one that cannot be
// screened at all: no name, or names beyond the person limits.
func manifestTravellerValid(i int, p trex.Person) error {
	named := false
	for _, n := range p.Names {
		named = named || !n.IsZero()
	}
	if !named {
		return trex.Errorf(trex.EINVALID, "travellers[%d]: no name; give the surname and given names as on the travel document", i)
	}
	if err := p.CheckLimits(); err != nil {
		return trex.Errorf(trex.EINVALID, "travellers[%d]: %s", i, trex.ErrorMessage(err))
	}
	return nil
}

// missingForManifest says what a traveller lacks to be screened in a
// manifest ("" when nothing): a full birth date for everyone, and a travel
// document number when a carrier asks, so that a manifest cannot be used
// to learn which names are listed.
func missingForManifest(p trex.Person, staff bool) string {
	hasDocument := false
	for _, d := range p.Documents {
		hasDocument = hasDocument || trex.NormalizeDocumentNumber(d.Number) != ""
	}
	switch {
	case !p.BirthDate.IsFull() && !staff && !hasDocument:
		return "a full birth date and a travel document number are needed"
	case !p.BirthDate.IsFull():
		return "a full birth date is needed"
	case !staff && !hasDocument:
		return "a travel document number is needed"
	}
	return ""
}

// travellerPerson converts a JSON manifest entry for screening.
func travellerPerson(i int, t paxlst.TravellerSummary) (trex.Person, error) {
	var p trex.Person
	n := trex.Name{Surname: strings.TrimSpace(t.Surname), Given: strings.TrimSpace(t.GivenNames)}
	if !n.IsZero() {
		p.Names = []trex.Name{n}
	}
	var err error
	if p.BirthDate, err = trex.ParsePartialDate(t.BirthDate); err != nil {
		return p, trex.Errorf(trex.EINVALID, "travellers[%d].birth_date: %s", i, trex.ErrorMessage(err))
	}
	if p.Sex, err = trex.ParseSex(t.Sex); err != nil {
		return p, trex.Errorf(trex.EINVALID, "travellers[%d].sex: %s", i, trex.ErrorMessage(err))
	}
	if t.Nationality != "" {
		p.Nationality = []string{t.Nationality}
	}
	if t.DocumentNumber != "" {
		p.Documents = []trex.Document{{Kind: paxlst.DocumentKind(t.DocumentType), Number: t.DocumentNumber}}
		if mrz.IsInternalPassport(t.DocumentType, t.Nationality) && !n.IsZero() {
			p.Names = mrz.InternalPassportNames(n.Surname, strings.Fields(n.Given))
			p.Identifiers = []trex.Identifier{mrz.InternalPassportIdentifier(t.DocumentNumber)}
			p.Documents[0].Kind = "internal_passport"
		}
	}
	return p, nil
}
