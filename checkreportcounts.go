package trex

import (
	"context"
	"time"
)

// ReportedCheckCount is what the registry knows of one border node's
// checks: only those that matched someone (refer or hit), from the node's
// signed check reports. Clears never leave the node, and the reports do
// not say whether a match was a refer or a hit; both are counted only at
// the node, in its check log.
type ReportedCheckCount struct {
	Checks       int64     `json:"checks"`       // matched checks reported
	Restrictions int64     `json:"restrictions"` // restrictions those checks matched, one per check and restriction
	Last         time.Time `json:"last"`         // when the newest reported check was made
}

// ReportedChecks counts, for the auditors, the check reports a registry
// has recorded in its access log, by border node.
type ReportedChecks interface {
	ReportedCheckCounts(ctx context.Context) (map[string]ReportedCheckCount, error)
}
