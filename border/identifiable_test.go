package border_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"trex"
	"trex/romanize"
)

// TestEveryAcceptedRestrictionCanMatch builds a restriction from every
// combination of identifying data, and for each that the registry's
// validation accepts, applies it to a real border node and checks a
// traveller presenting the same data (names as a passport renders them):
// the node must refer or stop them. An accepted restriction that can never
// match fails silently at the border, which is the fault this guards.
func TestEveryAcceptedRestrictionCanMatch(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	births := []string{"", "1984", "1984-07", "1984-07-19"}
	accepted := 0
	for mask := 0; mask < 1<<5; mask++ {
		for _, birth := range births {
			has := func(bit int) bool { return mask&(1<<bit) != 0 }
			p := trex.Person{BirthDate: trex.MustPartialDate(birth)}
			switch {
			case has(0) && has(1):
				p.Names = []trex.Name{{Surname: "Соколова", Given: "Вера"}}
			case has(0):
				p.Names = []trex.Name{{Surname: "Соколова"}}
			case has(1):
				p.Names = []trex.Name{{Given: "Вера"}}
			case has(2):
				p.Names = []trex.Name{{Full: "Соколова Вера"}}
			default:
				p.Names = []trex.Name{{Full: "Соколова"}}
			}
			if has(3) {
				p.Identifiers = []trex.Identifier{{Kind: "national_id", Country: "RU", Value: "4601 552233"}}
			}
			if has(4) {
				p.Documents = []trex.Document{{Kind: "passport", Number: "763334455"}}
			}
			r := trex.Restriction{ID: fmt.Sprintf("R%d%s", mask, birth), Version: 1, Status: trex.StatusActive,
				Kind: trex.KindCourtOrder, LegalBasis: "x", Authority: "district-court",
				ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(24 * time.Hour), Person: p}
			if err := r.Validate(now, nil); err != nil {
				if trex.ErrorCode(err) != trex.EINVALID {
					t.Fatalf("%s: %v", r.ID, err)
				}
				continue
			}
			accepted++
			n, _ := openNode(t, t.TempDir(), func() time.Time { return now })
			if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
				t.Fatal(err)
			}
			traveller := p
			traveller.Names = nil
			for _, name := range p.Names {
				traveller.Names = append(traveller.Names, trex.Name{Surname: romanize.ICAOName(name.Surname),
					Given: romanize.ICAOName(name.Given), Full: romanize.ICAOName(name.Full)})
			}
			d, err := n.Check(ctx, traveller)
			if err != nil {
				t.Fatal(err)
			}
			if d.Verdict == trex.Clear {
				t.Errorf("accepted restriction on %+v never matches: a traveller presenting %+v is cleared", p, traveller)
			}
		}
	}
	if accepted == 0 {
		t.Fatal("no combination was accepted")
	}
}
