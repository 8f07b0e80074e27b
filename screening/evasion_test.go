package screening

import (
	"encoding/json"
	"fmt"
	"testing"

	"trex"
	"trex/ftm"
	"trex/paxlst"
)

// evasions writes the surname KRAVETS so that it displays as the plain
// spelling (or nearly) but differs in code points, one way per class.
var evasions = []struct{ class, surname string }{
	{"fullwidth", "ＫＲＡＶＥＴＳ"},
	{"mathematical bold", "𝐊𝐑𝐀𝐕𝐄𝐓𝐒"},
	{"Hangul filler U+3164", "KRA\u3164VETS"},
	{"Hangul choseong filler U+115F", "KRAV\u115FETS"},
	{"Hangul jungseong filler U+1160", "KR\u1160AVETS"},
	{"halfwidth Hangul filler U+FFA0", "KRAVE\uFFA0TS"},
	{"Cherokee look-alikes", "ᏦᏒᎪᏙᎬᎢᏚ"},
	{"Cherokee mixed into Latin", "KRᎪVᎬTS"},
	{"Cyrillic look-alikes mixed into Latin", "KRАVЕTS"},
}

// ftmPerson is an FtM Person entity as the API and bulk import read it.
func ftmPerson(id, surname, given, dob string) []byte {
	b, _ := json.Marshal(map[string]any{"id": id, "schema": "Person", "properties": map[string][]string{
		"lastName": {surname}, "firstName": {given}, "birthDate": {dob}, "gender": {"male"}}})
	return b
}

// decode reads an FtM person as an input path does.
func decode(t *testing.T, data []byte, strict bool) trex.Person {
	t.Helper()
	_, p, err := ftm.Decode(data, ftm.Options{Strict: strict})
	if err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return p
}

// A listed name written with look-alike or invisible characters, on any
// input path, matches exactly as its plain spelling does.
func TestEvasionsMatchLikeThePlainSpelling(t *testing.T) {
	const dob = "1985-04-12"
	plain := decode(t, ftmPerson("p", "KRAVETS", "DMITRIY", dob), true)
	listed := New()
	listed.Put(trex.Subject{Key: "R1", Person: decode(t, ftmPerson("R1", "KRAVETS", "DMITRIY", dob), false)})
	wantV, wantM := matchAll(listed, plain)
	if wantV != trex.Refer || len(wantM) != 1 {
		t.Fatalf("plain spelling: %s %v, want a referral", wantV, wantM)
	}
	for _, e := range evasions {
		// API: the traveller arrives as FtM JSON (strict).
		api := decode(t, ftmPerson("q", e.surname, "DMITRIY", dob), true)
		if v, ms := matchAll(listed, api); v != wantV || len(ms) != 1 || ms[0].Score != wantM[0].Score {
			t.Errorf("%s via the API: %s %v, want %s at %.3f", e.class, v, ms, wantV, wantM[0].Score)
		}
		// PAXLST: the traveller arrives in a manifest declared UNOA.
		edi := "UNA:+.? 'UNB+UNOA:4+CARRIER+BORDER+261125:0930+IC1'UNH+M1+PAXLST:D:05B:UN:IATA'BGM+745'" +
			"NAD+FL+++" + e.surname + ":DMITRIY'ATT+2++M'DTM+329:850412'CNT+42:1'UNT+6+M1'UNZ+1+IC1'"
		ic, err := paxlst.Parse([]byte(edi))
		if err != nil {
			t.Fatalf("%s manifest: %v", e.class, err)
		}
		if v, ms := matchAll(listed, ic.Persons()[0]); v != wantV || len(ms) != 1 || ms[0].Score != wantM[0].Score {
			t.Errorf("%s via PAXLST: %s %v, want %s at %.3f", e.class, v, ms, wantV, wantM[0].Score)
		}
		// Bulk import: the record is listed with the evasive spelling and
		// the traveller shows the plain one. (A record's name with a
		// filler is also read as displayed, two words, which may score a
		// little higher than the plain spelling.)
		ix := New()
		ix.Put(trex.Subject{Key: "R1", Person: decode(t, ftmPerson("R1", e.surname, "DMITRIY", dob), false)})
		if v, ms := matchAll(ix, plain); v != wantV || len(ms) != 1 || ms[0].Score < wantM[0].Score {
			t.Errorf("%s via bulk import: %s %v, want %s at %.3f or more", e.class, v, ms, wantV, wantM[0].Score)
		}
	}
}

