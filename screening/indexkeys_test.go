package screening

import (
	"testing"

	"trex"
	"trex/bench"
)

// TestRemoveLeavesNoEmptyKeys: removing every record leaves no lookup key
// behind (a churning register would otherwise grow them without end).
func TestRemoveLeavesNoEmptyKeys(t *testing.T) {
	ix := New()
	people := bench.Register(8, 500)
	for i, p := range people {
		ix.Put(trex.Subject{Key: bench.RegisterID(i), Person: p})
	}
	for i := range people {
		ix.Remove(bench.RegisterID(i))
	}
	if len(ix.byName)+len(ix.byDOB)+len(ix.byID)+len(ix.byIDDup)+len(ix.byKey) != 0 {
		t.Fatalf("left behind: %d name keys, %d dates, %d+%d identifiers, %d keys",
			len(ix.byName), len(ix.byDOB), len(ix.byID), len(ix.byIDDup), len(ix.byKey))
	}
}
