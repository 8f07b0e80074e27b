package mrz_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"trex/mrz"
)

// FuzzRead feeds the reader arbitrary text. It must never panic; a refusal
// must be an *mrz.Error that points inside the zone; a zone it accepts must
// print and read back to the same zone.
func FuzzRead(f *testing.F) {
	for _, s := range specimens {
		f.Add(s.text, false)
		f.Add(s.text, true)
	}
	f.Add(td3Line1+"\n"+replaceAt(td3Line2, 6, "O"), true)
	f.Add("", false)
	f.Add("\n\n\n", true)
	f.Fuzz(func(t *testing.T, text string, ocr bool) {
		r := mrz.Reader{Now: now, OCR: ocr}
		z, err := r.Read(text)
		if err != nil {
			var e *mrz.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *mrz.Error: %v", err, err)
			}
			if e.Line < 0 || e.Line > 3 || e.Pos < 0 || e.Pos > 45 || e.Reason == "" {
				t.Fatalf("error points outside the zone: %+v", e)
			}
			return
		}
		if !ocr {
			// What the strict reader accepts, the tolerant one reads the
			// same way and leaves alone.
			tz, err := mrz.Reader{Now: now, OCR: true}.Read(text)
			if err != nil || len(tz.Corrections) != 0 || !reflect.DeepEqual(tz, z) {
				t.Fatalf("tolerant mode differs on a strict zone: %+v, %v", tz, err)
			}
		}
		out, err := mrz.Encode(z)
		if err != nil {
			t.Fatalf("Encode of an accepted zone %+v: %v", z, err)
		}
		again, err := strict.Read(out)
		if err != nil {
			t.Fatalf("Read(Encode(z)) of\n%s\nprinted as\n%s\n%v", text, out, err)
		}
		for _, v := range []*mrz.Zone{z, again} {
			v.Corrections, v.Truncated = nil, false
			// The encoder writes one double filler in a name; the warning
			// of a second one is about the text that was read.
			v.Warnings = slices.DeleteFunc(v.Warnings, func(w mrz.Warning) bool { return w.Code == mrz.WarnNameSeparator })
			if len(v.Warnings) == 0 {
				v.Warnings = nil
			}
			if len(v.GivenNames) == 0 {
				v.GivenNames = nil
			}
		}
		if !reflect.DeepEqual(z, again) {
			t.Fatalf("round trip changed the zone:\n%+v\n%+v", z, again)
		}
	})
}
