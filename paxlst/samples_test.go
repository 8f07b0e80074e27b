package paxlst_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"trex/internal/shared"
	"trex/paxlst"
)

var reader = paxlst.Reader{Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }}

// The manifests from the field and, by hand, what must be recovered from
// them: every traveller (in *.expect.json), the leg that crosses the border,
// and the irregularities that must be reported.
func TestFieldSamples(t *testing.T) {
	dir := shared.DataDir(t, "paxlst-samples")
	tests := []struct {
		file                       string
		flight, departure, arrival string
		warnings                   []string
	}{
		{"gtas-Test1.txt", "UA0989", "FRA", "IAD", []string{
			`UNT counts "0000152" segments`, "the count belongs in the same element", `UNZ reference "1402010600" differs`}},
		{"gtas-airline2.edi", "TN506", "BRE", "YEU", []string{
			"have spaces before them or after their tag", `UNT counts "121" segments`,
			`UNT reference "140211180 0" differs`, `CNT+42 counts "136" passengers`}},
		{"gtas-apisMessage.txt", "AA124", "ORD", "JFK", []string{"have spaces before them", "line breaks are used unevenly"}},
		{"gtas-multiple_flight_leg_apis.txt", "QQ827", "JFK", "CDG", []string{"text after the UNZ", "line breaks are used unevenly"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			ic, err := reader.Read(data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			sum := ic.Summary()
			want := expected(t, filepath.Join(dir, strings.TrimSuffix(tc.file, filepath.Ext(tc.file))+".expect.json"))
			if len(sum.Travellers) != len(want) {
				t.Fatalf("%d travellers, want %d", len(sum.Travellers), len(want))
			}
			for i, w := range want {
				got := sum.Travellers[i]
				got.DocumentType, got.References = "", nil // not in the expectations
				if !reflect.DeepEqual(got, w) {
					t.Errorf("traveller %d:\ngot  %+v\nwant %+v", i+1, got, w)
				}
			}
			if sum.Flight != tc.flight || sum.Departure != tc.departure || sum.Arrival != tc.arrival {
				t.Errorf("leg %s %s-%s, want %s %s-%s", sum.Flight, sum.Departure, sum.Arrival, tc.flight, tc.departure, tc.arrival)
			}
			all := strings.Join(sum.Warnings, "\n")
			for _, w := range tc.warnings {
				if !strings.Contains(all, w) {
					t.Errorf("no warning containing %q in:\n%s", w, all)
				}
			}
			if len(sum.Warnings) != len(ic.Warnings) {
				t.Errorf("summary has %d warnings, interchange %d", len(sum.Warnings), len(ic.Warnings))
			}
		})
	}
}

func expected(t *testing.T, path string) []paxlst.TravellerSummary {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Travellers []paxlst.TravellerSummary `json:"travellers"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Travellers
}

func TestFieldSamplesPersons(t *testing.T) {
	dir := shared.DataDir(t, "paxlst-samples")
	data, err := os.ReadFile(filepath.Join(dir, "gtas-multiple_flight_leg_apis.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ic, err := reader.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	tr := ic.Travellers()[0]
	p := tr.Person()
	if p.Names[0].Surname != "BARRETT" || p.Names[0].Given != "TODD" || p.BirthDate.String() != "1968-02-23" ||
		p.Sex != "M" || !reflect.DeepEqual(p.Nationality, []string{"FRA"}) {
		t.Errorf("person: %+v", p)
	}
	if len(p.Documents) != 1 || p.Documents[0].Kind != "passport" || p.Documents[0].Number != "YY3478621G" ||
		p.Documents[0].IssuingState != "FRA" || p.Documents[0].Expiry.String() != "2008-12-30" {
		t.Errorf("document: %+v", p.Documents)
	}
}
