package audit_test

import (
	"encoding/json"
	"strings"
	"testing"

	"trex/audit"
)

// TestSignedDecisionIsEvidence: a decision signed over the request binds
// the response's verdict, matches and log index to that request; a
// changed response, another request or another key is refused.
func TestSignedDecisionIsEvidence(t *testing.T) {
	keys, _ := audit.NewKeys("border-a")
	v, _ := noteVerifier(keys.Verifier)
	request := []byte(`{"mrz":"P<UTO..."}`)
	d := audit.Decision{Origin: audit.Origin("border-a"), CheckID: "c1", Request: audit.RequestHash(request),
		Verdict: "refer", RestrictionIDs: []string{"r1", "r2"}, LogIndex: 41, TreeSize: 44}
	sig, err := d.Sign(keys.Signer)
	if err != nil {
		t.Fatal(err)
	}
	resp := map[string]any{"check_id": "c1", "decision": "refer", "log_index": 41, "signature": sig,
		"matches": []map[string]any{{"restriction_id": "r1", "score": 0.9}, {"restriction_id": "r2", "score": 0.8}}}
	doc, _ := json.Marshal(resp)
	got, err := audit.VerifyDecision(doc, v, request)
	if err != nil {
		t.Fatal(err)
	}
	if got.LogIndex != 41 || got.TreeSize != 44 || got.Verdict != "refer" {
		t.Fatalf("decision read back as %+v", got)
	}
	if _, err := audit.VerifyDecision([]byte(sig), v, nil); err != nil {
		t.Fatalf("the bare signed note: %v", err)
	}
	for name, change := range map[string]func(m map[string]any){
		"verdict":   func(m map[string]any) { m["decision"] = "clear" },
		"log index": func(m map[string]any) { m["log_index"] = 40 },
		"matches":   func(m map[string]any) { m["matches"] = []map[string]any{{"restriction_id": "r1"}} },
		"signature": func(m map[string]any) { m["signature"] = strings.Replace(sig, "decision refer", "decision clear", 1) },
	} {
		m := map[string]any{}
		json.Unmarshal(doc, &m)
		change(m)
		bad, _ := json.Marshal(m)
		if _, err := audit.VerifyDecision(bad, v, request); err == nil {
			t.Errorf("%s changed: accepted", name)
		}
	}
	if _, err := audit.VerifyDecision(doc, v, []byte(`{"mrz":"other"}`)); err == nil {
		t.Error("accepted for another request")
	}
	otherKeys, _ := audit.NewKeys("border-a")
	ov, _ := noteVerifier(otherKeys.Verifier)
	if _, err := audit.VerifyDecision(doc, ov, request); err == nil {
		t.Error("accepted with another node's key")
	}
}
