package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trex/audit"
	"trex/web/webtest"
)

// TestAuditorVerifiesCheckpointsAndCounts: the auditor's page counts the
// node's checks by decision; the signed checkpoint verifies against the
// node's key and, after more entries, is proven to extend the one seen
// before; a checkpoint is refused under another key, and a key that is
// not one is refused next to its field.
func TestAuditorVerifiesCheckpointsAndCounts(t *testing.T) {
	s := webtest.NewStack(t, webtest.StackOptions{})
	tr := restrictTraveller(t, s, "Case 3/2026")
	off := s.Client(t)
	signIn(t, s, off, s.Tokens["officer"])
	check(t, s, off, url.Values{"by": {"mrz"}, "mrz": {tr.Zone}})
	check(t, s, off, url.Values{"by": {"details"}, "surname": {"Lindqvist"}, "given": {"Maja"}, "birth_date": {"1979-11-02"}})

	c := s.Client(t)
	signIn(t, s, c, s.Tokens["auditor"])
	resp, body := get(t, s, c, "/auditor/")
	if resp.StatusCode != 200 || !strings.Contains(body, `data-node="checkpoint-web"`) {
		t.Fatalf("auditor: %d\n%s", resp.StatusCode, body)
	}
	row := body[strings.Index(body, `data-node="checkpoint-web"`):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, `data-count="hit">1<`) || !strings.Contains(row, `data-count="clear">1<`) {
		t.Errorf("counts row: %s", row)
	}
	key := s.API.Audit.Keys.Verifier
	verify := func(key string) (int, string) {
		t.Helper()
		_, page := get(t, s, c, "/auditor/")
		resp, body := post(t, s, c, "/auditor/verify", url.Values{"csrf": {csrfOf(t, page)}, "key": {key}})
		return resp.StatusCode, body
	}
	code, body := verify(key)
	if code != 200 || !strings.Contains(body, `data-verified="true"`) || !strings.Contains(body, `data-consistent="false"`) {
		t.Fatalf("first verification: %d\n%s", code, body)
	}
	check(t, s, off, url.Values{"by": {"details"}, "surname": {"Berg"}, "given": {"Ola"}, "birth_date": {"1970-01-01"}})
	code, body = verify(key)
	if code != 200 || !strings.Contains(body, `data-consistent="true"`) {
		t.Errorf("second verification is not proven consistent: %d\n%s", code, body)
	}

	other, err := audit.NewKeys("border-web")
	if err != nil {
		t.Fatal(err)
	}
	if code, body = verify(other.Verifier); code != http.StatusUnprocessableEntity || !strings.Contains(body, `data-verified="false"`) {
		t.Errorf("a checkpoint verified under another key: %d", code)
	}
	if code, body = verify("not a key"); code != http.StatusBadRequest || !strings.Contains(body, `id="key-error"`) {
		t.Errorf("garbage key: %d", code)
	}
}
