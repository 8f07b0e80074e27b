package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"trex"
	thttp "trex/http"
)

// Names beyond the person limits are refused with problem+json on every
// input path, before any screening work, and leave nothing behind.
func TestOversizedNamesAreRefusedOnEveryPath(t *testing.T) {
	f := newFixture(t)
	longWord := strings.Repeat("Щ", 450000)
	aliases, _ := json.Marshal(make100Aliases())
	longTraveller := strings.Repeat("K", 1000)
	paxlst := strings.Replace(manifest, "NAD+FL+++OKAFOR:CHIDI'", "NAD+FL+++"+longTraveller+":CHIDI'", 1)
	cases := []struct{ name, path, ct, body, detail string }{
		{"check with a 450k-letter surname", "/v1/checks", "application/json",
			`{"traveller": {"schema": "Person", "properties": {"lastName": ["` + longWord + `"], "birthDate": ["1970-01-01"]}}}`, "letters"},
		{"check with 100 aliases", "/v1/checks", "application/json",
			`{"traveller": {"schema": "Person", "properties": {"alias": ` + string(aliases) + `, "birthDate": ["1970-01-01"]}}}`, "at most 64"},
		{"JSON manifest with a long surname", "/v1/manifests", "application/json",
			`{"travellers": [{"surname": "A", "birth_date": "1970-01-01"}, {"surname": "` + longTraveller + `", "birth_date": "1970-01-01"}]}`, "travellers[1]"},
		{"PAXLST manifest with a long surname", "/v1/manifests", "application/edifact", paxlst, "travellers[1]"},
		{"restriction with 100 aliases", "/v1/restrictions", "application/json",
			`{"person": {"schema": "Person", "properties": {"alias": ` + string(aliases) + `}}, "kind": "court_order", "legal_basis": "x", "valid_until": "2099-01-01T00:00:00Z"}`, "at most 64"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			token := f.tokens["officer"]
			if c.path == "/v1/restrictions" {
				token = f.tokens["issuer"]
			}
			code, body, h := f.post(t, c.path, token, c.ct, "", c.body)
			if code != 400 || h.Get("Content-Type") != "application/problem+json" || !strings.Contains(body, c.detail) {
				t.Errorf("%d %.300s; want a 400 problem mentioning %q", code, body, c.detail)
			}
		})
	}
	if pending, _ := f.db.PendingChanges(context.Background(), 10); len(pending) != 0 {
		t.Errorf("a refused restriction left %d changes", len(pending))
	}
	_, audit, _ := f.do(t, "GET", "/v1/audit/checks", f.tokens["auditor"], "")
	if n := len(audit["checks"].([]any)); n != 0 {
		t.Errorf("refused checks left %d check records", n)
	}
}

func make100Aliases() []string {
	out := make([]string, 100)
	for i := range out {
		out[i] = fmt.Sprintf("Alias%d Person", i)
	}
	return out
}

// slowChecks is a check service that takes a while per traveller and
// counts the travellers it screened.
type slowChecks struct {
	per      time.Duration
	screened atomic.Int64
	fail     string // a surname it fails on
}

func (c *slowChecks) Check(ctx context.Context, p trex.Person) (*trex.Decision, error) {
	if c.fail != "" && p.Names[0].Surname == c.fail {
		return nil, fmt.Errorf("index unavailable")
	}
	select {
	case <-time.After(c.per):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.screened.Add(1)
	return &trex.Decision{Verdict: trex.Clear, Matches: []trex.Match{}}, nil
}

// oneToken is a token service that knows one officer token, "secret".
type oneToken struct{}

func (oneToken) CreateToken(context.Context, *trex.Token) (string, error) { return "", nil }
func (oneToken) ListTokens(context.Context) ([]trex.Token, error)         { return nil, nil }
func (oneToken) RevokeToken(context.Context, string) error                { return nil }
func (oneToken) Authenticate(_ context.Context, s string) (*trex.Principal, error) {
	if s != "secret" {
		return nil, trex.Errorf(trex.EUNAUTHORIZED, "unknown token")
	}
	return &trex.Principal{TokenID: "T1", Role: trex.RoleOfficer}, nil
}

func fullManifest(n int) string {
	ts := make([]string, n)
	for i := range ts {
		ts[i] = fmt.Sprintf(`{"surname": "NOBODY%d", "given_names": "X", "birth_date": "1970-01-01", "document_number": "X%d"}`, i, i)
	}
	return `{"travellers": [` + strings.Join(ts, ",") + `]}`
}

func postManifest(ctx context.Context, url, body string) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, "POST", url+"/v1/manifests", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer secret")
	req.Header.Set("Content-Type", "application/json")
	return http.DefaultClient.Do(req)
}

