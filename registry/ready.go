package registry

import (
	"context"
	"time"

	"trex"
)

// OutboxReady returns a readiness check for the registry: it fails with
// EUNAVAILABLE, saying why, when the outbox cannot be read or its oldest
// unpublished change has waited longer than maxAge (changes are not
// reaching the border). now is the clock (nil: time.Now).
func OutboxReady(o trex.Outbox, maxAge time.Duration, now func() time.Time) func(context.Context) error {
	if now == nil {
		now = time.Now
	}
	return func(ctx context.Context) error {
		st, err := o.OutboxStats(ctx)
		if err != nil {
			return trex.Errorf(trex.EUNAVAILABLE, "the outbox cannot be read: %v", err)
		}
		if st.OldestUnpublished.IsZero() {
			return nil
		}
		age := now().Sub(st.OldestUnpublished)
		if age <= maxAge {
			return nil
		}
		msg := trex.Errorf(trex.EUNAVAILABLE, "the oldest unpublished change has waited %s (bound %s); %d changes wait, %d parked",
			age.Round(time.Second), maxAge, st.Depth, st.Parked)
		if st.ParkedReason != "" {
			msg.Message += ": " + st.ParkedReason
		}
		return msg
	}
}
