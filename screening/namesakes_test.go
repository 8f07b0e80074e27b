package screening

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"trex"
)

// TestNameOnlySearchIsBounded fills a register with more holders of one
// name than a check without a full birth date may consider: such a search
// is refused as too many namesakes (whatever else the traveller's name
// holds), while a rare name without a birth date, and the common name with
// a birth year or a full birth date, are still screened.
func TestNameOnlySearchIsBounded(t *testing.T) {
	ix := New()
	common := trex.Name{Surname: "ИВАНОВ", Given: "ИВАН"}
	n := maxNameCandidates + maxNameCandidates/4
	for i := range n {
		d := trex.PartialDate{Year: 1940 + i%70, Month: 1 + i%12, Day: 1 + i%28}
		ix.Put(trex.Subject{Key: fmt.Sprintf("C%06d", i), Person: trex.Person{Names: []trex.Name{common}, BirthDate: d, Sex: trex.SexMale}})
	}
	ix.Put(trex.Subject{Key: "RARE", Person: trex.Person{Names: []trex.Name{{Surname: "ЦЫБУЛЬСКИЙ", Given: "ЕВСТАФИЙ"}},
		BirthDate: trex.MustPartialDate("1971-03-04"), Sex: trex.SexMale}})

	for _, who := range []trex.Person{
		{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}}},
		// Many tokens, each a common name, do not multiply the work.
		{Names: []trex.Name{{Full: strings.TrimSpace(strings.Repeat("IVANOV IVAN ", 6))}}},
	} {
		_, ms, err := ix.Match(context.Background(), who, nil)
		if trex.ErrorCode(err) != trex.EINVALID || !strings.Contains(err.Error(), "too many namesakes") {
			t.Fatalf("%+v: got %d matches and error %v, want a refusal for too many namesakes", who, len(ms), err)
		}
		if len(ms) != 0 {
			t.Fatalf("%+v: a refused search returned %d matches", who, len(ms))
		}
	}
	// A birth year narrows the search to three years of births.
	if _, _, err := ix.Match(context.Background(), trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}},
		BirthDate: trex.PartialDate{Year: 1975}}, nil); err != nil {
		t.Fatalf("common name with a birth year: %v", err)
	}
	v, ms, err := ix.Match(context.Background(), trex.Person{Names: []trex.Name{{Surname: "TSYBULSKII", Given: "EVSTAFII"}}}, nil)
	if err != nil || v == trex.Clear || len(ms) != 1 || ms[0].RestrictionID != "RARE" {
		t.Fatalf("rare name without a birth date: %v, %d matches, %v; want RARE referred", v, len(ms), err)
	}
	v, ms, err = ix.Match(context.Background(), trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}},
		BirthDate: trex.MustPartialDate("1941-02-02"), Sex: trex.SexMale}, nil)
	if err != nil || v == trex.Clear {
		t.Fatalf("common name with a full birth date: %v, %v; want it screened and referred", v, err)
	}
	for _, m := range ms {
		if m.Verdict != trex.Refer {
			t.Fatalf("common name with a full birth date: %s %s", m.RestrictionID, m.Verdict)
		}
	}
}
