package web

import (
	"net/http"
	"strings"
	"time"

	"trex"
)

// HealthStalenessKey is the /healthz field in which a border node states
// its readiness bound (trex border --ready-max-staleness) in seconds: the
// age of its data past which GET /readyz fails.
const HealthStalenessKey = "ready_max_staleness_seconds"

// DefaultStaleness is the bound assumed when a node does not state one
// (trex border's default).
const DefaultStaleness = 15 * time.Second

// AmberFraction is the share of the node's staleness bound past which the
// checkpoint shows its data amber: a warning that the node will stop
// being ready, well before it does. Red is when the node itself says it
// is not ready (GET /readyz).
const AmberFraction = 0.5

// maxMRZBytes bounds a pasted or scanned zone (three lines of 30, two of
// 44, with line ends and some slack).
const maxMRZBytes = 200

// Checkpoint is the border officer's console: scan or type a traveller,
// see the decision and why, hand a referral to a supervisor, and the
// session's checks.
func Checkpoint() Console {
	return Console{Name: "checkpoint", Roles: []trex.Role{trex.RoleOfficer, trex.RoleSupervisor}, Languages: Languages,
		Routes: func(s *Server, mux *http.ServeMux) {
			mux.Handle("GET /checkpoint/{$}", s.Page("checkpoint", s.handleCheckpoint))
			mux.Handle("POST /checkpoint/check", s.Page("checkpoint", s.handleCheck))
			mux.Handle("POST /checkpoint/handover", s.Page("checkpoint", s.handleHandover))
		}}
}

// checkpointView is the checkpoint page's data.
type checkpointView struct {
	Fresh   freshness
	Form    checkForm
	Result  *checkAnswer
	Handed  string // the check just handed to a supervisor
	History []HistoryEntry
}

// checkForm is what the officer entered, to show again.
type checkForm struct {
	MRZ, Surname, Given, BirthDate, Document string
}

// checkAnswer is POST /v1/checks' answer, as the page shows it.
type checkAnswer struct {
	CheckID  string        `json:"check_id"`
	Decision string        `json:"decision"`
	Matches  []trex.Match  `json:"matches"`
	DataAsOf time.Time     `json:"data_as_of"`
	Document *documentRead `json:"document"`
	LogIndex *int64        `json:"log_index"`
}

// documentRead is the document block of a check's answer.
type documentRead struct {
	Format         string `json:"format"`
	DocumentCode   string `json:"document_code"`
	IssuingState   string `json:"issuing_state"`
	DocumentNumber string `json:"document_number"`
	Surname        string `json:"surname"`
	GivenNames     string `json:"given_names"`
	BirthDate      string `json:"birth_date"`
	Nationality    string `json:"nationality"`
	Sex            string `json:"sex"`
	ExpiryDate     string `json:"expiry_date"`
	Warnings       []struct {
		Code   string `json:"code"`
		Detail string `json:"detail"`
	} `json:"warnings"`
}

// freshness is how current the node's data is, as the page shows it.
type freshness struct {
	Known  bool
	Level  string // "ok", "amber", "red"
	AsOf   time.Time
	Age    time.Duration
	Amber  time.Duration // the age past which the data shows amber
	Bound  time.Duration // the node's readiness bound: red past it
	Detail string        // why the node is not ready, when red
}

// referable reports whether a decision goes to a supervisor.
func (a *checkAnswer) Referable() bool { return a.Decision == "refer" || a.Decision == "hit" }

// freshness asks the node how current its data is: GET /healthz for when
// it last knew itself caught up and its staleness bound, GET /readyz for
// whether it is within that bound. Amber starts at AmberFraction of the
// bound; red is the node not ready, whatever the reason.
func (s *Server) freshness(q *Request) freshness {
	var health struct {
		Border *struct {
			DataAsOf time.Time `json:"data_as_of"`
		} `json:"border"`
		Bound *float64 `json:"ready_max_staleness_seconds"`
	}
	p, err := callAPI(q.R.Context(), s.API, q.R.RemoteAddr, "", http.MethodGet, "/healthz", nil, &health)
	if err != nil || p != nil || health.Border == nil {
		return freshness{}
	}
	f := freshness{Known: true, Level: "ok", AsOf: health.Border.DataAsOf, Bound: DefaultStaleness}
	if b := health.Bound; b != nil && *b > 0 && *b < 1e9 {
		f.Bound = time.Duration(*b * float64(time.Second))
	}
	f.Amber = time.Duration(float64(f.Bound) * AmberFraction)
	if !f.AsOf.IsZero() {
		f.Age = s.Now().Sub(f.AsOf)
		if f.Age > f.Amber {
			f.Level = "amber"
		}
	}
	if rp, err := callAPI(q.R.Context(), s.API, q.R.RemoteAddr, "", http.MethodGet, "/readyz", nil, nil); err == nil && rp != nil {
		f.Level, f.Detail = "red", rp.Detail
	}
	if f.AsOf.IsZero() {
		f.Level = "red"
	}
	return f
}

