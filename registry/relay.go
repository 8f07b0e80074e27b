package registry

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"trex"
)

// Publish sends one change to the exchange and returns once it is durable.
// An error with code trex.EUNAVAILABLE says the exchange as a whole is
// unreachable; any other error is this change's own (its authority cannot
// sign it, the exchange refuses it) and parks it.
type Publish func(ctx context.Context, c trex.Change) error

// Relay moves changes from the outbox to the exchange. It resumes from the
// first unpublished change, so a crash between commit and publish delays a
// change but never loses it. A change that cannot be published is parked
// and retried with backoff; it holds back the later changes of its own
// restriction (which must reach the border in version order) and nothing
// else.
type Relay struct {
	Outbox  trex.Outbox
	Publish Publish
	Log     *slog.Logger
	// Interval is the polling period when idle (default 50ms); Kick wakes
	// the relay at once after a write.
	Interval time.Duration
	// MinBackoff and MaxBackoff bound the wait before a parked change is
	// tried again (default 1s, doubling per attempt up to 1m), and the
	// wait after the exchange was found unreachable (up to 5s).
	MinBackoff, MaxBackoff time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time

	kick chan struct{}
}

// NewRelay returns a relay ready to Run.
func NewRelay(outbox trex.Outbox, publish Publish, log *slog.Logger) *Relay {
	return &Relay{Outbox: outbox, Publish: publish, Log: log, Interval: 50 * time.Millisecond,
		MinBackoff: time.Second, MaxBackoff: time.Minute, Now: time.Now, kick: make(chan struct{}, 1)}
}

// Kick tells the relay there is something new.
func (r *Relay) Kick() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// Run relays until ctx ends. While the exchange is unreachable it waits
// longer between passes and says so once, not on every pass.
func (r *Relay) Run(ctx context.Context) error {
	t := time.NewTicker(r.Interval)
	defer t.Stop()
	failing := 0
	for {
		err := r.Flush(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			if failing == 0 {
				r.Log.Warn("outbox relay: changes wait until the exchange is back", "err", err)
			}
			failing++
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(min(r.Interval<<min(failing, 10), 5*time.Second)):
			}
			continue
		case failing > 0:
			r.Log.Info("outbox relay: exchange reachable again", "failed_passes", failing)
			failing = 0
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-r.kick:
		}
	}
}

// Flush publishes every due change, oldest first. A change that fails is
// parked and the rest go on; a failure of the exchange as a whole
// (trex.EUNAVAILABLE) or of the outbox stops the pass and is returned,
// leaving every change where it was.
func (r *Relay) Flush(ctx context.Context) error {
	for {
		pending, err := r.Outbox.PendingChanges(ctx, 256)
		if err != nil {
			return err
		}
		if len(pending) == 0 {
			return nil
		}
		// A restriction whose change was parked in this pass: its later
		// changes wait (the outbox holds them back on the next read).
		held := map[string]bool{}
		for _, c := range pending {
			id := c.Restriction.ID
			if held[id] {
				continue
			}
			err := r.Publish(ctx, c)
			if err == nil {
				if err := r.Outbox.MarkPublished(ctx, c.Seq); err != nil {
					return err
				}
				continue
			}
			if ctx.Err() != nil || trex.ErrorCode(err) == trex.EUNAVAILABLE {
				return fmt.Errorf("publish %s v%d: %w", id, c.Restriction.Version, err)
			}
			held[id] = true
			if err := r.park(ctx, c, err); err != nil {
				return err
			}
		}
	}
}

// park defers c after a failed attempt, doubling the wait each time.
func (r *Relay) park(ctx context.Context, c trex.Change, cause error) error {
	wait := r.backoff(c.Attempts + 1)
	if err := r.Outbox.ParkChange(ctx, c.Seq, cause.Error(), r.now().Add(wait)); err != nil {
		return err
	}
	r.Log.Warn("change parked: it cannot be published; other restrictions' changes go on",
		"restriction", c.Restriction.ID, "version", c.Restriction.Version, "authority", c.Restriction.Authority,
		"attempts", c.Attempts+1, "retry_in", wait, "err", cause)
	return nil
}

// backoff is the wait after the given number of failed attempts.
func (r *Relay) backoff(attempts int) time.Duration {
	lo, hi := r.MinBackoff, r.MaxBackoff
	if lo <= 0 {
		lo = time.Second
	}
	if hi < lo {
		hi = lo
	}
	d := lo
	for i := 1; i < attempts && d < hi; i++ {
		d *= 2
	}
	return min(d, hi)
}

func (r *Relay) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}
