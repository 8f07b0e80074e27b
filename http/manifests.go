package http

import (
	"io"
	"mime"
	"net/http"
	"strings"

	"trex"
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
	// Decision and Matches are shown to border staff, never to carriers.
	Decision trex.Verdict `json:"decision,omitempty"`
	Matches  []trex.Match `json:"matches,omitempty"`

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
// request accepts application/edifact, as a CUSRES interchange.
func (s *Server) handleManifest(w http.ResponseWriter, r *http.Request) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var (
		sum paxlst.Summary
		ic  *paxlst.Interchange
	)
	switch mt {
	case "application/edifact", "application/edi-x12", "text/plain":
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		if err != nil {
			s.problem(w, r, jsonError(err))
			return
		}
		if ic, err = paxlst.Parse(data); err != nil {
			s.problem(w, r, trex.Errorf(trex.EINVALID, "manifest: %v", err))
			return
		}
		sum = ic.Summary()
	case "application/json", "":
		var req manifestRequest
		if err := decodeJSON(w, r, &req); err != nil {
			s.problem(w, r, err)
			return
		}
		sum = paxlst.Summary{Flight: req.Flight, Departure: req.Departure, Arrival: req.Arrival, Travellers: req.Travellers, Warnings: []string{}}
	default:
		s.problem(w, r, trex.Errorf(trex.EINVALID, "Content-Type %q: send application/edifact (PAXLST) or application/json", mt))
		return
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
			p, err := travellerPerson(i, t)
			if err != nil {
				s.problem(w, r, err)
				return
			}
			persons[i] = p
		}
	}
	staff := trex.PrincipalFromContext(r.Context()).Role != trex.RoleCarrier
	ds, err := s.checkMany(r, persons, "manifest")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	resp := manifestResponse{Flight: sum.Flight, Departure: sum.Departure, Arrival: sum.Arrival, Warnings: sum.Warnings, Travellers: []manifestAnswer{}}
	verdicts := make([]paxlst.Verdict, len(persons))
	for i, d := range ds {
		a := manifestAnswer{Index: i, Role: sum.Travellers[i].Role, Surname: sum.Travellers[i].Surname, GivenNames: sum.Travellers[i].GivenNames, References: sum.Travellers[i].References}
		if d == nil {
			a.Answer = paxlst.Refer // nothing to screen on: a person must look
		} else {
			a.Answer, a.CheckID = paxlst.AnswerFor(d.Verdict), d.CheckID
			if staff {
				a.Decision, a.Matches = d.Verdict, d.Matches
			}
		}
		verdicts[i] = paxlst.Verdict{Answer: a.Answer}
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
	}
	return p, nil
}
