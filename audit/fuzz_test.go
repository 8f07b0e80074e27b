package audit_test

import (
	"context"
	"encoding/json"
	"testing"

	"trex/audit"
)

// FuzzParseCheckpoint: whatever text a remote node serves as a checkpoint
// body, reading it never panics, and what it accepts reads back the same
// from its own body.
func FuzzParseCheckpoint(f *testing.F) {
	f.Add("trex-registry\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")
	f.Add("trex-border-a\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next line\n")
	f.Add("\n\n\n")
	f.Add("o\n-1\nx\n")
	f.Add("o\n9223372036854775808\nAAAA\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := audit.ParseCheckpoint(text)
		if err != nil {
			return
		}
		again, err := audit.ParseCheckpoint(c.Body())
		if err != nil || again.Origin != c.Origin || again.Size != c.Size || again.Root != c.Root {
			t.Fatalf("checkpoint %q read as %+v, its body %q as %+v, %v", text, c, c.Body(), again, err)
		}
	})
}

// FuzzVerifyDecision: a decision file comes from anyone; verifying it
// offline never panics, and a changed byte of a genuine one is never
// accepted as another decision than the one signed.
func FuzzVerifyDecision(f *testing.F) {
	dir := f.TempDir()
	l := mustOpen(f, dir, "border-fuzz")
	v := verifier(f, dir, "border-fuzz")
	e := checkEntry(1)
	e.Request, e.Decision = audit.RequestHash([]byte(`{"mrz":"x"}`)), "refer"
	e.Matches = []audit.Match{{RestrictionID: "r1", Score: 0.9}}
	rc, err := l.Append(context.Background(), e)
	if err != nil {
		f.Fatal(err)
	}
	ev, err := rc.Evidence()
	if err != nil {
		f.Fatal(err)
	}
	doc, _ := json.Marshal(map[string]any{"check_id": e.CheckID, "decision": "refer", "log_index": rc.Index, "signature": ev,
		"matches": []map[string]any{{"restriction_id": "r1", "score": 0.9}}})
	f.Add(doc)
	f.Add([]byte(ev))
	f.Add([]byte(`{"signature": ""}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		d, err := audit.VerifyDecision(doc, v, nil)
		if err != nil {
			return
		}
		if d.CheckID != e.CheckID || d.LogIndex != rc.Index || d.Verdict != "refer" {
			t.Fatalf("a changed decision verified as another: %+v", d)
		}
	})
}
