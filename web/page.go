package web

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// CSRFCookie holds the CSRF token of a browser that has not signed in
// (the sign-in form, the person's console); a signed-in browser's is its
// session's.
const CSRFCookie = "trex_csrf"

// CSRFField is the hidden form field carrying the CSRF token.
const CSRFField = "csrf"

// maxFormBytes bounds a form's body.
const maxFormBytes = 1 << 20

// Request is one page request as a console handler sees it: the browser's
// request and answer, the session (nil when not signed in), the page's
// language, and the problems collected for the page.
type Request struct {
	W       http.ResponseWriter
	R       *http.Request
	Session *Session
	Lang    string
	Console string

	s        *Server
	csrf     string
	problems []string
	fields   map[string][]string
	status   int
}

// T translates key into the page's language.
func (q *Request) T(key string, args ...any) string {
	return q.s.catalogs.translate(q.Lang, key, args...)
}

// API calls the process's API as the signed-in user (or without a token
// when nobody is), and decodes a 2xx answer into out. An error answer
// comes back as a *Problem for the page to show (see Problem); an error
// is the console's own failure.
func (q *Request) API(method, path string, body, out any) (*Problem, error) {
	token := ""
	if q.Session != nil {
		token = q.Session.Token
	}
	return callAPI(q.R.Context(), q.s.API, q.R.RemoteAddr, token, method, path, body, out)
}

// Problem shows p on the page: next to the form field it names, else at
// the top. Each of fields is a form field's name, optionally followed by
// "=" and the API's names for it separated by "|" ("birth_date=birthDate");
// a problem names a field when its detail starts with the name and a colon
// (see Problem.Field) or holds "name:" further on. The answer's status
// becomes the page's.
func (q *Request) Problem(p *Problem, fields ...string) {
	if p == nil {
		return
	}
	q.status = p.Status
	msg := q.problemText(p)
	if f := p.formField(fields); f != "" {
		q.FieldError(f, msg)
		return
	}
	q.problems = append(q.problems, msg)
}

// formField is the form field of fields that p names, or "".
func (p *Problem) formField(fields []string) string {
	named := p.Field()
	for _, spec := range fields {
		form, api, _ := strings.Cut(spec, "=")
		names := []string{form}
		if api != "" {
			names = strings.Split(api, "|")
		}
		for _, n := range names {
			if n == named || strings.Contains(p.Detail, " "+n+":") || strings.Contains(p.Detail, " "+n+" ") {
				return form
			}
		}
	}
	return ""
}

// problemText is a problem as a sentence in the page's language: what
// kind of refusal it is, then the API's own detail.
func (q *Request) problemText(p *Problem) string {
	var head string
	switch p.Status {
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		head = q.T("problem.invalid")
	case http.StatusUnauthorized:
		head = q.T("problem.unauthorized")
	case http.StatusForbidden:
		head = q.T("problem.forbidden")
	case http.StatusNotFound:
		head = q.T("problem.notfound")
	case http.StatusConflict:
		head = q.T("problem.conflict")
	case http.StatusTooManyRequests:
		if p.RetryAfter != "" {
			head = q.T("problem.ratelimit.after", p.RetryAfter)
		} else {
			head = q.T("problem.ratelimit")
		}
	case http.StatusServiceUnavailable:
		head = q.T("problem.unavailable")
	default:
		head = q.T("problem.failed")
	}
	if p.Detail == "" {
		return head
	}
	return head + " " + p.Detail
}

// FieldError adds a message next to field.
func (q *Request) FieldError(field, msg string) {
	if q.fields == nil {
		q.fields = map[string][]string{}
	}
	q.fields[field] = append(q.fields[field], msg)
	if q.status == 0 {
		q.status = http.StatusBadRequest
	}
}

// Error adds a page-level message.
func (q *Request) Error(msg string) { q.problems = append(q.problems, msg) }

// Failed reports whether the page has collected any problem.
func (q *Request) Failed() bool { return len(q.problems) > 0 || len(q.fields) > 0 }

// SetStatus sets the page's HTTP status.
func (q *Request) SetStatus(code int) { q.status = code }

// Redirect ends the request with a 303 to path on this origin.
func (q *Request) Redirect(path string) {
	http.Redirect(q.W, q.R, path, http.StatusSeeOther)
}

// Page wraps a console handler: security headers, the page's language,
// the session, the CSRF check on every POST (before h runs), and the
// sign-in requirement of the console named console (home and sign-in
// pages are open).
func (s *Server) Page(console string, h func(*Request) error) http.Handler {
	return secureHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		c, known := s.console(console)
		langs := c.Languages
		if !known {
			langs = s.allLanguages()
		}
		q := &Request{W: w, R: r, Console: console, s: s}
		var fromQuery bool
		q.Lang, fromQuery = chooseLanguage(r, langs)
		if fromQuery {
			http.SetCookie(w, &http.Cookie{Name: LangCookie, Value: q.Lang, Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
		}
		if ck, err := r.Cookie(SessionCookie); err == nil {
			q.Session = s.sessions.get(ck.Value)
		}
		q.csrf = s.csrfToken(q)
		if r.Method == http.MethodPost {
			if err := parseForm(w, r); err != nil {
				q.status = http.StatusBadRequest
				q.Error(q.T("problem.form"))
				q.Render("error.html", nil)
				return
			}
			if !validCSRF(q.csrf, r.PostForm.Get(CSRFField)) {
				q.status = http.StatusForbidden
				q.Error(q.T("problem.csrf"))
				q.Render("error.html", nil)
				return
			}
		}
		if known && !c.Open {
			if q.Session == nil {
				q.Redirect("/signin?next=" + url.QueryEscape(r.URL.Path))
				return
			}
			if !slices.Contains(c.Roles, q.Session.Principal.Role) {
				q.status = http.StatusForbidden
				q.Error(q.T("problem.console.role", q.T("role."+string(q.Session.Principal.Role)), q.T(console+".title")))
				q.Render("error.html", nil)
				return
			}
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Log.Error("console page panicked", "path", r.URL.Path, "panic", v)
				http.Error(w, q.T("problem.internal"), http.StatusInternalServerError)
			}
		}()
		if err := h(q); err != nil {
			s.Log.Error("console page failed", "path", r.URL.Path, "err", err)
			q.problems, q.fields = nil, nil
			q.status = http.StatusInternalServerError
			q.Error(q.T("problem.internal"))
			q.Render("error.html", nil)
		}
	}))
}

// csrfToken is the token the page's forms carry: the session's, or for a
// browser not signed in a random one kept in a cookie (set here if new).
func (s *Server) csrfToken(q *Request) string {
	if q.Session != nil {
		return q.Session.CSRF
	}
	if ck, err := q.R.Cookie(CSRFCookie); err == nil && len(ck.Value) >= 32 && len(ck.Value) <= 64 {
		return ck.Value
	}
	tok := randomID()
	http.SetCookie(q.W, &http.Cookie{Name: CSRFCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: q.R.TLS != nil, SameSite: http.SameSiteStrictMode})
	if q.R.Method == http.MethodPost {
		return "" // a POST without the cookie has no token to match
	}
	return tok
}

// validCSRF compares a form's token with the expected one in constant time.
func validCSRF(want, got string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// allLanguages are the languages of the mounted consoles together.
func (s *Server) allLanguages() []string {
	out := slices.Clone(Languages)
	for _, c := range s.Consoles {
		for _, l := range c.Languages {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// clientHost is the address part of r.RemoteAddr.
func clientHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// safeNext is next when it is a path on this origin, else "".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return ""
	}
	return next
}
