package screening

import (
	"context"
	"testing"

	"trex"
)

// FuzzMatch checks the matcher on arbitrary travellers: no panics, a valid
// verdict, matches only from the register, and a hit only when the
// traveller holds the record's document number.
func FuzzMatch(f *testing.F) {
	ix := New()
	rec := cyr("Иванова", "Анна", "Сергеевна", "1984-02-29", trex.SexFemale)
	rec.Documents = []trex.Document{{Kind: "passport", Number: "72 1234567"}}
	ix.Put(trex.Subject{Key: "r1", Person: rec})
	ix.Put(trex.Subject{Key: "r2", Person: trex.Person{Names: []trex.Name{{Full: "Μαρία Παπαδοπούλου"}}}})
	for _, s := range [][4]string{
		{"IVANOVA", "ANNA", "1984-02-29", "721234567"},
		{"ANNA", "IVANOVA", "1984", ""},
		{"", "", "", ""},
		{"<<<", "0", "2000-13-40", "---"},
		{"PAPADOPOULOU", "MARIA", "", ""},
		{"ИВАНОВА", "АННА СЕРГЕЕВНА", "1984-02-28", "72-1234567"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, surname, given, dob, doc string) {
		p := trex.Person{Names: []trex.Name{{Surname: surname, Given: given}, {Full: given + " " + surname}}}
		if d, err := trex.ParsePartialDate(dob); err == nil {
			p.BirthDate = d
		}
		if doc != "" {
			p.Documents = []trex.Document{{Number: doc}}
		}
		v, ms, err := ix.Match(context.Background(), p, nil)
		if err != nil {
			if trex.ErrorCode(err) != trex.EINVALID || len(surname)+len(given)+1 <= maxNameBytes {
				t.Fatalf("match: %v", err)
			}
			return
		}
		switch v {
		case trex.Hit, trex.Refer:
			if len(ms) == 0 {
				t.Fatalf("%s without matches", v)
			}
		case trex.Clear:
			if len(ms) != 0 {
				t.Fatalf("clear with matches %v", keys(ms))
			}
		default:
			t.Fatalf("verdict %q", v)
		}
		for _, m := range ms {
			if m.RestrictionID != "r1" && m.RestrictionID != "r2" {
				t.Fatalf("match %q is not in the register", m.RestrictionID)
			}
			if m.Score < 0 || m.Score > 1 || len(m.Reasons) == 0 {
				t.Fatalf("match %+v: score out of range or no reasons", m)
			}
		}
		if v == trex.Hit && trex.NormalizeDocumentNumber(doc) != "721234567" {
			t.Fatalf("hit without the record's document number (%q)", doc)
		}
	})
}
