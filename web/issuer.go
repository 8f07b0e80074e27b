package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"trex"
)

// Issuer is the issuing authority's console: create a restriction (the
// API's validation shown next to the fields), open one by its reference
// to see it, its delivery per border node, and lift it with a reason;
// bulk import (issuerimport.go); the appeals and review queues
// (issuerqueues.go).
func Issuer() Console {
	return Console{Name: "issuer", Roles: []trex.Role{trex.RoleIssuer}, Languages: Languages,
		Routes: func(s *Server, mux *http.ServeMux) {
			mux.Handle("GET /issuer/{$}", s.Page("issuer", s.handleIssuerHome))
			mux.Handle("POST /issuer/create", s.Page("issuer", s.handleIssuerCreate))
			mux.Handle("GET /issuer/open", s.Page("issuer", s.handleIssuerOpen))
			mux.Handle("GET /issuer/restriction/{id}", s.Page("issuer", s.handleIssuerRestriction))
			mux.Handle("POST /issuer/restriction/{id}/lift", s.Page("issuer", s.handleIssuerLift))
			mux.Handle("GET /issuer/import", s.Page("issuer", s.handleImportForm))
			mux.Handle("POST /issuer/import", s.Page("issuer", s.handleImportStart))
			mux.Handle("GET /issuer/import/{id}", s.Page("issuer", s.handleImportJob))
			mux.Handle("GET /issuer/appeals", s.Page("issuer", s.handleAppeals))
			mux.Handle("POST /issuer/appeals/{id}/decide", s.Page("issuer", s.handleDecide))
			mux.Handle("GET /issuer/reviews", s.Page("issuer", s.handleReviews))
			mux.Handle("POST /issuer/restriction/{id}/review", s.Page("issuer", s.handleReview))
		}}
}

// createForm is the create form's fields, kept to fill the form again
// when the API refuses it.
type createForm struct {
	LastName, FirstName, FatherName, BirthDate, Gender, Nationality string
	IDNumber, Passport, Kind, LegalBasis, ValidFrom, ValidUntil     string
}

// issuerHomeView is the issuer's start page.
type issuerHomeView struct {
	Form    createForm
	Kinds   []string
	Genders []string // "" (not stated), female, male
	Open    string
}

// genders are the sexes the create form offers.
var genders = []string{"", "female", "male"}

// kindNames are the restriction kinds the form offers.
func kindNames() []string {
	var out []string
	for _, k := range trex.DefaultKinds() {
		out = append(out, k.Name)
	}
	return out
}

func (s *Server) handleIssuerHome(q *Request) error {
	q.Render("issuer.html", &issuerHomeView{Form: createForm{Kind: trex.KindCourtOrder}, Kinds: kindNames(), Genders: genders})
	return nil
}

// formDate reads a date field (YYYY-MM-DD, as a date input sends it) as
// the API's RFC 3339 midnight UTC; anything else is passed on for the API
// to refuse with its own message.
func formDate(v string) string {
	v = strings.TrimSpace(v)
	if _, err := time.Parse("2006-01-02", v); err == nil {
		return v + "T00:00:00Z"
	}
	return v
}

// person is the form's person as a FollowTheMoney entity.
func (f createForm) person() map[string]any {
	props := map[string][]string{}
	add := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			props[k] = []string{v}
		}
	}
	add("lastName", f.LastName)
	add("firstName", f.FirstName)
	add("fatherName", f.FatherName)
	add("birthDate", f.BirthDate)
	add("gender", f.Gender)
	add("nationality", f.Nationality)
	add("idNumber", f.IDNumber)
	add("passportNumber", f.Passport)
	return map[string]any{"schema": "Person", "properties": props}
}

// createFields map the API's field names in problems to the form's.
var createFields = []string{
	"birth_date=birthDate", "gender=gender", "nationality=nationality", "id_number=idNumber|national_id",
	"passport_number=passportNumber|document", "kind", "legal_basis", "valid_from", "valid_until",
	"last_name=person|lastName|name|firstName",
}

func (s *Server) handleIssuerCreate(q *Request) error {
	f := q.R.PostForm
	form := createForm{LastName: f.Get("last_name"), FirstName: f.Get("first_name"), FatherName: f.Get("father_name"),
		BirthDate: f.Get("birth_date"), Gender: f.Get("gender"), Nationality: f.Get("nationality"), IDNumber: f.Get("id_number"),
		Passport: f.Get("passport_number"), Kind: f.Get("kind"), LegalBasis: f.Get("legal_basis"),
		ValidFrom: f.Get("valid_from"), ValidUntil: f.Get("valid_until")}
	body := map[string]any{"person": form.person(), "kind": strings.TrimSpace(form.Kind), "legal_basis": strings.TrimSpace(form.LegalBasis),
		"valid_from": formDate(form.ValidFrom), "valid_until": formDate(form.ValidUntil)}
	var out struct {
		ID string `json:"id"`
	}
	p, err := q.API(http.MethodPost, "/v1/restrictions", body, &out)
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p, createFields...)
		q.Render("issuer.html", &issuerHomeView{Form: form, Kinds: kindNames(), Genders: genders})
		return nil
	}
	q.Redirect("/issuer/restriction/" + url.PathEscape(out.ID) + "?created=1")
	return nil
}

