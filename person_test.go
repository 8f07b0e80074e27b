package trex_test

import (
	"testing"
	"time"

	"trex"
)

func TestParsePartialDate(t *testing.T) {
	good := map[string]string{
		"1980": "1980", "1980-07": "1980-07", "1980-07-21": "1980-07-21", "2000-02-29": "2000-02-29",
		" 1975-01-31 ": "1975-01-31", "1990-04-12T00:00:00Z": "1990-04-12", "": "",
	}
	for in, want := range good {
		d, err := trex.ParsePartialDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParsePartialDate(%q) = %q, %v; want %q", in, d, err, want)
		}
	}
	for _, in := range []string{"1900-02-29", "1980-13", "1980-00-10", "1980-7-1", "80-07-21", "21.07.1980", "1980-07-21-01", "abcd", "0000"} {
		if d, err := trex.ParsePartialDate(in); err == nil {
			t.Errorf("ParsePartialDate(%q) = %v, want an error", in, d)
		} else if trex.ErrorCode(err) != trex.EINVALID {
			t.Errorf("ParsePartialDate(%q): code %q, want invalid", in, trex.ErrorCode(err))
		}
	}
}

func FuzzParsePartialDate(f *testing.F) {
	for _, s := range []string{"1980", "1980-07-21", "2000-02-29", "1980-13-01", "", "9999-12-31", "0001-01-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := trex.ParsePartialDate(s)
		if err != nil {
			return
		}
		// What parses prints back to something that parses to the same date.
		again, err := trex.ParsePartialDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q -> %v -> %q -> %v, %v", s, d, d.String(), again, err)
		}
	})
}

func TestParseSex(t *testing.T) {
	for in, want := range map[string]trex.Sex{"M": trex.SexMale, "female": trex.SexFemale, "X": trex.SexUnknown, "<": trex.SexUnknown, "": trex.SexUnknown} {
		if got, err := trex.ParseSex(in); err != nil || got != want {
			t.Errorf("ParseSex(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := trex.ParseSex("robot"); err == nil {
		t.Errorf("ParseSex(robot) succeeded")
	}
}

func TestRestrictionInForce(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	r := trex.Restriction{Status: trex.StatusActive, ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour)}
	if !r.InForce(now) {
		t.Errorf("active within window: not in force")
	}
	if r.InForce(now.Add(time.Hour)) {
		t.Errorf("in force at valid_until: the end is exclusive")
	}
	if r.InForce(now.Add(-2 * time.Hour)) {
		t.Errorf("in force before valid_from")
	}
	r.Status = trex.StatusLifted
	if r.InForce(now) {
		t.Errorf("lifted restriction in force")
	}
}

func TestNormalizeDocumentNumber(t *testing.T) {
	for in, want := range map[string]string{"75 1234567": "751234567", "ab-12<<3": "AB123", "4509 123456": "4509123456", "№ 12": "12"} {
		if got := trex.NormalizeDocumentNumber(in); got != want {
			t.Errorf("NormalizeDocumentNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
