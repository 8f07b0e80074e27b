package http

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"trex"
)

// TestEvidenceFieldIsWrittenAsWriteJSONWould checks that a check's answer
// written with its evidence apart from the encoder is, byte for byte,
// what encoding the whole answer (compact) gives: clients and the offline verifier
// read the same signature field as before.
func TestEvidenceFieldIsWrittenAsWriteJSONWould(t *testing.T) {
	idx := int64(41)
	evidence := "trex decision v2\nlog_index 41\nentry eyJ0eXBlIjoiY2hlY2sifQ==\nproof AAAA+/==\n\n" +
		"bench\n41\nabc=\n\n\u2014 bench <&> \"q\" \\ x\n"
	resp := checkResponse{CheckID: "CABC", Decision: trex.Verdict("clear"), Matches: []trex.Match{},
		DataAsOf: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), LogIndex: &idx}
	want := httptest.NewRecorder()
	withSig := resp
	withSig.Signature = evidence
	writeCompactJSON(want, 200, withSig)
	// Twice: the second answer reuses the first's buffers.
	for range 2 {
		got := httptest.NewRecorder()
		if err := writeJSONWithEvidence(got, 200, resp, []byte(evidence)); err != nil {
			t.Fatal(err)
		}
		if got.Body.String() != want.Body.String() {
			t.Errorf("answer:\n%s\nwant:\n%s", got.Body, want.Body)
		}
		for _, h := range []string{"Content-Type", "X-Content-Type-Options", "Cache-Control"} {
			if got.Header().Get(h) != want.Header().Get(h) {
				t.Errorf("%s: %q, want %q", h, got.Header().Get(h), want.Header().Get(h))
			}
		}
	}
	empty := httptest.NewRecorder()
	if err := writeJSONWithEvidence(empty, 200, struct{}{}, []byte(evidence)); err == nil || empty.Body.Len() != 0 {
		t.Errorf("an answer with no fields: error %v, wrote %q", err, empty.Body)
	}
}

// writeCompactJSON is writeJSON without indenting.
func writeCompactJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