// A document number written in fullwidth digits is the same number.
func TestFullwidthDocumentNumberMatches(t *testing.T) {
	ix := New()
	p := decode(t, ftmPerson("R1", "KRAVETS", "DMITRIY", "1985-04-12"), false)
	p.Documents = []trex.Document{{Kind: "passport", Number: "PA1234567"}}
	ix.Put(trex.Subject{Key: "R1", Person: p})
	q := p
	q.Documents = []trex.Document{{Kind: "passport", Number: "ＰＡ１２３４５６７"}}
	if v, ms := matchAll(ix, q); v != trex.Hit {
		t.Errorf("fullwidth document number: %s %v, want a hit", v, fmt.Sprint(ms))
	}
}

// A nationality written in fullwidth letters is the same nationality: it
// costs the match nothing.
func TestFullwidthNationalityAgrees(t *testing.T) {
	ix := New()
	p := decode(t, ftmPerson("R1", "KRAVETS", "DMITRIY", "1985-04-12"), false)
	p.Nationality = []string{"UA"}
	ix.Put(trex.Subject{Key: "R1", Person: p})
	q := p
	_, plain := matchAll(ix, q)
	q.Nationality = []string{"ＵＡ"}
	_, wide := matchAll(ix, q)
	if len(plain) != 1 || len(wide) != 1 || wide[0].Score != plain[0].Score {
		t.Errorf("fullwidth nationality: %v, want as %v", wide, plain)
	}
}

// A Hangul filler displays as a blank: between two words it must not join
// them into one the record does not have.
func TestFillerBetweenWordsMatches(t *testing.T) {
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: decode(t, ftmPerson("R1", "KRAVETS", "DMITRIY", "1985-04-12"), false)})
	for _, f := range []rune{0x3164, 0x115F, 0x1160, 0xFFA0} {
		for _, n := range []trex.Name{
			{Full: "KRAVETS" + string(f) + "DMITRIY"},
			{Full: "DMITRIY" + string(f) + "KRAVETS"},
			{Surname: "KRAVETS", Given: "DMITRIY" + string(f) + "OLEGOVICH"},
		} {
			v, ms := matchAll(ix, trex.Person{Names: []trex.Name{n}, BirthDate: trex.MustPartialDate("1985-04-12")})
			if v != trex.Refer || len(ms) != 1 {
				t.Errorf("%+q: %s, want a referral", n, v)
			}
		}
		// And a record listed that way matches the plain spelling.
		rx := New()
		rx.Put(trex.Subject{Key: "R1", Person: trex.Person{Names: []trex.Name{{Full: "KRAVETS" + string(f) + "DMITRIY"}}, BirthDate: trex.MustPartialDate("1985-04-12")}})
		if v, _ := matchAll(rx, trex.Person{Names: []trex.Name{{Surname: "KRAVETS", Given: "DMITRIY"}}, BirthDate: trex.MustPartialDate("1985-04-12")}); v != trex.Refer {
			t.Errorf("record with U+%04X between its words: %s, want a referral", f, v)
		}
	}
}

// A name written wholly in Cyrillic letters that look like the Latin
// capitals of a listed name reads as that name.
func TestWholeScriptLookalikesMatch(t *testing.T) {
	ix := New()
	ix.Put(trex.Subject{Key: "R1", Person: decode(t, ftmPerson("R1", "JACOB", "MAXIM", "1985-04-12"), false)})
	q := decode(t, ftmPerson("q", "ЈАСОВ", "МАХІМ", "1985-04-12"), true)
	v, ms := matchAll(ix, q)
	if v != trex.Refer || len(ms) != 1 {
		t.Fatalf("%s %v, want a referral", v, ms)
	}
	for _, e := range ms[0].Evidence {
		if (e.Field == "surname" || e.Field == "given") && e.Outcome != "transliteration" {
			t.Errorf("%s read as %s, want the look-alike reading", e.Field, e.Outcome)
		}
	}
}
