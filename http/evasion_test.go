package http_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// evasiveSurnames write KUZNETSOVA so that it displays as the plain
// spelling but differs in code points, one way per evasion class.
var evasiveSurnames = map[string]string{
	"fullwidth":              "ＫＵＺＮＥＴＳＯＶＡ",
	"mathematical bold":      "𝐊𝐔𝐙𝐍𝐄𝐓𝐒𝐎𝐕𝐀",
	"Hangul filler U+3164":   "KUZNE\u3164TSOVA",
	"Hangul filler U+115F":   "KUZ\u115FNETSOVA",
	"Hangul filler U+1160":   "KUZNETS\u1160OVA",
	"Hangul filler U+FFA0":   "KU\uFFA0ZNETSOVA",
	"Cherokee look-alikes":   "ᏦUᏃNᎬᎢᏚOᏙᎪ",
	"Cyrillic look-alikes":   "KUZNЕTSОVА",
	"zero-width characters":  "KUZ\u200bNET\u200dSOVA",
	"variation selector":     "KUZNETSOVA\ufe0f",
	"soft hyphen in a name":  "KUZ\u00adNETSOVA",
	"small capitals (Latin)": "ᴋᴜᴢɴᴇᴛꜱᴏᴠᴀ",
}

// A traveller whose name imitates a listed name is screened as the plain
// spelling is, by the check API and in a manifest declared UNOA (which
// also warns that the segment breaks its character set).
func TestEvasiveNamesAreScreenedOnEveryPath(t *testing.T) {
	f := newFixture(t)
	f.waitIndexed(t, f.create(t))
	for class, surname := range evasiveSurnames {
		name, _ := json.Marshal(surname)
		check := `{"traveller": {"schema": "Person", "properties": {"lastName": [` + string(name) + `], "firstName": ["MARIIA"], "birthDate": ["1991-05-06"]}}}`
		code, out, _ := f.do(t, "POST", "/v1/checks", f.tokens["officer"], check)
		if code != 200 || out["decision"] != "refer" {
			t.Errorf("%s via the check API: %d %v, want a referral", class, code, out)
		}
		edi := strings.Replace(manifest, "NAD+FL+++KUZNETSOVA:MARIIA'", "NAD+FL+++"+surname+":MARIIA'", 1)
		edi = strings.Replace(edi, "DOC+P+761112233'", "DOC+P+700000001'", 1) // not the listed passport: the name must do it
		code, body, _ := f.post(t, "/v1/manifests", f.tokens["carrier"], "application/edifact", "", edi)
		if code != 200 || strings.Count(body, `"answer": "board"`) != 1 {
			t.Errorf("%s via PAXLST: %d, want the listed name held and the other traveller boarded: %s", class, code, body)
		}
		if !strings.Contains(body, "character set") {
			t.Errorf("%s via PAXLST: no warning about the UNOA character set: %s", class, body)
		}
	}
}
