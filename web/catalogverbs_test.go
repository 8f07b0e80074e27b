package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestCatalogVerbsAgree: every translation of a message takes the same
// arguments, in the same order, as the English one (a %s lost in a
// translation shows as "%!(EXTRA ...)" in the page).
func TestCatalogVerbsAgree(t *testing.T) {
	verbs := regexp.MustCompile(`%[sd%]`)
	load := func(lang string) map[string]string {
		data, err := os.ReadFile(filepath.Join("catalog", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		return m
	}
	en := load("en")
	for _, lang := range []string{"ru", "uk"} {
		for key, msg := range load(lang) {
			want, ok := en[key]
			if !ok {
				continue // TestCatalogsAreComplete reports keys English lacks
			}
			if w, g := verbs.FindAllString(want, -1), verbs.FindAllString(msg, -1); !slices.Equal(w, g) {
				t.Errorf("%s %s: arguments %v, English %v: %q", lang, key, g, w, msg)
			}
		}
	}
}
