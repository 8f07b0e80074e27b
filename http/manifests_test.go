package http_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// manifest is a PAXLST with two passengers: the restricted person of the
// fixture (by passport) and someone else.
const manifest = `UNA:+.? '
UNB+UNOA:4+CARRIER+BORDER+261125:0930+REF0001'
UNH+MSG1+PAXLST:D:05B:UN:IATA'
BGM+745'
NAD+MS+++OPS DESK'
TDT+20+XX901'
LOC+125+IST'DTM+189:2611251030:201'
LOC+87+SVO'DTM+232:2611251400:201'
NAD+FL+++KUZNETSOVA:MARIIA'
ATT+2++F'
DTM+329:910506'
NAT+2+RUS'
DOC+P+761112233'
NAD+FL+++OKAFOR:CHIDI'
ATT+2++M'
DTM+329:850101'
NAT+2+NGA'
DOC+P+A12345678'
CNT+42:2'
UNT+18+MSG1'
UNZ+1+REF0001'
`

func (f *fixture) post(t *testing.T, path, token, contentType, accept, body string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("POST", f.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", contentType)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data), resp.Header
}

func TestManifestAnswersEachTraveller(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))

	// A carrier learns board / do not board, and nothing of the register.
	code, body, _ := f.post(t, "/v1/manifests", f.tokens["carrier"], "application/edifact", "", manifest)
	if code != 200 {
		t.Fatalf("carrier manifest: %d %s", code, body)
	}
	if !strings.Contains(body, `"answer": "do_not_board"`) || !strings.Contains(body, `"answer": "board"`) || !strings.Contains(body, `"flight": "XX901"`) {
		t.Errorf("carrier answer: %s", body)
	}
	if strings.Contains(body, "restriction_id") || strings.Contains(body, "reasons") || strings.Contains(body, "Кузнецова") {
		t.Errorf("carrier answer reveals the register: %s", body)
	}
	// Border staff see the matches.
	code, body, _ = f.post(t, "/v1/manifests", f.tokens["officer"], "application/edifact", "", manifest)
	if code != 200 || !strings.Contains(body, "restriction_id") {
		t.Errorf("officer manifest: %d %s", code, body)
	}
	// The interactive API answer as CUSRES.
	code, body, h := f.post(t, "/v1/manifests", f.tokens["carrier"], "application/edifact", "application/edifact", manifest)
	if code != 200 || h.Get("Content-Type") != "application/edifact" || !strings.Contains(body, "CUSRES") || !strings.Contains(body, "1Z") || !strings.Contains(body, "0Z") {
		t.Errorf("CUSRES answer: %d %q %s", code, h.Get("Content-Type"), body)
	}
	// The same manifest as JSON.
	js := `{"flight": "XX901", "departure": "IST", "arrival": "SVO", "travellers": [
		{"role": "passenger", "surname": "KUZNETSOVA", "given_names": "MARIIA", "sex": "F", "birth_date": "1991-05-06", "nationality": "RUS", "document_number": "761112233", "document_type": "P"},
		{"role": "passenger", "surname": "OKAFOR", "given_names": "CHIDI", "sex": "M", "birth_date": "1985-01-01", "nationality": "NGA", "document_number": "A12345678", "document_type": "P"}]}`
	code, body, _ = f.post(t, "/v1/manifests", f.tokens["carrier"], "application/json", "", js)
	if code != 200 || strings.Index(body, "do_not_board") > strings.Index(body, "OKAFOR") {
		t.Errorf("JSON manifest: %d %s", code, body)
	}
}