func (s *Server) handleCheckpoint(q *Request) error {
	q.Render("checkpoint.html", &checkpointView{Fresh: s.freshness(q), History: q.Session.History()})
	return nil
}

// handleCheck sends the traveller to POST /v1/checks: the zone as
// scanned, or the typed details as a FollowTheMoney Person.
func (s *Server) handleCheck(q *Request) error {
	f := q.R.PostForm
	form := checkForm{MRZ: f.Get("mrz"), Surname: strings.TrimSpace(f.Get("surname")), Given: strings.TrimSpace(f.Get("given")),
		BirthDate: strings.TrimSpace(f.Get("birth_date")), Document: strings.TrimSpace(f.Get("document"))}
	view := &checkpointView{Form: form}
	var body map[string]any
	var trav TravellerData
	switch f.Get("by") {
	case "mrz":
		zone := strings.TrimSpace(strings.ReplaceAll(form.MRZ, "\r\n", "\n"))
		if zone == "" || len(zone) > maxMRZBytes {
			q.FieldError("mrz", q.T("checkpoint.mrz.required"))
			break
		}
		body = map[string]any{"mrz": zone}
		trav.Source = "mrz"
	default:
		if form.Surname == "" {
			q.FieldError("surname", q.T("checkpoint.surname.required"))
		}
		if form.BirthDate == "" {
			q.FieldError("birth_date", q.T("checkpoint.birthdate.required"))
		}
		if q.Failed() {
			break
		}
		props := map[string][]string{"lastName": {form.Surname}, "birthDate": {form.BirthDate}}
		if form.Given != "" {
			props["firstName"] = []string{form.Given}
		}
		if form.Document != "" {
			props["passportNumber"] = []string{form.Document}
		}
		body = map[string]any{"traveller": map[string]any{"schema": "Person", "properties": props}}
		trav = TravellerData{Surname: form.Surname, Given: form.Given, BirthDate: form.BirthDate, Document: form.Document, Source: "form"}
	}
	if body != nil {
		var ans checkAnswer
		p, err := q.API(http.MethodPost, "/v1/checks", body, &ans)
		if err != nil {
			return err
		}
		if p != nil {
			q.Problem(p, "mrz", "birth_date=birthDate", "surname=no name", "document=passportNumber")
		} else {
			view.Result = &ans
			if d := ans.Document; d != nil {
				trav = TravellerData{Surname: d.Surname, Given: d.GivenNames, BirthDate: d.BirthDate, Document: d.DocumentNumber,
					IssuingState: d.IssuingState, Nationality: d.Nationality, Sex: d.Sex, Expiry: d.ExpiryDate, Source: "mrz:" + d.Format}
			}
			who := strings.TrimSpace(trav.Surname + " " + trav.Given)
			if trav.Document != "" {
				who += " · " + trav.Document
			}
			q.Session.AddHistory(HistoryEntry{At: s.Now(), CheckID: ans.CheckID, Decision: ans.Decision, Who: who, Traveller: trav})
			view.Form = checkForm{} // a new traveller next
		}
	}
	view.Fresh = s.freshness(q)
	view.History = q.Session.History()
	q.Render("checkpoint.html", view)
	return nil
}

// handleHandover hands a referred check of this session to the
// supervisors: the check already waits in their queue (the API put it
// there); the handover adds the traveller's data as the officer read it.
func (s *Server) handleHandover(q *Request) error {
	id := q.R.PostForm.Get("check_id")
	e, ok := q.Session.entry(id)
	view := &checkpointView{}
	switch {
	case !ok:
		q.SetStatus(http.StatusNotFound)
		q.Error(q.T("checkpoint.handover.unknown"))
	case e.Decision != "refer" && e.Decision != "hit":
		q.SetStatus(http.StatusConflict)
		q.Error(q.T("checkpoint.handover.clear"))
	default:
		s.handovers.put(Handover{CheckID: id, At: s.Now(), Officer: q.Session.Principal.Name, Decision: e.Decision, Traveller: e.Traveller})
		q.Session.markHanded(id)
		view.Handed = id
	}
	view.Fresh = s.freshness(q)
	view.History = q.Session.History()
	q.Render("checkpoint.html", view)
	return nil
}
