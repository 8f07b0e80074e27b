package http

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
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
// hand reads back as the string encoding/json writes, so clients and the
// offline verifier read the same signature field (see sameJSONString).
func TestAppendJSONStringIsWhatEncodingJSONWrites(t *testing.T) {
	for _, s := range jsonStringCases {
		got := appendJSONString([]byte("prefix"), []byte(s))
		if !bytes.HasPrefix(got, []byte("prefix")) {
			t.Fatalf("%q: the prefix was overwritten: %s", s, got)
		}
		sameJSONString(t, []byte(s), got[len("prefix"):])
	}
}

// sameJSONString fails unless got, the hand-written escaping of s, is
// what encoding/json writes for s. Valid UTF-8 must match byte for byte.
// For invalid UTF-8 Go releases differ (the escape \ufffd or the
// replacement character itself), so there got must be the escape, which
// keeps the field ASCII, and read back as encoding/json's output does.
func sameJSONString(t *testing.T, s, got []byte) {
	t.Helper()
	want, err := json.Marshal(string(s))
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(s) {
		if string(got) != string(want) {
			t.Fatalf("%q: %s, want %s", s, got, want)
		}
		return
	}
	if !utf8.Valid(got) || bytes.ContainsRune(got, utf8.RuneError) {
		t.Fatalf("%q: %s writes invalid UTF-8 other than as the escape \\ufffd", s, got)
	}
	var back, wantBack string
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("%q: %s does not read back: %v", s, got, err)
	}
	if err := json.Unmarshal(want, &wantBack); err != nil {
		t.Fatal(err)
	}
	if back != wantBack {
		t.Fatalf("%q: %s reads back as %q, encoding/json's %s as %q", s, got, back, want, wantBack)
	}
}

// FuzzAppendJSONString compares the hand-written escaping with
// encoding/json on any bytes, and checks that the result reads back.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStringCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		got := appendJSONString(nil, s)
		sameJSONString(t, s, got)
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
