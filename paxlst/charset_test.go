package paxlst_test

import (
	"strings"
	"testing"

	"trex/paxlst"
)

// manifestWith returns a one-traveller interchange declared in syntax with
// the traveller's NAD segment holding name.
func manifestWith(syntax, name string) string {
	return "UNA:+.? 'UNB+" + syntax + ":4+CARRIER+BORDER+261125:0930+IC1'UNH+M1+PAXLST:D:05B:UN:IATA'BGM+745'" +
		"NAD+FL+++" + name + "'ATT+2++M'DTM+329:850304'DOC+P+PA1234567'CNT+42:1'UNT+7+M1'UNZ+1+IC1'"
}

// A segment holding characters its declared syntax level does not have is
// warned about, once, by the segment's tag and position; the manifest is
// still read.
func TestCharactersOutsideTheDeclaredSyntaxLevel(t *testing.T) {
	for _, c := range []struct {
		syntax, name string
		warn         bool
	}{
		{"UNOA", "KRAVETS:DMITRIY", false},
		{"UNOA", "ＫＲＡＶＥＴＳ:DMITRIY", true},
		{"UNOA", "𝐊𝐑𝐀𝐕𝐄𝐓𝐒:DMITRIY", true},
		{"UNOA", "KRA\u3164VETS:DMITRIY", true},
		{"UNOA", "ᏦᏒᎪᏙᎬᎢᏚ:DMITRIY", true},
		{"UNOA", "Kravets:Dmitriy", true},
		{"UNOB", "Kravets:Dmitriy", false},
		{"UNOB", "KRAV\u115FETS:DMITRIY", true},
		{"UNOC", "MÜLLER:JOSÉ", false},
		{"UNOC", "ＭÜLLER:JOSÉ", true},
		{"UNOE", "КРАВЕЦ:ДМИТРИЙ", false},
		{"UNOW", "ＫＲＡＶＥＴＳ:DMITRIY", false},
	} {
		ic, err := paxlst.Parse([]byte(manifestWith(c.syntax, c.name)))
		if err != nil {
			t.Fatalf("%s %q: %v", c.syntax, c.name, err)
		}
		var got []paxlst.Warning
		for _, w := range ic.Warnings {
			if strings.Contains(w.Message, "character set") {
				got = append(got, w)
			}
		}
		switch {
		case c.warn && (len(got) != 1 || got[0].Tag != "NAD" || !strings.Contains(got[0].Message, c.syntax)):
			t.Errorf("%s %q: warnings %v, want one on the NAD segment", c.syntax, c.name, ic.Warnings)
		case !c.warn && len(got) != 0:
			t.Errorf("%s %q: unexpected warnings %v", c.syntax, c.name, got)
		}
		if len(ic.Travellers()) != 1 {
			t.Errorf("%s %q: %d travellers, want 1", c.syntax, c.name, len(ic.Travellers()))
		}
	}
}
