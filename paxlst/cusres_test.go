package paxlst

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"trex"
)

func TestWriteCUSRES(t *testing.T) {
	data, err := os.ReadFile("testdata/clean.edi")
	if err != nil {
		t.Fatal(err)
	}
	ic, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	verdicts := []Verdict{{Answer: AnswerFor(trex.Hit)}, {Answer: Refer, Text: "see the officer at gate 3"}}
	out, err := WriteCUSRES(ic, verdicts, Response{Prepared: time.Date(2026, 11, 25, 9, 31, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	lx, err := lex(out)
	if err != nil {
		t.Fatalf("the response does not lex: %v\n%s", err, out)
	}
	var ercs, ftx []string
	inMessage := 0
	for _, s := range lx.segments {
		switch s.tag {
		case "UNB":
			if s.el(1, 0) != "BORDER" || s.el(2, 0) != "CARRIER" || s.el(3, 0) != "261125" || s.el(3, 1) != "0931" {
				t.Errorf("UNB does not answer the sender: %v", s.elements)
			}
		case "UNH":
			inMessage = 1
			if s.el(1, 0) != "CUSRES" || s.el(0, 0) != "M1" {
				t.Errorf("UNH %v", s.elements)
			}
		case "UNT":
			if n, _ := strconv.Atoi(s.el(0, 0)); n != inMessage+1 {
				t.Errorf("UNT counts %d; the message has %d segments", n, inMessage+1)
			}
			inMessage = 0
		case "ERC":
			ercs = append(ercs, s.el(0, 0))
		case "FTX":
			ftx = append(ftx, s.el(3, 0))
		}
		if inMessage > 0 && s.tag != "UNH" {
			inMessage++
		}
	}
	if got := strings.Join(ercs, ","); got != "1Z,2Z" {
		t.Errorf("ERC codes %s, want 1Z,2Z", got)
	}
	if got := strings.Join(ftx, "|"); got != "DO NOT BOARD|SEE THE OFFICER AT GATE 3" {
		t.Errorf("FTX %s", got)
	}
	text := string(out)
	for _, want := range []string{"BGM+962'", "RFF+TN:TX123'", "RFF+AF:XY102'", "LOC+125+TSE'", "LOC+87+IST'",
		"ERP+2'\nRFF+AVF:ABC123'\nRFF+ABO:P1'\nERC+1Z'", "UNG+CUSRES+BORDER+CARRIER", "UNE+1+G1'", "UNZ+1+IC0001'"} {
		if !strings.Contains(text, want) {
			t.Errorf("response lacks %q:\n%s", want, text)
		}
	}
}

func TestWriteCUSRESRefusesAWrongVerdictList(t *testing.T) {
	data, err := os.ReadFile("testdata/clean.edi")
	if err != nil {
		t.Fatal(err)
	}
	ic, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteCUSRES(ic, []Verdict{{Answer: Board}}, Response{}); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("one verdict for two travellers: %v", err)
	}
	if _, err := WriteCUSRES(ic, []Verdict{{Answer: Board}, {Answer: "maybe"}}, Response{}); trex.ErrorCode(err) != trex.EINVALID {
		t.Errorf("an unknown answer: %v", err)
	}
}

func TestAnswers(t *testing.T) {
	for v, want := range map[trex.Verdict]string{trex.Clear: "0Z", trex.Hit: "1Z", trex.Refer: "2Z"} {
		if got := AnswerFor(v).Code(); got != want {
			t.Errorf("%s: %s, want %s", v, got, want)
		}
	}
}

// TestCUSRESRepeatsEveryTravellerReference: each ERP group carries every
// reference the manifest gave its traveller, whatever the qualifier, so
// that a carrier can match answers to travellers without relying on their
// order.
func TestCUSRESRepeatsEveryTravellerReference(t *testing.T) {
	data, err := os.ReadFile("testdata/clean.edi")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "RFF+ABO:P1'\n", "RFF+ABO:P1'\nRFF+CR:CUST77'\nRFF+SEA:12A'\n", 1)
	text = strings.Replace(text, "NAT+2+KAZ'\n", "NAT+2+KAZ'\nRFF+AVF:XYZ999'\n", 1)
	text = strings.Replace(text, "UNT+34+M1'", "UNT+37+M1'", 1)
	ic, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(ic.Warnings) > 0 {
		t.Fatalf("the manifest should read cleanly: %v", ic.Warnings)
	}
	out, err := WriteCUSRES(ic, []Verdict{{Answer: Board}, {Answer: DoNotBoard}}, Response{})
	if err != nil {
		t.Fatal(err)
	}
	lx, err := lex(out)
	if err != nil {
		t.Fatal(err)
	}
	var groups [][]string // the RFF references of each ERP group
	for _, s := range lx.segments {
		switch {
		case s.tag == "ERP":
			groups = append(groups, nil)
		case s.tag == "RFF" && len(groups) > 0:
			groups[len(groups)-1] = append(groups[len(groups)-1], s.el(0, 0)+":"+s.el(0, 1))
		}
	}
	want := [][]string{{"AVF:ABC123", "ABO:P1", "CR:CUST77", "SEA:12A"}, {"AVF:XYZ999"}}
	if len(groups) != len(want) {
		t.Fatalf("%d ERP groups, want %d:\n%s", len(groups), len(want), out)
	}
	for i := range want {
		if strings.Join(groups[i], " ") != strings.Join(want[i], " ") {
			t.Errorf("traveller %d: references %v, want %v", i+1, groups[i], want[i])
		}
	}
}
