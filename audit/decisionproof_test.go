package audit_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"trex/audit"
)

// TestDecisionIsProvenInTheSignedCheckpoint: each of a batch of
// concurrent checks gets evidence that its entry (the request's hash, the
// verdict, the restrictions) is in a checkpoint the log signed; it
// verifies offline on its own, and a changed response, entry or proof,
// another request or another key is refused.
func TestDecisionIsProvenInTheSignedCheckpoint(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, "border-e")
	v := verifier(t, dir, "border-e")
	const n = 40
	requests := make([][]byte, n)
	receipts := make([]audit.Receipt, n)
	var wg sync.WaitGroup
	for i := range n {
		requests[i] = []byte(`{"mrz":"` + strings.Repeat("<", i) + `"}`)
		e := checkEntry(i)
		e.Request, e.Decision = audit.RequestHash(requests[i]), "refer"
		e.Matches = []audit.Match{{RestrictionID: "r1", Score: 0.9}, {RestrictionID: "r2", Score: 0.8}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			rc, err := l.Append(context.Background(), e)
			if err != nil {
				t.Error(err)
			}
			receipts[i] = rc
		}()
	}
	wg.Wait()
	response := func(i int) (map[string]any, string) {
		ev, err := receipts[i].Evidence()
		if err != nil {
			t.Fatal(err)
		}
		return map[string]any{"check_id": checkEntry(i).CheckID, "decision": "refer", "log_index": receipts[i].Index, "signature": ev,
			"matches": []map[string]any{{"restriction_id": "r1", "score": 0.9}, {"restriction_id": "r2", "score": 0.8}}}, ev
	}
	for i := range n {
		m, ev := response(i)
		doc, _ := json.Marshal(m)
		d, err := audit.VerifyDecision(doc, v, requests[i])
		if err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
		if d.LogIndex != receipts[i].Index || d.TreeSize != receipts[i].TreeSize || d.Verdict != "refer" || d.CheckID != checkEntry(i).CheckID {
			t.Fatalf("check %d read back as %+v", i, d)
		}
		if _, err := audit.VerifyDecision([]byte(ev), v, requests[i]); err != nil {
			t.Fatalf("check %d, the evidence alone: %v", i, err)
		}
	}
	m0, ev := response(0)
	_, ev1 := response(1)
	entry1 := strings.Split(ev1, "\n")[2]
	lines := strings.Split(ev, "\n")
	flipped := make([]string, len(lines))
	copy(flipped, lines)
	for i, line := range flipped {
		if strings.HasPrefix(line, "proof ") {
			h, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(line, "proof "))
			h[0] ^= 1
			flipped[i] = "proof " + base64.StdEncoding.EncodeToString(h)
			break
		}
	}
	for name, change := range map[string]func(m map[string]any){
		"verdict":   func(m map[string]any) { m["decision"] = "clear" },
		"log index": func(m map[string]any) { m["log_index"] = receipts[1].Index },
		"matches":   func(m map[string]any) { m["matches"] = []map[string]any{{"restriction_id": "r1"}} },
		"entry": func(m map[string]any) {
			m["signature"] = strings.Replace(ev, lines[2], entry1, 1)
		},
		"proof":         func(m map[string]any) { m["signature"] = strings.Join(flipped, "\n") },
		"no checkpoint": func(m map[string]any) { m["signature"] = strings.SplitN(ev, "\n\n", 2)[0] + "\n" },
	} {
		m := map[string]any{}
		for k, v := range m0 {
			m[k] = v
		}
		change(m)
		bad, _ := json.Marshal(m)
		if _, err := audit.VerifyDecision(bad, v, requests[0]); err == nil {
			t.Errorf("%s changed: accepted", name)
		}
	}
	doc, _ := json.Marshal(m0)
	if _, err := audit.VerifyDecision(doc, v, requests[1]); err == nil {
		t.Error("accepted for another request")
	}
	other := t.TempDir()
	mustOpen(t, other, "border-e")
	if _, err := audit.VerifyDecision(doc, verifier(t, other, "border-e"), requests[0]); err == nil {
		t.Error("accepted with another node's key")
	}
}
