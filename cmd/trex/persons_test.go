package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trex"
)

// TestPersonPathThroughTheDemo follows a person's path end to end: a
// restriction is placed, the person learns of it without an account,
// appeals, the authority lifts it from its queue, the border node stops
// applying it, the person sees the decision, and both were notified.
func TestPersonPathThroughTheDemo(t *testing.T) {
	dir := t.TempDir()
	td := startTestDemoWith(t, demoConfig{DataDir: dir, Persons: 1})
	base := td.srv.URL
	var created struct{ ID string }
	body := map[string]any{"person": map[string]any{"schema": "Person", "properties": map[string]any{
		"lastName": []string{"Петрова"}, "firstName": []string{"Анна"}, "birthDate": []string{"1990-04-12"},
		"idNumber": []string{"4512 345678"}, "passportNumber": []string{"761234567"}}},
		"kind": "court_order", "legal_basis": "Case 2-1234/2026", "valid_until": time.Now().AddDate(0, 6, 0).UTC().Format(time.RFC3339)}
	if code := call(t, base, "POST", "/v1/restrictions", td.Tokens.Issuer, body, &created); code != 201 {
		t.Fatalf("create: %d", code)
	}
	me := map[string]string{"national_id": "4512 345678", "document_number": "761234567", "birth_date": "1990-04-12"}
	var st struct {
		Restricted   bool
		Restrictions []struct {
			ID      string
			Applies bool
		}
		Appeals []trex.Appeal
	}
	if code := call(t, base, "POST", "/v1/subject/status", "", me, &st); code != 200 || !st.Restricted || len(st.Restrictions) != 1 || st.Restrictions[0].ID != created.ID {
		t.Fatalf("status: %d %+v", code, st)
	}
	var filed struct{ ID, Status string }
	appeal := map[string]string{"restriction_id": created.ID, "reason": "the order was quashed"}
	for k, v := range me {
		appeal[k] = v
	}
	if code := call(t, base, "POST", "/v1/appeals", "", appeal, &filed); code != 201 || filed.Status != "pending" {
		t.Fatalf("appeal: %d %+v", code, filed)
	}
	var queue struct{ Appeals []trex.Appeal }
	if code := call(t, base, "GET", "/v1/appeals", td.Tokens.Issuer, nil, &queue); code != 200 || len(queue.Appeals) != 1 || queue.Appeals[0].ID != filed.ID {
		t.Fatalf("queue: %d %+v", code, queue)
	}
	if code := call(t, base, "POST", "/v1/appeals/"+filed.ID+"/decide", td.Tokens.Issuer, map[string]string{"outcome": "lift", "reason": "quashing order received"}, nil); code != 200 {
		t.Fatalf("decide: %d", code)
	}
	if !waitFor(10*time.Second, func() bool {
		r := td.Border.Node.Restriction(created.ID)
		return r != nil && r.Status == trex.StatusLifted
	}) {
		t.Fatalf("the lift did not reach the border node")
	}
	if code := call(t, base, "POST", "/v1/subject/status", "", me, &st); code != 200 || st.Restricted || len(st.Appeals) != 1 || st.Appeals[0].Status != trex.AppealLifted {
		t.Errorf("status after the lift: %d %+v", code, st)
	}
	want := []string{`"event":"restriction.created","recipient":"person"`, `"event":"appeal.received","recipient":"authority"`,
		`"event":"appeal.decided","recipient":"person"`, `"event":"restriction.lifted","recipient":"person"`}
	if !waitFor(10*time.Second, func() bool {
		b, _ := os.ReadFile(filepath.Join(dir, "notices.jsonl"))
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				return false
			}
		}
		return true
	}) {
		b, _ := os.ReadFile(filepath.Join(dir, "notices.jsonl"))
		t.Errorf("notices file lacks one of %v:\n%s", want, b)
	}
}

