package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

// pages are the parsed page templates, each with the layout and the
// partials, never executed: every request renders a clone that has the
// page's language in its "t" function.
type pages struct {
	byName map[string]*template.Template
}

// templateFuncs are the functions templates use; "t" is replaced per
// request by the page's translator.
var templateFuncs = template.FuncMap{
	"t":     func(key string, args ...any) string { return key },
	"field": func(v *View, name string) fieldView { return fieldView{} },
	"code":  func(prefix string, value any) string { return "" },
	"when":  func(t time.Time) string { return "" },
	"ago":   func(d time.Duration) string { return "" },
	"stamp": func(t time.Time) string { return "" },
}

// loadPages parses every page template in dir templates/ (all but
// layout.html and partials.html) together with those two.
func loadPages(fsys fs.FS) (*pages, error) {
	base, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(fsys, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	names, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimPrefix(n, "templates/")
		if name == "layout.html" || name == "partials.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// View is what every page template gets: the handler's data, and the
// page's language, session, CSRF token and problems.
type View struct {
	Data      any
	Lang      string
	Languages []string
	Console   string
	Path      string
	Session   *Session
	CSRF      string
	Problems  []string
	Fields    map[string][]string
	Consoles  []Console // those the signed-in role may open here
}

// fieldView is one form field's messages, for the "fielderr" partial.
type fieldView struct {
	Name     string
	Messages []string
}

// Render writes the page template name with data, inside the layout.
func (q *Request) Render(name string, data any) {
	t, ok := q.s.pages.byName[name]
	if !ok {
		q.s.Log.Error("console page has no template", "template", name)
		http.Error(q.W, "internal error", http.StatusInternalServerError)
		return
	}
	v := &View{Data: data, Lang: q.Lang, Console: q.Console, Path: q.R.URL.Path, Session: q.Session, CSRF: q.csrf,
		Problems: q.problems, Fields: q.fields}
	if c, ok := q.s.console(q.Console); ok {
		v.Languages = c.Languages
	} else {
		v.Languages = q.s.allLanguages()
	}
	if q.Session != nil {
		for _, c := range q.s.Consoles {
			for _, r := range c.Roles {
				if r == q.Session.Principal.Role {
					v.Consoles = append(v.Consoles, c)
					break
				}
			}
		}
	}
	clone, err := t.Clone()
	if err != nil {
		q.s.Log.Error("console template clone", "template", name, "err", err)
		http.Error(q.W, "internal error", http.StatusInternalServerError)
		return
	}
	clone.Funcs(template.FuncMap{
		"t": q.T,
		"field": func(v *View, name string) fieldView {
			return fieldView{Name: name, Messages: v.Fields[name]}
		},
		// code translates a code the API answers with (a decision, an
		// evidence field) as prefix+code, or shows the code itself when
		// the catalog has no text for it.
		"code": func(prefix string, value any) string {
			key := prefix + fmt.Sprint(value)
			if q.s.catalogs.has(q.Lang, key) || q.s.catalogs.has("en", key) {
				return q.T(key)
			}
			return fmt.Sprint(value)
		},
		"ago": q.Duration,
		// stamp is t for machines (a <time datetime>).
		"stamp": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.UTC().Format(time.RFC3339)
		},
		"when": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.UTC().Format("2006-01-02 15:04:05 UTC")
		},
	})
	var buf bytes.Buffer
	if err := clone.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		q.s.Log.Error("console template", "template", name, "err", err)
		http.Error(q.W, "internal error", http.StatusInternalServerError)
		return
	}
	q.W.Header().Set("Content-Type", "text/html; charset=utf-8")
	status := q.status
	if status == 0 {
		status = http.StatusOK
	}
	q.W.WriteHeader(status)
	q.W.Write(buf.Bytes())
}

// Duration says d for people in the page's language: seconds under a
// minute, minutes under an hour, hours and minutes under two days, then
// days and hours.
func (q *Request) Duration(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	switch {
	case d >= 48*time.Hour:
		return q.T("duration.days", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
	case d < time.Minute:
		return q.T("duration.seconds", int(d/time.Second))
	case d < time.Hour:
		return q.T("duration.minutes", int(d/time.Minute), int(d%time.Minute/time.Second))
	default:
		return q.T("duration.hours", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
}
