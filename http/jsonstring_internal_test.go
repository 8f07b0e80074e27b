package http

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// jsonStringCases are strings whose JSON escaping differs in some way:
// each kind of escape, multi-byte runes, and invalid UTF-8.
var jsonStringCases = []string{
	"", "plain ascii 0123 +/=", "trex decision v2\nlog_index 41\n\n",
	"\"quoted\" \\ back", "\b\f\n\r\t\x00\x01\x1f\x7f", "<script>&amp;</script>",
	"\u2014 em dash, \u00e9, \U0001F600", "\u2028 line \u2029 para",
	"\xff", "a\xc3", "\xe2\x80", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 beyond",
}

// TestAppendJSONStringIsWhatEncodingJSONWrites: the evidence escaped by
// hand is byte for byte what encoding/json writes for the same string,
// so clients and the offline verifier read the same signature field.
func TestAppendJSONStringIsWhatEncodingJSONWrites(t *testing.T) {
	for _, s := range jsonStringCases {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString([]byte("prefix"), []byte(s)); string(got) != "prefix"+string(want) {
			t.Errorf("%q: %s, want %s", s, got[len("prefix"):], want)
		}
	}
}

// FuzzAppendJSONString compares the hand-written escaping with
// encoding/json on any bytes, and checks that the result reads back.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStringCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		want, err := json.Marshal(string(s))
		if err != nil {
			t.Fatal(err)
		}
		got := appendJSONString(nil, s)
		if string(got) != string(want) {
			t.Fatalf("%q: %s, want %s", s, got, want)
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q: %s does not read back: %v", s, got, err)
		}
	})
}

// BenchmarkEvidenceField measures writing a check's evidence (about 1.5
// KB: base64, a signed note with an em dash) as a JSON string: through
// encoding/json's encoder, and by hand (appendJSONString).
func BenchmarkEvidenceField(b *testing.B) {
	ev := []byte("trex decision v2\nlog_index 123456\nentry " + strings.Repeat("eyJ0eXBlIjoiY2hlY2siLCJhdCI6IjIwMjYtMDEtMDJUMDM6MDQ6MDVaIn0=", 12) +
		strings.Repeat("\nproof AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 20) + "\n\ntrex-audit/border-a\n123457\nq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJ=\n\n\u2014 trex-audit/border-a AbCdEf0123456789+/==\n")
	b.Run("encoder", func(b *testing.B) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		for b.Loop() {
			buf.Reset()
			if err := enc.Encode(string(ev)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("byhand", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf = appendJSONString(buf[:0], ev)
		}
	})
}
