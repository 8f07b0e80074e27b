package paxlst_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"trex/paxlst"
)

// FuzzRead feeds the reader arbitrary bytes. It must never panic; a refusal
// must be a *paxlst.Error; a manifest it accepts must print and read back
// with the same travellers and legs.
func FuzzRead(f *testing.F) {
	c, err := os.ReadFile("testdata/clean.edi")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(c)
	f.Add([]byte(strings.ReplaceAll(string(c), "'\n", "'")))
	f.Add([]byte("UNA:*.? $UNB*UNOA:4*A*B*261125:0930*1$UNH*1*PAXLST:D:02B:UN:IATA$NAD*FM***X:Y$UNT*2*1$UNZ*1*1$"))
	f.Add([]byte(" UNB+UNOA:4+A+B+1+1'UNH+1+PAXLST'NAD+FL+++A?'B'UNT+3+1'UNZ+1+1'\ntrailer"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ic, err := reader.Read(data)
		if err != nil {
			var e *paxlst.Error
			if !errors.As(err, &e) || e.Reason == "" {
				t.Fatalf("error %T is not a *paxlst.Error with a reason: %v", err, err)
			}
			return
		}
		out, err := paxlst.Encode(ic)
		if err != nil {
			t.Fatalf("Encode of an accepted manifest: %v", err)
		}
		again, err := reader.Read(out)
		if err != nil {
			t.Fatalf("Read(Encode(x)): %v\n%q\nprinted as\n%s", err, data, out)
		}
		if len(again.Messages) != len(ic.Messages) {
			t.Fatalf("%d messages, then %d", len(ic.Messages), len(again.Messages))
		}
		for i := range ic.Messages {
			a, b := ic.Messages[i], again.Messages[i]
			for _, m := range []*paxlst.Message{&a, &b} {
				for k := range m.Travellers {
					m.Travellers[k].Line = 0
				}
			}
			if !reflect.DeepEqual(a.Travellers, b.Travellers) {
				t.Fatalf("travellers changed:\n%+v\n%+v\ninput %q\nprinted\n%s", a.Travellers, b.Travellers, data, out)
			}
			if !reflect.DeepEqual(a.Legs, b.Legs) {
				t.Fatalf("legs changed:\n%+v\n%+v\ninput %q\nprinted\n%s", a.Legs, b.Legs, data, out)
			}
		}
	})
}
