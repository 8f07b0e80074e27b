package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"trex"
	"trex/border"
	"trex/natsx"
	"trex/screening"
	"trex/sqlite"
)

// TestBorderAPIRecordsChecks: the API trex border serves records every
// check in the node's check log, so that the answer carries a check ID a
// supervisor can resolve and an auditor can read back.
func TestBorderAPIRecordsChecks(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "border-gate-1.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	node := &border.Node{ID: "gate-1", Replica: db, Matcher: screening.New(), Log: log}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}
	b := &borderNode{DB: db, Node: node, Trust: natsx.NewTrustList()}
	srv := httptest.NewServer(borderAPI(b, "gate-1", 15*time.Second, log).Handler())
	defer srv.Close()
	token := func(role trex.Role) string {
		s, err := db.CreateToken(ctx, &trex.Token{Role: role, ExpiresAt: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	var ans struct {
		CheckID string `json:"check_id"`
	}
	traveller := entity(map[string][]string{"lastName": {"OKAFOR"}, "firstName": {"CHIDI"}, "birthDate": {"1985-01-01"}})
	if code := call(t, srv.URL, "POST", "/v1/checks", token(trex.RoleOfficer), map[string]any{"traveller": traveller}, &ans); code != 200 || ans.CheckID == "" {
		t.Fatalf("check: %d %+v, want 200 with a check ID", code, ans)
	}
	var audit struct {
		Checks []struct {
			ID   string `json:"id"`
			Node string `json:"node"`
		} `json:"checks"`
	}
	if code := call(t, srv.URL, "GET", "/v1/audit/checks", token(trex.RoleAuditor), nil, &audit); code != 200 || len(audit.Checks) != 1 || audit.Checks[0].ID != ans.CheckID || audit.Checks[0].Node != "gate-1" {
		t.Errorf("audit: %d %+v, want the check %s from gate-1", code, audit, ans.CheckID)
	}
}