// TestDemoSubjectTokenFindsItsPerson: the demo's subject token is for the
// seeded restricted person, so /v1/me and the person's endpoints with the
// token show their restriction.
func TestDemoSubjectTokenFindsItsPerson(t *testing.T) {
	td := startTestDemoWith(t, demoConfig{DataDir: t.TempDir(), Persons: 1})
	var st struct{ Restricted bool }
	if code := call(t, td.srv.URL, "GET", "/v1/me", td.Tokens.Subject, nil, &st); code != 200 || !st.Restricted {
		t.Errorf("/v1/me with the demo's subject token: %d %+v", code, st)
	}
	st.Restricted = false
	if code := call(t, td.srv.URL, "POST", "/v1/subject/status", td.Tokens.Subject, nil, &st); code != 200 || !st.Restricted {
		t.Errorf("status with the demo's subject token: %d %+v", code, st)
	}
}

// TestPersonAndAppealsCommands: a person checks and appeals with trex
// person, and the authority lists and decides with trex appeals.
func TestPersonAndAppealsCommands(t *testing.T) {
	dir := t.TempDir()
	td := startTestDemoWith(t, demoConfig{DataDir: dir, Persons: 1})
	ctx := context.Background()
	var created struct{ ID string }
	body := map[string]any{"person": map[string]any{"schema": "Person", "properties": map[string]any{
		"lastName": []string{"Орлова"}, "firstName": []string{"Вера"}, "birthDate": []string{"1985-02-03"},
		"idNumber": []string{"4600 112233"}, "passportNumber": []string{"770011223"}}},
		"kind": "military_call_up", "legal_basis": "Notice 77/2026", "valid_until": time.Now().AddDate(0, 3, 0).UTC().Format(time.RFC3339)}
	if code := call(t, td.srv.URL, "POST", "/v1/restrictions", td.Tokens.Issuers["mil-registration"], body, &created); code != 201 {
		t.Fatalf("create: %d", code)
	}
	who := []string{"--url", td.srv.URL, "--national-id", "4600 112233", "--document", "770011223", "--birth-date", "1985-02-03"}
	var out bytes.Buffer
	if err := runPersonTo(ctx, append([]string{"status"}, who...), &out); err != nil || !strings.Contains(out.String(), `"restricted": true`) {
		t.Fatalf("person status: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := runPersonTo(ctx, append([]string{"appeal", "--restriction", created.ID, "--reason", "exempt: sole carer"}, who...), &out); err != nil {
		t.Fatalf("person appeal: %v", err)
	}
	var filed struct{ ID string }
	if err := json.Unmarshal(out.Bytes(), &filed); err != nil || filed.ID == "" {
		t.Fatalf("appeal answer %s: %v", out.String(), err)
	}
	if err := runPersonTo(ctx, []string{"status", "--url", td.srv.URL, "--national-id", "4600 112233"}, io.Discard); err == nil || !strings.Contains(err.Error(), "--document") {
		t.Errorf("status without all identifiers: %v, want an error naming them", err)
	}
	tokenFile := filepath.Join(dir, "issuer.token")
	os.WriteFile(tokenFile, []byte(td.Tokens.Issuers["mil-registration"]+"\n"), 0o600)
	out.Reset()
	if err := runAppealsTo(ctx, []string{"list", "--url", td.srv.URL, "--token-file", tokenFile}, &out); err != nil || !strings.Contains(out.String(), filed.ID) {
		t.Fatalf("appeals list: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := runAppealsTo(ctx, []string{"decide", "--url", td.srv.URL, "--token-file", tokenFile, "--id", filed.ID, "--outcome", "uphold", "--reason", "no exemption on file"}, &out); err != nil || !strings.Contains(out.String(), `"upheld"`) {
		t.Fatalf("appeals decide: %v\n%s", err, out.String())
	}
	err := runAppealsTo(ctx, []string{"decide", "--url", td.srv.URL, "--token-file", tokenFile, "--id", filed.ID, "--outcome", "lift", "--reason", "again"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "decided already") {
		t.Errorf("second decision: %v, want the API's conflict", err)
	}
}
