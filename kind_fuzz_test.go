package trex_test

import (
	"encoding/json"
	"testing"

	"trex"
)

// FuzzParseKinds: a kinds file is an operator's input; reading it never
// panics, and what it accepts reads back the same once written out.
func FuzzParseKinds(f *testing.F) {
	f.Add([]byte(`[{"name": "court_order", "max_days": 1830, "appeal": "Appeal to the higher court."}]`))
	f.Add([]byte(`[{"name": "x", "max_days": 1, "appeal": "a", "review_days": 30, "lapse_unreviewed": true, "retain_days": 10, "appeal_days": 5}]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"name": "A B", "max_days": -1}]`))
	f.Add([]byte(`[{}] []`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ks, err := trex.ParseKinds(b)
		if err != nil {
			return
		}
		out, err := json.Marshal(ks)
		if err != nil {
			t.Fatal(err)
		}
		again, err := trex.ParseKinds(out)
		if err != nil || len(again) != len(ks) {
			t.Fatalf("kinds %s accepted, written as %s, read back as %v, %v", b, out, again, err)
		}
	})
}
