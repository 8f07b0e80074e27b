package screening

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"trex"
)

// TestOneKeyingError holds which pairs of numbers one keying error
// explains: one character changed, or two adjacent ones swapped; not two
// changes, not a character dropped, not a number short enough that any
// two are near.
func TestOneKeyingError(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"753104298", "753104298", false}, // the same number is shared, not keyed
		{"753104298", "753184298", true},
		{"753104298", "753014298", true},
		{"753104298", "753104289", true},
		{"753104298", "853104298", true},
		{"753104298", "753014289", false},
		{"753104298", "75310429", false},
		{"753104298", "7531042988", false},
		{"12345", "12346", false},
		{"", "", false},
		{"AB123456", "BA123456", true},
	} {
		if got := oneKeyingError(c.a, c.b); got != c.want {
			t.Errorf("oneKeyingError(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := oneKeyingError(c.b, c.a); got != c.want {
			t.Errorf("oneKeyingError(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
	for _, c := range []struct {
		q    []string
		r    string
		want docRelation
	}{
		{nil, "753104298", docUnknown},
		{[]string{"753104298"}, "", docUnknown},
		{[]string{"111111111"}, "753104298", docOther},
		{[]string{"111111111", "753104299"}, "900000001\x00753104298", docKeyed},
		{[]string{"111111111"}, "\x00\x00", docOther},
	} {
		if got := documentRelation(c.q, c.r); got != c.want {
			t.Errorf("documentRelation(%q, %q) = %d, want %d", c.q, c.r, got, c.want)
		}
	}
}

// TestAnotherDocumentWeighsAgainstANearDate holds how a travel document
// the record does not hold weighs: among namesakes enough that a near
// birth date is referred only just, another passport tips it (the
// traveller is 1/Weights.UnrecordedDocument times as likely a stranger);
// the record's own passport,
// or one a single keying error from it, does not; and with the right
// birth date another passport is still referred, since a listed person
// may travel on a renewed one.
func TestAnotherDocumentWeighsAgainstANearDate(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ix := New()
	for i := 0; i < 22; i++ {
		ix.Put(trex.Subject{Key: "n" + strconv.Itoa(i), Person: trex.Person{
			Names:     []trex.Name{{Surname: "Иванов", Given: "Иван"}},
			BirthDate: trex.PartialDate{Year: 1950 + r.IntN(50), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}, Sex: trex.SexMale}})
	}
	listed := trex.Person{Names: []trex.Name{{Surname: "Иванов", Given: "Иван"}}, BirthDate: trex.MustPartialDate("1971-03-14"),
		Sex: trex.SexMale, Documents: []trex.Document{{Kind: "passport", Number: "753104298", IssuingState: "RUS"}}}
	ix.Put(trex.Subject{Key: "listed", Person: listed})
	near := trex.MustPartialDate("1971-04-14") // month one apart
	traveller := func(d trex.PartialDate, number string) trex.Person {
		p := trex.Person{Names: []trex.Name{{Surname: "IVANOV", Given: "IVAN"}}, BirthDate: d, Sex: trex.SexMale}
		if number != "" {
			p.Documents = []trex.Document{{Kind: "passport", Number: number, IssuingState: "RUS"}}
		}
		return p
	}
	if c := ix.chanceOf(traveller(near, ""), "listed"); c > ix.ChanceLimit() || c/ix.Weights.UnrecordedDocument <= ix.ChanceLimit() {
		t.Fatalf("the register does not set the case up: chance %.3g against limit %.3g", c, ix.ChanceLimit())
	}
	for _, c := range []struct {
		what     string
		p        trex.Person
		want     bool
		evidence string // the document evidence the match carries
	}{
		{"near date, no document", traveller(near, ""), true, ""},
		{"near date, the record's passport", traveller(near, "753104298"), true, "exact"},
		{"near date, the record's passport with a digit mistyped", traveller(near, "753184298"), true, "near"},
		{"near date, another passport", traveller(near, "401877215"), false, ""},
		{"exact date, another passport", traveller(listed.BirthDate, "401877215"), true, "other"},
	} {
		_, ms := matchAll(ix, c.p)
		if got := referred(ms, "listed"); got != c.want {
			t.Errorf("%s: referred %v, want %v", c.what, got, c.want)
			continue
		}
		if !c.want || c.evidence == "" {
			continue
		}
		found := false
		for _, m := range ms {
			for _, e := range m.Evidence {
				if m.RestrictionID == "listed" && e.Field == "document" && e.Outcome == c.evidence {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s: no document evidence %q in the match", c.what, c.evidence)
		}
	}
}
