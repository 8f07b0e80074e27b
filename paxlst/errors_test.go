package paxlst_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"trex"
	"trex/paxlst"
)

func clean(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/clean.edi")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCleanManifest(t *testing.T) {
	ic, err := reader.Read([]byte(clean(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(ic.Warnings) != 0 {
		t.Errorf("warnings on a clean manifest: %v", ic.Warnings)
	}
	tr := ic.Travellers()
	if len(tr) != 2 {
		t.Fatalf("%d travellers", len(tr))
	}
	if tr[0].Surname != "O'BRIEN" || strings.Join(tr[0].GivenNames, " ") != "SEAN PATRICK" || tr[0].Role != paxlst.Passenger {
		t.Errorf("released apostrophe: %+v", tr[0])
	}
	if tr[1].Role != paxlst.Crew || tr[1].Documents[0].Number != "N0987654" || tr[1].BirthDate.String() != "1990-07-15" {
		t.Errorf("crew: %+v", tr[1])
	}
	m := ic.Messages[0]
	if len(m.Legs) != 2 || m.BorderLeg().Flight != "XY102" || m.Sender != "OPS DESK" || m.References[0].Value != "TX123" {
		t.Errorf("message: %+v", m)
	}
	if got := m.Legs[0].Departure.Time.Format("2006-01-02 15:04"); got != "2026-11-26 10:00" {
		t.Errorf("departure time %s", got)
	}
}

func TestUnreadable(t *testing.T) {
	c := clean(t)
	tests := []struct {
		name  string
		input string
		line  int
		tag   string
		want  string
	}{
		{"nothing", "", 0, "", "empty input"},
		{"only whitespace", " \r\n\t\n", 0, "", "empty input"},
		{"binary noise", "UNB+UNOA:4\x00\x01\x02+X'", 1, "", "binary data"},
		{"binary after lines", c[:40] + "\n\x1b[0m", 3, "", "binary data"},
		{"UNA cut short", "UNA:+", 1, "UNA", "cut short"},
		{"UNA with a character twice", "UNA::.? 'UNB+UNOA:4'", 1, "UNA", "used twice"},
		{"UNA with a letter", "UNA:+.? AUNBA", 1, "UNA", "cannot be a letter"},
		{"no message", "UNB+UNOA:4+A+B+261125:0930+1'UNZ+0+1'", 0, "", "no message"},
		{"message without UNT", strings.Replace(c, "UNT+34+M1'\n", "", 1), 4, "UNH", `ends inside message "M1": expected UNT`},
		{"new UNH before UNT", strings.Replace(c, "CNT+42:1'", "UNH+M2+PAXLST:D:05B:UN:IATA'", 1), 35, "UNH", "expected UNT"},
		{"cut in the middle of a segment", c[:strings.Index(c, "IVANOVA")], 29, "NAD", "truncated"},
		{"no UNZ", strings.TrimSuffix(c, "UNZ+1+IC0001'\n"), 38, "UNE", "without its UNZ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ic, err := reader.Read([]byte(tc.input))
			if err == nil {
				t.Fatalf("read it: %+v", ic)
			}
			var e *paxlst.Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not *paxlst.Error: %v", err, err)
			}
			if e.Line != tc.line || e.Tag != tc.tag || !strings.Contains(e.Reason, tc.want) {
				t.Errorf("got line %d tag %q %q\nwant line %d tag %q reason containing %q", e.Line, e.Tag, e.Reason, tc.line, tc.tag, tc.want)
			}
			if trex.ErrorCode(err) != trex.EINVALID {
				t.Errorf("code %q", trex.ErrorCode(err))
			}
		})
	}
}

func TestIrregularities(t *testing.T) {
	c := clean(t)
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"no UNA", strings.TrimPrefix(c, "UNA:+.? '\n"), ""},
		{"several segments on a line", strings.ReplaceAll(c, "'\n", "'"), ""},
		{"several segments on some lines", strings.Replace(c, "BGM+745'\n", "BGM+745'", 1), "line breaks are used unevenly: 1 segments share"},
		{"CRLF line ends", strings.ReplaceAll(c, "'\n", "'\r\n"), ""},
		{"spaces before segments", strings.ReplaceAll(c, "'\n", "'\n   "), "segment(s) have spaces before them"},
		{"space after a tag", strings.Replace(c, "UNG+", "UNG +", 1), "segment(s) have spaces"},
		{"UNT count", strings.Replace(c, "UNT+34+M1", "UNT+99+M1", 1), `UNT counts "99" segments; message "M1" has 34`},
		{"UNT reference", strings.Replace(c, "UNT+34+M1", "UNT+34+M9", 1), `UNT reference "M9" differs`},
		{"CNT passengers", strings.Replace(c, "CNT+42:1", "CNT+42:7", 1), `CNT+42 counts "7" passengers; message "M1" has 1`},
		{"CNT crew", strings.Replace(c, "CNT+41:1", "CNT+41:0", 1), `CNT+41 counts "0" crew`},
		{"UNE count", strings.Replace(c, "UNE+1+G1", "UNE+2+G1", 1), `UNE counts "2" messages; the group has 1`},
		{"UNZ count", strings.Replace(c, "UNZ+1+", "UNZ+5+", 1), `UNZ counts "5"; the interchange has 1 groups`},
		{"UNZ reference", strings.Replace(c, "UNZ+1+IC0001", "UNZ+1+IC9", 1), `UNZ reference "IC9" differs`},
		{"text after UNZ", c + "printed 25NOV26\n", "text after the UNZ"},
		{"UNZ without terminator", strings.TrimSuffix(c, "'\n"), "UNZ has no segment terminator"},
		{"unknown segment", strings.Replace(c, "BGM+745'", "BGM+745'XYZ+1'", 1), "segment XYZ is not part of a PAXLST message"},
		{"unreadable birth date", strings.Replace(c, "DTM+329:850304", "DTM+329:851304", 1), `birth date "851304" is unreadable`},
		{"line breaks for terminators", strings.ReplaceAll(strings.TrimPrefix(strings.Replace(c, "O?'BRIEN", "OBRIEN", 1), "UNA:+.? '\n"), "'\n", "\n"), "segments end with line breaks"},
		{"no UNB", c[strings.Index(c, "UNG"):strings.Index(c, "UNZ")], "no UNB header"},
		{"segment outside a message", strings.Replace(c, "UNE+1+G1'", "BGM+745'UNE+1+G1'", 1), "segment BGM outside a message"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ic, err := reader.Read([]byte(tc.input))
			if err != nil {
				t.Fatal(err)
			}
			if n := len(ic.Travellers()); n != 2 {
				t.Errorf("%d travellers, want 2", n)
			}
			var all []string
			for _, w := range ic.Warnings {
				all = append(all, w.String())
			}
			joined := strings.Join(all, "\n")
			if tc.want == "" && len(all) != 0 {
				t.Errorf("warnings on a tidy variant: %s", joined)
			}
			if tc.want != "" && !strings.Contains(joined, tc.want) {
				t.Errorf("no warning containing %q in:\n%s", tc.want, joined)
			}
		})
	}
}

