package screening

import (
	"context"

	"trex"
)

// matchAll matches p against every subject of ix, without a deadline.
func matchAll(ix *Index, p trex.Person) (trex.Verdict, []trex.Match) {
	v, ms, err := ix.Match(context.Background(), p, nil)
	if err != nil {
		panic("screening: match without a deadline failed: " + err.Error())
	}
	return v, ms
}
