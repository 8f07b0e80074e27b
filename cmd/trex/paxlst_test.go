package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trex/internal/shared"
)

const paxlstFixture = `UNA:+.? '
UNB+UNOA:4+CARRIER+BORDER+261125:0930+IC1'
UNH+M1+PAXLST:D:05B:UN:IATA'
BGM+745'
TDT+20+XY101+++XY'
LOC+92+ALA'
LOC+92+TSE'
TDT+20+XY102+++XY'
LOC+125+TSE'
LOC+87+IST'
NAD+FL+++IVANOV:PETR:IVAN'
ATT+2++M'
DTM+329:850304'
NAT+2+KAZ'
DOC+P+N1234567'
NAD+FM+++SMITH:JANE'
ATT+2++F'
DTM+329:900715'
CNT+42:5'
UNT+18+M1'
UNZ+1+IC1'
`

type paxlstOutput struct {
	Flight     string              `json:"flight"`
	Departure  string              `json:"departure"`
	Arrival    string              `json:"arrival"`
	Travellers []map[string]string `json:"travellers"`
	Warnings   []string            `json:"warnings"`
}

func runPaxlstOn(t *testing.T, args []string, stdin string) (paxlstOutput, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := paxlstCommand(args, strings.NewReader(stdin), &out, &errOut)
	var got paxlstOutput
	if err == nil {
		if jerr := json.Unmarshal(out.Bytes(), &got); jerr != nil {
			t.Fatalf("%v\n%s", jerr, out.String())
		}
	}
	return got, errOut.String(), err
}

func TestPaxlstCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest.edi")
	if err := os.WriteFile(path, []byte(paxlstFixture), 0o600); err != nil {
		t.Fatal(err)
	}
	got, stderr, err := runPaxlstOn(t, []string{path}, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Flight != "XY102" || got.Departure != "TSE" || got.Arrival != "IST" {
		t.Errorf("leg %s %s-%s, want the border leg XY102 TSE-IST", got.Flight, got.Departure, got.Arrival)
	}
	want := []map[string]string{
		{"role": "passenger", "surname": "IVANOV", "given_names": "PETR IVAN", "sex": "M", "birth_date": "1985-03-04",
			"nationality": "KAZ", "document_number": "N1234567", "document_type": "P"},
		{"role": "crew", "surname": "SMITH", "given_names": "JANE", "sex": "F", "birth_date": "1990-07-15",
			"nationality": "", "document_number": "", "document_type": ""},
	}
	if len(got.Travellers) != 2 {
		t.Fatalf("travellers: %v", got.Travellers)
	}
	for i := range want {
		for k, v := range want[i] {
			if got.Travellers[i][k] != v {
				t.Errorf("traveller %d %s = %q, want %q", i+1, k, got.Travellers[i][k], v)
			}
		}
	}
	// CNT+42 says 5 passengers; there is one. The warning is in the JSON
	// and on stderr.
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], `CNT+42 counts "5"`) {
		t.Errorf("warnings %v", got.Warnings)
	}
	if !strings.Contains(stderr, `warning: paxlst line 19, segment 18 (CNT): CNT+42 counts "5"`) {
		t.Errorf("stderr %q", stderr)
	}
	// The same manifest on stdin.
	again, _, err := runPaxlstOn(t, []string{"-"}, paxlstFixture)
	if err != nil || len(again.Travellers) != 2 {
		t.Errorf("stdin: %v, %v", err, again.Travellers)
	}
}

func TestPaxlstCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	truncated := filepath.Join(dir, "truncated.edi")
	if err := os.WriteFile(truncated, []byte(paxlstFixture[:strings.Index(paxlstFixture, "UNT")]), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no file", nil, "want one FILE"},
		{"missing file", []string{filepath.Join(dir, "nope.edi")}, "no such file"},
		{"truncated", []string{truncated}, `ends inside message "M1": expected UNT`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runPaxlstOn(t, tc.args, "")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestPaxlstCommandFieldSample(t *testing.T) {
	dir := shared.DataDir(t, "paxlst-samples")
	got, _, err := runPaxlstOn(t, []string{filepath.Join(dir, "gtas-Test1.txt")}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Travellers) != 8 || got.Travellers[0]["role"] != "crew" || got.Travellers[0]["surname"] != "STEUR" {
		t.Errorf("travellers %v", got.Travellers)
	}
	if got.Flight != "UA0989" || got.Departure != "FRA" || got.Arrival != "IAD" {
		t.Errorf("leg %s %s-%s", got.Flight, got.Departure, got.Arrival)
	}
}
