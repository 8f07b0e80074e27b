package http_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"trex"
)

// TestCheckReportsCountedAtTheRegistry: the auditor asks the registry what
// it knows of the border nodes' checks: per node, the matched checks
// reported and the restrictions they matched, with a note that clears are
// counted only at the nodes. Other roles are refused.
func TestCheckReportsCountedAtTheRegistry(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	at := time.Now().Add(-time.Minute).UTC().Truncate(time.Second)
	for _, r := range []trex.CheckReport{
		{Node: "gate-1", CheckID: "C1", At: at, RestrictionIDs: []string{"R1", "R2"}},
		{Node: "gate-1", CheckID: "C2", At: at, RestrictionIDs: []string{"R1"}},
		{Node: "gate-2", CheckID: "C1", At: at, RestrictionIDs: []string{"R3"}},
	} {
		for _, e := range r.AccessEvents() {
			if err := f.api.Access.RecordAccess(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	code, out, _ := f.do(t, "GET", "/v1/audit/check-reports", f.tokens["auditor"], "")
	if code != http.StatusOK {
		t.Fatalf("check reports: %d %v", code, out)
	}
	nodes, _ := out["nodes"].(map[string]any)
	g1, _ := nodes["gate-1"].(map[string]any)
	g2, _ := nodes["gate-2"].(map[string]any)
	if len(nodes) != 2 || g1["checks"] != float64(2) || g1["restrictions"] != float64(3) || g2["checks"] != float64(1) || g1["last"] != at.Format(time.RFC3339) {
		t.Errorf("nodes = %v; want gate-1 2 checks 3 restrictions, gate-2 1 check", nodes)
	}
	if note, _ := out["note"].(string); !strings.Contains(note, "clears") || !strings.Contains(note, "only at each node") {
		t.Errorf("note = %q; want it to say clears are counted only at the nodes", note)
	}
	for _, role := range []string{"officer", "supervisor", "issuer"} {
		if code, _, _ := f.do(t, "GET", "/v1/audit/check-reports", f.tokens[role], ""); code != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", role, code)
		}
	}
}