func quietServer(t *testing.T, c trex.CheckService, configure func(*thttp.Server)) string {
	api := &thttp.Server{Checks: c, Tokens: oneToken{}, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		RateLimit: thttp.RateLimit{PerSecond: 1e6, Burst: 1e6}}
	configure(api)
	return newServer(t, api).URL
}

// When the caller leaves, the manifest's travellers stop being screened.
func TestManifestWorkStopsWhenTheCallerLeaves(t *testing.T) {
	checks := &slowChecks{per: 20 * time.Millisecond}
	url := quietServer(t, checks, func(s *thttp.Server) { s.ManifestWorkers = 2 })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := postManifest(ctx, url, fullManifest(500)); err == nil {
		t.Fatal("the manifest was answered before the caller left")
	}
	time.Sleep(300 * time.Millisecond)
	left := checks.screened.Load()
	time.Sleep(300 * time.Millisecond)
	if now := checks.screened.Load(); now != left || now > 100 {
		t.Errorf("screened %d travellers by the time the caller left, %d later; want the work stopped", left, now)
	}
}

// A manifest that cannot be screened within its deadline is answered 503,
// and its work stops.
func TestManifestDeadline(t *testing.T) {
	checks := &slowChecks{per: 20 * time.Millisecond}
	url := quietServer(t, checks, func(s *thttp.Server) { s.ManifestWorkers = 1; s.ManifestTimeout = 100 * time.Millisecond })
	resp, err := postManifest(context.Background(), url, fullManifest(200))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "within") {
		t.Errorf("%d %s; want 503 saying the manifest was not screened in time", resp.StatusCode, body)
	}
	if resp.Header.Get("Retry-After") == "" {
		t.Error("a 503 without Retry-After: the carrier is not told when to try again")
	}
	if n := checks.screened.Load(); n > 20 {
		t.Errorf("%d travellers screened after a 100ms deadline at 20ms each on one worker", n)
	}
}

// A traveller whose screening fails is answered with the error, not a
// silent refer, and counted.
func TestManifestScreeningFailureIsReportedAndCounted(t *testing.T) {
	checks := &slowChecks{fail: "NOBODY1"}
	var api *thttp.Server
	url := quietServer(t, checks, func(s *thttp.Server) { api = s })
	resp, err := postManifest(context.Background(), url, fullManifest(3))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Travellers []struct{ Answer, Error string } `json:"travellers"`
	}
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if len(out.Travellers) != 3 || out.Travellers[1].Answer != "refer" || !strings.Contains(out.Travellers[1].Error, "not screened") || out.Travellers[0].Error != "" {
		t.Errorf("answers = %+v; want traveller 1 refer with the error, the others screened", out.Travellers)
	}
	if got := api.TravellerRefusals()[thttp.RefusedFailed]; got != 1 {
		t.Errorf("failed screenings counted = %d, want 1", got)
	}
}

// A PAXLST sent without a Content-Type is recognised; anything else
// without one is refused naming application/edifact.
func TestManifestWithoutContentType(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	code, body, _ := f.post(t, "/v1/manifests", f.tokens["carrier"], "", "", manifest)
	if code != 200 || !strings.Contains(body, "do_not_board") {
		t.Errorf("PAXLST without Content-Type: %d %s", code, body)
	}
	code, body, _ = f.post(t, "/v1/manifests", f.tokens["carrier"], "", "", "PAX LIST\nKUZNETSOVA MARIIA")
	if code != 400 || !strings.Contains(body, "application/edifact") {
		t.Errorf("unknown body without Content-Type: %d %s; want 400 naming application/edifact", code, body)
	}
	code, body, _ = f.post(t, "/v1/manifests", f.tokens["carrier"], "", "", fullManifest(1))
	if code != 200 {
		t.Errorf("JSON without Content-Type: %d %s", code, body)
	}
}

// A traveller without a name is refused with a 400 naming the traveller,
// in JSON and in PAXLST.
func TestManifestTravellerWithoutNameIsRefused(t *testing.T) {
	f := newFixture(t)
	code, body, _ := f.post(t, "/v1/manifests", f.tokens["officer"], "application/json", "",
		`{"travellers": [{"surname": "A", "birth_date": "1970-01-01"}, {"surname": "  ", "given_names": "", "birth_date": "1970-01-01"}]}`)
	if code != 400 || !strings.Contains(body, "travellers[1]") || !strings.Contains(body, "no name") {
		t.Errorf("JSON traveller without a name: %d %s", code, body)
	}
	paxlst := strings.Replace(manifest, "NAD+FL+++OKAFOR:CHIDI'", "NAD+FL'", 1)
	code, body, _ = f.post(t, "/v1/manifests", f.tokens["officer"], "application/edifact", "", paxlst)
	if code != 400 || !strings.Contains(body, "travellers[1]") {
		t.Errorf("PAXLST traveller without a name: %d %s", code, body)
	}
}
