package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

//go:embed catalog/*.json
var catalogFS embed.FS

// LangCookie keeps the language a user chose with ?lang=.
const LangCookie = "trex_lang"

// catalogs are the message catalogs by language ("en", "ru", "uk").
type catalogs map[string]map[string]string

// loadCatalogs reads every embedded catalog.
func loadCatalogs() (catalogs, error) {
	files, err := catalogFS.ReadDir("catalog")
	if err != nil {
		return nil, fmt.Errorf("web: catalogs: %w", err)
	}
	out := catalogs{}
	for _, f := range files {
		b, err := catalogFS.ReadFile(path.Join("catalog", f.Name()))
		if err != nil {
			return nil, fmt.Errorf("web: catalog %s: %w", f.Name(), err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("web: catalog %s: %w", f.Name(), err)
		}
		out[strings.TrimSuffix(f.Name(), ".json")] = m
	}
	if _, ok := out["en"]; !ok {
		return nil, fmt.Errorf("web: no English catalog (catalog/en.json)")
	}
	return out, nil
}

// translate returns key's text in lang, falling back to English, and to
// the key itself (so that a missing key shows, and its test fails). Args
// fill the text's %s and %d verbs.
func (c catalogs) translate(lang, key string, args ...any) string {
	msg, ok := c[lang][key]
	if !ok {
		if msg, ok = c["en"][key]; !ok {
			msg = key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// has reports whether lang's catalog has key.
func (c catalogs) has(lang, key string) bool {
	_, ok := c[lang][key]
	return ok
}

// chooseLanguage picks the page's language among offered (the first is
// the default): ?lang= (remembered in a cookie), then the cookie, then
// Accept-Language. It reports whether ?lang= asked for a change.
func chooseLanguage(r *http.Request, offered []string) (lang string, fromQuery bool) {
	if len(offered) == 0 {
		offered = Languages
	}
	if q := r.URL.Query().Get("lang"); q != "" && slices.Contains(offered, q) {
		return q, true
	}
	if c, err := r.Cookie(LangCookie); err == nil && slices.Contains(offered, c.Value) {
		return c.Value, false
	}
	tags := make([]language.Tag, len(offered))
	for i, o := range offered {
		tags[i] = language.Make(o)
	}
	accept, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(accept) == 0 {
		return offered[0], false
	}
	_, i, conf := language.NewMatcher(tags).Match(accept...)
	if conf == language.No {
		return offered[0], false
	}
	return offered[i], false
}