func TestManifestRefusals(t *testing.T) {
	f := newFixture(t)
	cases := []struct{ name, ct, accept, body, detail string }{
		{"nothing", "application/edifact", "", "", "manifest"},
		{"binary noise", "application/edifact", "", "\x00\x01\x02\xff\xfe", "manifest"},
		{"no message", "application/edifact", "", "UNB+UNOA:4+A+B+261125:0930+1'UNZ+0+1'", "manifest"},
		{"truncated", "application/edifact", "", manifest[:200], "manifest"},
		{"wrong type", "image/png", "", "x", "Content-Type"},
		{"no travellers", "application/json", "", `{"flight": "X1", "travellers": []}`, "no travellers"},
		{"bad date", "application/json", "", `{"travellers": [{"surname": "A", "birth_date": "1990-02-30"}]}`, "travellers[0].birth_date"},
		{"CUSRES for JSON", "application/json", "application/edifact", `{"travellers": [{"surname": "A"}]}`, "PAXLST"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, body, h := f.post(t, "/v1/manifests", f.tokens["carrier"], c.ct, c.accept, c.body)
			if code != 400 || h.Get("Content-Type") != "application/problem+json" || !strings.Contains(body, c.detail) {
				t.Errorf("%d %s, want 400 mentioning %q", code, body, c.detail)
			}
		})
	}
	// A carrier may not run single checks or read restrictions.
	if code, _, _ := f.do(t, "POST", "/v1/checks", f.tokens["carrier"], `{}`); code != http.StatusForbidden {
		t.Errorf("carrier check: %d, want 403", code)
	}
}

// TestManifestAnswersRepeatReferences: each traveller's answer, as JSON or
// as CUSRES, carries the references the manifest gave that traveller.
func TestManifestAnswersRepeatReferences(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	withRefs := strings.Replace(manifest, "NAT+2+RUS'\n", "NAT+2+RUS'\nRFF+AVF:PNR111'\nRFF+ABO:UPR1'\n", 1)
	withRefs = strings.Replace(withRefs, "NAT+2+NGA'\n", "NAT+2+NGA'\nRFF+AVF:PNR222'\n", 1)
	withRefs = strings.Replace(withRefs, "UNT+18+MSG1'", "UNT+21+MSG1'", 1)

	code, body, _ := f.post(t, "/v1/manifests", f.tokens["carrier"], "application/edifact", "application/edifact", withRefs)
	if code != 200 {
		t.Fatalf("CUSRES: %d %s", code, body)
	}
	first := "ERP+2'\nRFF+AVF:PNR111'\nRFF+ABO:UPR1'\nERC+1Z'"
	second := "ERP+2'\nRFF+AVF:PNR222'\nERC+0Z'"
	if !strings.Contains(body, first) || !strings.Contains(body, second) {
		t.Errorf("CUSRES does not answer each traveller under its references:\n%s", body)
	}

	code, body, _ = f.post(t, "/v1/manifests", f.tokens["carrier"], "application/edifact", "", withRefs)
	if code != 200 {
		t.Fatalf("JSON answer: %d %s", code, body)
	}
	var resp struct {
		Travellers []struct {
			Answer     string `json:"answer"`
			References []struct{ Qualifier, Value string }
		} `json:"travellers"`
	}
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, tr := range resp.Travellers {
		s := tr.Answer
		for _, r := range tr.References {
			s += " " + r.Qualifier + ":" + r.Value
		}
		got = append(got, s)
	}
	if want := "do_not_board AVF:PNR111 ABO:UPR1|board AVF:PNR222"; strings.Join(got, "|") != want {
		t.Errorf("JSON answers %q, want %q", strings.Join(got, "|"), want)
	}

	// A JSON manifest's references come back with its answers too.
	js := `{"travellers": [{"surname": "OKAFOR", "given_names": "CHIDI", "birth_date": "1985-01-01", "references": [{"qualifier": "AVF", "value": "PNR333"}]}]}`
	code, body, _ = f.post(t, "/v1/manifests", f.tokens["carrier"], "application/json", "", js)
	if code != 200 || !strings.Contains(body, `"value": "PNR333"`) {
		t.Errorf("JSON manifest: %d %s", code, body)
	}
}