// handleIssuerOpen opens a restriction by the reference the clerk typed.
func (s *Server) handleIssuerOpen(q *Request) error {
	id := strings.TrimSpace(q.R.URL.Query().Get("id"))
	if id == "" || len(id) > 64 {
		q.FieldError("open_id", q.T("issuer.open.required"))
		q.Render("issuer.html", &issuerHomeView{Form: createForm{Kind: trex.KindCourtOrder}, Kinds: kindNames(), Genders: genders, Open: truncateRunes(id, 64)})
		return nil
	}
	q.Redirect("/issuer/restriction/" + url.PathEscape(id))
	return nil
}

// restrictionDetail is GET /v1/restrictions/{id} as the page reads it.
type restrictionDetail struct {
	ID         string    `json:"id"`
	Version    int64     `json:"version"`
	Status     string    `json:"status"`
	Kind       string    `json:"kind"`
	LegalBasis string    `json:"legal_basis"`
	Authority  string    `json:"authority"`
	ValidFrom  time.Time `json:"valid_from"`
	ValidUntil time.Time `json:"valid_until"`
	LiftReason string    `json:"lift_reason"`
	Person     *struct {
		Properties map[string][]string `json:"properties"`
	} `json:"person"`
}

// Prop is the person's property k, its values joined.
func (d restrictionDetail) Prop(k string) string {
	if d.Person == nil {
		return ""
	}
	return strings.Join(d.Person.Properties[k], "; ")
}

// delivery is GET /v1/restrictions/{id}/delivery.
type delivery struct {
	Nodes []struct {
		Node      string    `json:"node"`
		Version   int64     `json:"version"`
		Status    string    `json:"status"`
		AppliedAt time.Time `json:"applied_at"`
		Current   bool      `json:"current"`
	} `json:"nodes"`
	Undelivered []struct {
		Version   int64     `json:"version"`
		Status    string    `json:"status"`
		Attempts  int       `json:"attempts"`
		LastError string    `json:"last_error"`
		RetryAt   time.Time `json:"retry_at"`
	} `json:"undelivered"`
}

// restrictionView is a restriction's page.
type restrictionView struct {
	R        *restrictionDetail
	Delivery *delivery
	Created  bool
	Lifted   bool
	Reason   string
}

func (s *Server) loadRestriction(q *Request, id string) (*restrictionView, error) {
	var d restrictionDetail
	p, err := q.API(http.MethodGet, "/v1/restrictions/"+url.PathEscape(id), nil, &d)
	if err != nil {
		return nil, err
	}
	if p != nil {
		q.Problem(p)
		return &restrictionView{}, nil
	}
	v := &restrictionView{R: &d, Delivery: &delivery{}}
	p, err = q.API(http.MethodGet, "/v1/restrictions/"+url.PathEscape(id)+"/delivery", nil, v.Delivery)
	if err != nil {
		return nil, err
	}
	q.Problem(p)
	return v, nil
}

func (s *Server) handleIssuerRestriction(q *Request) error {
	v, err := s.loadRestriction(q, q.R.PathValue("id"))
	if err != nil {
		return err
	}
	v.Created, v.Lifted = q.R.URL.Query().Get("created") == "1", q.R.URL.Query().Get("lifted") == "1"
	q.Render("restriction.html", v)
	return nil
}

func (s *Server) handleIssuerLift(q *Request) error {
	id := q.R.PathValue("id")
	reason := strings.TrimSpace(q.R.PostForm.Get("reason"))
	if reason == "" {
		q.FieldError("reason", q.T("issuer.lift.reason.required"))
	} else {
		p, err := q.API(http.MethodPost, "/v1/restrictions/"+url.PathEscape(id)+"/lift", map[string]string{"reason": reason}, nil)
		if err != nil {
			return err
		}
		if p == nil {
			q.Redirect("/issuer/restriction/" + url.PathEscape(id) + "?lifted=1")
			return nil
		}
		q.Problem(p, "reason")
	}
	status := q.status
	v, err := s.loadRestriction(q, id)
	if err != nil {
		return err
	}
	v.Reason = reason
	q.status = status
	q.Render("restriction.html", v)
	return nil
}

// truncateRunes cuts s to at most n bytes on a rune boundary.
func truncateRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}
