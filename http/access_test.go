package http_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"trex"
	"trex/audit"
)

// doWith is f.do with extra request headers.
func (f *fixture) doWith(t *testing.T, method, path, token string, header map[string]string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// auditEntriesOf returns the node's audit entries of type typ.
func (f *fixture) auditEntriesOf(t *testing.T, typ string) []*audit.Entry {
	t.Helper()
	ctx := context.Background()
	data, err := f.api.Audit.Entries(ctx, 0, f.api.Audit.Size())
	if err != nil {
		t.Fatal(err)
	}
	var out []*audit.Entry
	for _, d := range data {
		e, err := audit.DecodeEntry(d)
		if err != nil {
			t.Fatal(err)
		}
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func TestIssuerReadIsInThePersonsAccessLog(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	if code, out := f.doWith(t, "GET", "/v1/restrictions/"+id, f.tokens["issuer"], nil); code != http.StatusOK {
		t.Fatalf("read: %d %v", code, out)
	}
	// Another authority probing for the restriction sees nothing and is no
	// look at the person's record.
	if code, _ := f.doWith(t, "GET", "/v1/restrictions/"+id, f.tokens["issuer-other"], nil); code != http.StatusNotFound {
		t.Fatalf("other authority's read: %d, want 404", code)
	}
	events, err := f.db.AccessEvents(context.Background(), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Who != "district-court" || events[0].WhoKind != trex.AccessByAuthority ||
		events[0].Kind != trex.AccessRead || events[0].RestrictionID != id || events[0].At.IsZero() {
		t.Fatalf("access log = %+v, want one read by district-court", events)
	}
	reads := f.auditEntriesOf(t, audit.TypeRestrictionRead)
	if len(reads) != 1 || reads[0].RestrictionID != id || reads[0].Authority != "district-court" || reads[0].Exempt {
		t.Errorf("audit log reads = %+v, want one non-exempt read of %s", reads, id)
	}
}

func TestExemptReadIsCountedForAuditorsNotListedToThePerson(t *testing.T) {
	f := newFixture(t)
	f.api.ExemptAuthorities = []string{"district-court"}
	id := f.create(t)
	ground := "Criminal Procedure Code art. 161: ongoing investigation"
	if code, out := f.doWith(t, "GET", "/v1/restrictions/"+id, f.tokens["issuer"], map[string]string{"Trex-Access-Exempt": ground}); code != http.StatusOK {
		t.Fatalf("exempt read: %d %v", code, out)
	}
	if code, out := f.doWith(t, "GET", "/v1/restrictions/"+id, f.tokens["issuer"], nil); code != http.StatusOK {
		t.Fatalf("read: %d %v", code, out)
	}
	events, err := f.db.AccessEvents(context.Background(), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("person's access log = %+v, want only the read that was not exempt", events)
	}
	code, out := f.doWith(t, "GET", "/v1/audit/access-exempt", f.tokens["auditor"], nil)
	if code != http.StatusOK {
		t.Fatalf("auditor's report: %d %v", code, out)
	}
	if counts, _ := out["exempt"].(map[string]any); len(counts) != 1 || counts["district-court"] != float64(1) {
		t.Errorf("exempt counts = %v, want district-court: 1", out)
	}
	reads := f.auditEntriesOf(t, audit.TypeRestrictionRead)
	if len(reads) != 2 || !reads[0].Exempt || reads[0].ReasonHash != audit.TextHash(ground) || reads[1].Exempt {
		t.Errorf("audit log reads = %+v, want the exempt read with the ground's hash, then the plain one", reads)
	}
}

func TestExemptionClaimedByAnAuthorityNotAllowedIsRefused(t *testing.T) {
	f := newFixture(t)
	f.api.ExemptAuthorities = []string{"bailiff-service"}
	id := f.create(t)
	for _, tc := range []struct {
		header string
		want   int
	}{
		{"ongoing investigation", http.StatusForbidden},
		{"  ", http.StatusBadRequest},
		{strings.Repeat("x", 1001), http.StatusBadRequest},
	} {
		code, out := f.doWith(t, "GET", "/v1/restrictions/"+id, f.tokens["issuer"], map[string]string{"Trex-Access-Exempt": tc.header})
		if code != tc.want || out["type"] == nil || out["person"] != nil {
			t.Errorf("exemption %.20q: %d %v, want a %d problem without the restriction", tc.header, code, out, tc.want)
		}
	}
	if events, _ := f.db.AccessEvents(context.Background(), []string{id}); len(events) != 0 {
		t.Errorf("refused reads were recorded: %+v", events)
	}
	if counts, _ := f.db.ExemptCounts(context.Background()); len(counts) != 0 {
		t.Errorf("refused reads were counted exempt: %v", counts)
	}
}
