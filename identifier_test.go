package trex_test

import (
	"testing"
	"time"
	"unicode"

	"trex"
)

// TestNormalizeDocumentNumberKeepsEveryLetter: numbers that differ only in
// non-Latin letters stay different (they used to lose those letters and
// become equal), Cyrillic is transliterated to the Latin a clerk would
// type, and only separators are dropped.
func TestNormalizeDocumentNumberKeepsEveryLetter(t *testing.T) {
	for in, want := range map[string]string{
		"IV-АБ 654321": "IVAB654321", "iv-аб 654321": "IVAB654321", "IV-МЮ 654321": "IVMÛ654321",
		"IV-AB 654321": "IVAB654321", "１２３４ ５６": "123456", "ΑΒ-12": "ΑΒ12", "№ 12": "12",
		"4509 123456": "4509123456", "ab-12<<3": "AB123",
		"\u0418\u0306-12": "J12", // a decomposed Й is the letter Й
	} {
		if got := trex.NormalizeDocumentNumber(in); got != want {
			t.Errorf("NormalizeDocumentNumber(%q) = %q, want %q", in, got, want)
		}
	}
	if a, b := trex.NormalizeDocumentNumber("IV-АБ 654321"), trex.NormalizeDocumentNumber("IV-МЮ 654321"); a == b {
		t.Errorf("two series normalise alike: %q", a)
	}
}

// TestNormalizeDocumentNumberIsInjectiveOnCyrillic: no Cyrillic letter is
// dropped and no two render alike, so two numbers that differ in one
// letter never compare equal.
func TestNormalizeDocumentNumberIsInjectiveOnCyrillic(t *testing.T) {
	seen := map[string]rune{}
	for r := rune(0x400); r <= 0x4FF; r++ {
		if !unicode.IsUpper(r) {
			continue
		}
		got := trex.NormalizeDocumentNumber(string(r))
		if got == "" {
			t.Errorf("%c (%U) is dropped", r, r)
			continue
		}
		if o, ok := seen[got]; ok {
			t.Errorf("%c and %c both normalise to %q", o, r, got)
		}
		seen[got] = r
	}
}

func TestIdentifierKeyComparesKindAndCountry(t *testing.T) {
	base := trex.Identifier{Kind: "national_id", Country: "RU", Value: "4509 123456"}
	same := []trex.Identifier{
		{Kind: "National_ID ", Country: "ru", Value: "4509-123456"},
	}
	other := []trex.Identifier{
		{Kind: "tax", Country: "RU", Value: "4509 123456"},
		{Kind: "national_id", Country: "KZ", Value: "4509 123456"},
		{Kind: "national_id", Value: "4509 123456"},
		{Kind: "national_id", Country: "RU", Value: "4509 123457"},
	}
	for _, id := range same {
		if id.Key() != base.Key() {
			t.Errorf("%+v: key %q, want %q", id, id.Key(), base.Key())
		}
	}
	for _, id := range other {
		if id.Key() == base.Key() {
			t.Errorf("%+v has the key of %+v", id, base)
		}
	}
}

func TestParseIdentifier(t *testing.T) {
	good := map[string]string{
		"national_id:RU:4509 123456": "national_id:RU:4509123456",
		"4509 123456":                "national_id::4509123456",
		"tax:rus:7701-1234":          "tax:RUS:77011234",
		"::IV-АБ 654321":             "national_id::IVAB654321",
	}
	for in, want := range good {
		id, err := trex.ParseIdentifier(in)
		if err != nil || id.Key() != want {
			t.Errorf("ParseIdentifier(%q) = %q, %v; want %q", in, id.Key(), err, want)
		}
		if again, err := trex.ParseIdentifier(id.Key()); err != nil || again.Key() != want {
			t.Errorf("the key %q does not parse back to itself: %q, %v", want, again.Key(), err)
		}
	}
	for _, in := range []string{"", "national_id:RU:", "national_id:R1:1234", "a:b", "a:RU:1:2", "national_id:RUSS:1234"} {
		if _, err := trex.ParseIdentifier(in); trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("ParseIdentifier(%q) err = %v, want EINVALID", in, err)
		}
	}
}

func TestSubjectTokenKeepsKindAndCountry(t *testing.T) {
	now := time.Now()
	tok := trex.Token{Role: trex.RoleSubject, Subject: "national_id:RU:4509 123456", ExpiresAt: now.Add(time.Hour)}
	if err := tok.Validate(now); err != nil {
		t.Fatal(err)
	}
	if tok.Subject != "national_id:RU:4509123456" {
		t.Errorf("subject stored as %q", tok.Subject)
	}
	bad := trex.Token{Role: trex.RoleSubject, Subject: "national_id:Russia:4509 123456", ExpiresAt: now.Add(time.Hour)}
	if err := bad.Validate(now); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("subject with a bad country: err = %v", err)
	}
}

// FuzzParseIdentifier: any input is parsed or refused without panicking;
// normalisation is idempotent and a key parses back to itself, so a
// subject token (which stores the key) finds what the key was built from.
func FuzzParseIdentifier(f *testing.F) {
	for _, s := range []string{"national_id:RU:4509 123456", "IV-АБ 654321", "Ґ-Љ 12", "::x", "a:b:c:d", "１２", "И\u0306"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := trex.NormalizeDocumentNumber(s)
		if again := trex.NormalizeDocumentNumber(n); again != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, again)
		}
		id, err := trex.ParseIdentifier(s)
		if err != nil {
			if trex.ErrorCode(err) != trex.EINVALID {
				t.Fatalf("ParseIdentifier(%q) err = %v, want EINVALID", s, err)
			}
			return
		}
		back, err := trex.ParseIdentifier(id.Key())
		if err != nil || back.Key() != id.Key() {
			t.Fatalf("key %q of %q parses to %q, %v", id.Key(), s, back.Key(), err)
		}
	})
}
