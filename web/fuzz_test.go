package web

import (
	"net/http"
	"testing"
	"unicode/utf8"
)

// FuzzProblemField: any problem detail maps to a form field of the list
// or to none, without panicking.
func FuzzProblemField(f *testing.F) {
	for _, s := range []string{"reason_code: required", "person entity: birthDate: not a date", "mrz: line 2: bad check digit", "", ":", "a.b[3]: x", "traveller: a full birth date"} {
		f.Add(s)
	}
	fields := []string{"mrz", "birth_date=birthDate", "surname=no name", "resolution=reason_code|resolution", "reason"}
	f.Fuzz(func(t *testing.T, detail string) {
		p := &Problem{Status: 400, Detail: detail}
		got := p.formField(fields)
		switch got {
		case "", "mrz", "birth_date", "surname", "resolution", "reason":
		default:
			t.Fatalf("%q maps to %q, not a form field", detail, got)
		}
	})
}

// FuzzChooseLanguage: any Accept-Language header, cookie or ?lang= picks
// one of the offered languages.
func FuzzChooseLanguage(f *testing.F) {
	f.Add("ru-RU,ru;q=0.9,en;q=0.8", "", "")
	f.Add("uk", "uk", "de")
	f.Add("*;q=0", "xx", "ru")
	f.Fuzz(func(t *testing.T, accept, cookie, query string) {
		if !utf8.ValidString(cookie) {
			return
		}
		r, err := http.NewRequest("GET", "/", nil)
		if err != nil {
			t.Skip()
		}
		q := r.URL.Query()
		q.Set("lang", query)
		r.URL.RawQuery = q.Encode()
		r.Header.Set("Accept-Language", accept)
		r.AddCookie(&http.Cookie{Name: LangCookie, Value: cookie})
		lang, _ := chooseLanguage(r, []string{"en", "ru"})
		if lang != "en" && lang != "ru" {
			t.Fatalf("chose %q", lang)
		}
	})
}
