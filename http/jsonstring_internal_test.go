package http

import (
	"encoding/json"
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
