package trex

import (
	"context"
	"time"
)

// CheckReport is a border node's word to the registry that one of its
// checks matched restrictions: which node, which check, when, and the
// restrictions matched. Only checks that matched someone are reported;
// a check that matched nobody stays on the node and is never tied to a
// person. The registry records each matched restriction as an
// AccessCheck event in the person's access log.
type CheckReport struct {
	Node           string
	CheckID        string
	At             time.Time
	RestrictionIDs []string
}

// AccessEvents are the looks at persons' records that r reports, one per
// restriction matched, each named (Ref) so that a report delivered twice
// is recorded once.
func (r CheckReport) AccessEvents() []AccessEvent {
	out := make([]AccessEvent, 0, len(r.RestrictionIDs))
	for _, id := range r.RestrictionIDs {
		out = append(out, AccessEvent{At: r.At, Who: r.Node, WhoKind: AccessByBorderNode, Kind: AccessCheck,
			RestrictionID: id, Ref: "check/" + r.Node + "/" + r.CheckID + "/" + id})
	}
	return out
}

// MatchedChecks reads a border node's check log for the checks to report
// to the registry.
type MatchedChecks interface {
	// MatchedChecksAfter lists up to limit checks that matched at least
	// one restriction, recorded after position pos of the log (0: from
	// the start) in the order recorded, and the position to continue
	// from. A check is never recorded behind a position already passed.
	MatchedChecksAfter(ctx context.Context, pos int64, limit int) (recs []CheckRecord, next int64, err error)
}