func TestCustomSeparators(t *testing.T) {
	// The service characters of gtas-airline2.edi: * between elements, a
	// dollar sign ending segments.
	c := clean(t)
	r := strings.NewReplacer("+", "*", "'", "$", "?'", "?$", "UNA:+.? $", "UNA:*.? $")
	text := r.Replace(strings.Replace(c, "O?'BRIEN", "O?*BRIEN", 1))
	ic, err := reader.Read([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(ic.Warnings) != 0 {
		t.Errorf("warnings: %v", ic.Warnings)
	}
	if tr := ic.Travellers(); len(tr) != 2 || tr[0].Surname != "O*BRIEN" {
		t.Errorf("travellers: %+v", tr)
	}
}

func TestSeveralMessages(t *testing.T) {
	c := clean(t)
	start, end := strings.Index(c, "UNH+"), strings.Index(c, "UNE+")
	second := strings.ReplaceAll(c[start:end], "M1", "M2")
	text := c[:end] + second + strings.Replace(c[end:], "UNE+1+", "UNE+2+", 1)
	ic, err := reader.Read([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(ic.Warnings) != 0 {
		t.Errorf("warnings: %v", ic.Warnings)
	}
	if len(ic.Messages) != 2 || ic.Messages[1].Ref != "M2" {
		t.Fatalf("messages: %+v", ic.Messages)
	}
	persons := ic.Persons()
	if len(persons) != 4 || persons[2].Names[0].Surname != "O'BRIEN" || persons[3].Documents[0].Number != "N0987654" {
		t.Errorf("persons: %+v", persons)
	}
}
