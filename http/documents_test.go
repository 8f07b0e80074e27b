package http_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/mrz"
)

// internalPassportZone is the zone of a Russian internal passport by its
// published layout: the name in the issuer's code table, the series split
// between the number field and the optional data, no date of expiry.
func internalPassportZone(name, series, number, birth, sex string) string {
	line1 := "PNRUS" + name
	line1 += strings.Repeat("<", 44-len(line1))
	docNo := series[:3] + number
	opt := series[3:] + "110520" + "770001" + "<"
	line2 := docNo + string(mrz.CheckDigit(docNo)) + "RUS" + birth + string(mrz.CheckDigit(birth)) + sex +
		"<<<<<<<" + opt + string(mrz.CheckDigit(opt))
	line2 += string(mrz.CheckDigit(line2[0:10] + line2[13:20] + line2[21:43]))
	return line1 + "\n" + line2
}

// A check by the internal passport's zone screens the Cyrillic name the
// zone encodes and the series and number as the national identifier, so
// it hits the register's Cyrillic entry by the exact name and its idNumber.
func TestCheckByInternalPassportHitsTheCyrillicEntry(t *testing.T) {
	f := newFixture(t)
	id := f.create(t)
	f.waitIndexed(t, id)
	// КУЗНЕЦОВА МАРИЯ ИВАНОВНА: Ц→C, Я→8; series and number 4510 778899.
	zone := internalPassportZone("KUZNECOVA<<MARI8<IVANOVNA", "4510", "778899", "910506", "F")
	body, _ := json.Marshal(map[string]string{"mrz": zone})
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], string(body))
	if code != 200 || out["decision"] != "hit" {
		t.Fatalf("internal passport check: %d %v", code, out)
	}
	doc := out["document"].(map[string]any)
	national, _ := doc["national"].(map[string]any)
	if national == nil {
		t.Fatalf("document block without national: %v", doc)
	}
	name := national["name"].(map[string]any)
	ident := national["identifier"].(map[string]any)
	if name["surname"] != "КУЗНЕЦОВА" || name["given"] != "МАРИЯ" || name["patronymic"] != "ИВАНОВНА" ||
		ident["value"] != "4510778899" || ident["kind"] != "internal_passport" {
		t.Errorf("national = %v", national)
	}
	if doc["nationality"] != "RUS" || doc["sex"] != "F" || doc["expiry_date"] != "" {
		t.Errorf("document = %v", doc)
	}
	// The names agree exactly: no romanisation was guessed.
	m := out["matches"].([]any)[0].(map[string]any)
	outcomes := map[string]any{}
	for _, e := range m["evidence"].([]any) {
		ev := e.(map[string]any)
		outcomes[ev["field"].(string)] = ev["outcome"]
	}
	for _, field := range []string{"surname", "given"} {
		if outcomes[field] != "exact" {
			t.Errorf("%s agrees as %v, want exact (evidence %v)", field, outcomes[field], m["evidence"])
		}
	}

	// Without the identifier (another passport of the same person), the
	// exact Cyrillic name and the birth date still refer the traveller.
	zone = internalPassportZone("KUZNECOVA<<MARI8<IVANOVNA", "4519", "123123", "910506", "F")
	body, _ = json.Marshal(map[string]string{"mrz": zone})
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["officer"], string(body))
	if code != 200 || out["decision"] != "refer" {
		t.Fatalf("internal passport check by name: %d %v", code, out)
	}
}

// The answer of a check by an expired document's zone warns of it.
func TestCheckByExpiredDocumentWarns(t *testing.T) {
	f := newFixture(t)
	zone := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
	body, _ := json.Marshal(map[string]string{"mrz": zone})
	code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], string(body))
	if code != 200 {
		t.Fatalf("check: %d %v", code, out)
	}
	doc := out["document"].(map[string]any)
	ws, _ := doc["warnings"].([]any)
	if len(ws) != 1 || ws[0].(map[string]any)["code"] != "expired" || doc["expiry_date"] != "2012-04-15" {
		t.Errorf("document = %v", doc)
	}
}

// A manifest that lists a traveller with an internal passport (document
// type PN) repeats the name as its zone codes it: the manifest path
// screens the decoded Cyrillic name and the series and number as the
// national ID, as a check by the zone does.
func TestManifestScreensTheInternalPassportsDecodedName(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	js := `{"flight": "XX902", "departure": "SVO", "arrival": "EVN", "travellers": [
		{"role": "passenger", "surname": "KUZNECOVA", "given_names": "MARI8 IVANOVNA", "sex": "F", "birth_date": "1991-05-06", "nationality": "RUS", "document_number": "4510 778899", "document_type": "PN"}]}`
	code, body, _ := f.post(t, "/v1/manifests", f.tokens["officer"], "application/json", "", js)
	if code != 200 {
		t.Fatalf("manifest: %d %s", code, body)
	}
	var out struct {
		Travellers []struct {
			Decision string
			Matches  []struct {
				Evidence []struct{ Field, Outcome string }
			}
		}
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	tr := out.Travellers[0]
	if tr.Decision != "hit" || len(tr.Matches) == 0 {
		t.Fatalf("traveller: %s", body)
	}
	outcomes := map[string]string{}
	for _, e := range tr.Matches[0].Evidence {
		outcomes[e.Field] = e.Outcome
	}
	if outcomes["surname"] != "exact" || outcomes["given"] != "exact" {
		t.Errorf("name agrees as %v, want exact", outcomes)
	}
}

// A check by a Kazakh identity card's zone screens the IIN its optional
// data carries as a national ID, so that it meets the register's idNumber
// even when the card's own number is not on the register.
func TestCheckByRegionalCardMatchesTheIdNumber(t *testing.T) {
	f := newFixture(t)
	person := `{"schema": "Person", "properties": {"lastName": ["SEITKALI"], "firstName": ["AIGERIM"], "birthDate": ["1985-03-17"], "gender": ["female"], "idNumber": ["850317 400 123"]}}`
	body := `{"person": ` + person + `, "kind": "court_order", "legal_basis": "Case 2-7/2026", "valid_until": "` + time.Now().Add(24*time.Hour).UTC().Format(time.RFC3339) + `"}`
	code, out, _ := f.do(t, "POST", "/v1/restrictions", f.tokens["issuer"], body)
	if code != http.StatusCreated {
		t.Fatalf("create: %d %v", code, out)
	}
	f.waitIndexed(t, out["id"].(string))
	zone, err := mrz.Encode(&mrz.Zone{Format: mrz.TD1, DocumentCode: "ID", IssuingState: "KAZ", Surname: "SEITKALI",
		GivenNames: []string{"AIGERIM"}, DocumentNumber: "045123456", Nationality: "KAZ",
		BirthDate: trex.MustPartialDate("1985-03-17"), Sex: trex.SexFemale, ExpiryDate: trex.MustPartialDate("2031-03-16"),
		OptionalData: "850317400123"})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := json.Marshal(map[string]string{"mrz": zone})
	code, out, _ = f.do(t, "POST", "/v1/checks", f.tokens["officer"], string(req))
	if code != 200 || out["decision"] != "hit" {
		t.Fatalf("check: %d %v", code, out)
	}
	national := out["document"].(map[string]any)["national"].(map[string]any)
	if id := national["identifier"].(map[string]any); id["value"] != "850317400123" || national["identifier_name"] != "IIN" {
		t.Errorf("national = %v", national)
	}
}
