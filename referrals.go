package trex

import "time"

// ReferralStats is the state of a border node's supervisors' queue: how
// many referred or hit checks wait for a resolution, and since when the
// oldest has waited (zero when none waits).
type ReferralStats struct {
	Open   int64
	Oldest time.Time
}
