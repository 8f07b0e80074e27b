package http

import (
	"bytes"
	"encoding/json"
	"io"
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

// TestLongAnswerStatesItsLength: an answer with evidence is longer than
// net/http's buffer before it chunks a reply; it still goes out whole,
// with its Content-Length, so that a booth reads it in one piece.
func TestLongAnswerStatesItsLength(t *testing.T) {
	evidence := bytes.Repeat([]byte("evidence "), 600)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSONWithEvidence(w, http.StatusOK, map[string]string{"decision": "clear"}, evidence)
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if len(body) <= 4096 {
		t.Fatalf("answer of %d bytes: too short to test", len(body))
	}
	if resp.ContentLength != int64(len(body)) || len(resp.TransferEncoding) > 0 {
		t.Errorf("answer of %d bytes sent with Content-Length %d, transfer encoding %v", len(body), resp.ContentLength, resp.TransferEncoding)
	}
}
