package web

import (
	"net/http"
	"strings"
	"time"
)

// maxTokenBytes bounds a pasted token.
const maxTokenBytes = 512

// signInView is the sign-in page's data.
type signInView struct {
	Next string
	Open []Console // consoles usable without signing in
	// TokenDir is where the demo keeps each role's token (Server.TokenDir).
	TokenDir string
}

func (s *Server) signInView(next string) signInView {
	v := signInView{Next: safeNext(next), TokenDir: s.TokenDir}
	for _, c := range s.Consoles {
		if c.Open {
			v.Open = append(v.Open, c)
		}
	}
	return v
}

// handleHome sends a signed-in user to their console, and shows everyone
// else the sign-in form.
func (s *Server) handleHome(q *Request) error {
	if q.Session != nil {
		if c := s.landing(q.Session.Principal.Role); c != "" {
			q.Redirect("/" + c + "/")
			return nil
		}
		q.Error(q.T("signin.noconsole", q.T("role."+string(q.Session.Principal.Role))))
	}
	q.Render("signin.html", s.signInView(""))
	return nil
}

func (s *Server) handleSignInForm(q *Request) error {
	q.Render("signin.html", s.signInView(q.R.URL.Query().Get("next")))
	return nil
}

// handleSignIn checks a pasted token by asking the API who it names
// (GET /v1/whoami), then starts a new session (always a new id: a
// session id planted before sign-in is never promoted) and sends the
// user to their console.
func (s *Server) handleSignIn(q *Request) error {
	view := s.signInView(q.R.PostForm.Get("next"))
	if ok, wait := s.signins.allow(clientHost(q.R)); !ok {
		q.SetStatus(http.StatusTooManyRequests)
		q.W.Header().Set("Retry-After", retryAfter(wait))
		q.Error(q.T("signin.ratelimit", retryAfter(wait)))
		q.Render("signin.html", view)
		return nil
	}
	token := strings.TrimSpace(q.R.PostForm.Get("token"))
	if token == "" || len(token) > maxTokenBytes {
		q.FieldError("token", q.T("signin.token.required"))
		q.Render("signin.html", view)
		return nil
	}
	var p Principal
	prob, err := callAPI(q.R.Context(), s.API, q.R.RemoteAddr, token, http.MethodGet, "/v1/whoami", nil, &p)
	if err != nil {
		return err
	}
	if prob != nil {
		if prob.Status == http.StatusUnauthorized {
			q.SetStatus(http.StatusUnauthorized)
			q.FieldError("token", q.T("signin.token.invalid"))
		} else {
			q.Problem(prob)
		}
		q.Render("signin.html", view)
		return nil
	}
	if old, err := q.R.Cookie(SessionCookie); err == nil {
		s.sessions.end(old.Value)
	}
	sess := s.sessions.create(token, p)
	http.SetCookie(q.W, &http.Cookie{Name: SessionCookie, Value: sess.ID, Path: "/", HttpOnly: true,
		Secure: q.R.TLS != nil, SameSite: http.SameSiteStrictMode})
	dest := view.Next
	if dest == "" || dest == "/" {
		c := s.landing(p.Role)
		if c == "" {
			dest = "/"
		} else {
			dest = "/" + c + "/"
		}
	}
	q.Redirect(dest)
	return nil
}

// handleSignOut ends the session and deletes its cookie.
func (s *Server) handleSignOut(q *Request) error {
	if q.Session != nil {
		s.sessions.end(q.Session.ID)
	}
	http.SetCookie(q.W, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: q.R.TLS != nil, SameSite: http.SameSiteStrictMode})
	q.Redirect("/signin")
	return nil
}

// retryAfter is a wait in whole seconds, at least one.
func retryAfter(d time.Duration) string {
	secs := int64((d + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return strconvItoa(secs)
}
