// Package registry is the issuer's side of trex: it runs the outbox relay
// that publishes every committed change to the exchange, the expiry sweep
// that ends restrictions at valid_until, and the receipt recorder that turns
// border nodes' receipts into "in force at the border since".
//
// Storage is a trex.RestrictionService plus trex.Outbox (sqlite or
// postgres); publishing is a function, so the relay knows nothing of NATS.
package registry

import (
	"context"
	"log/slog"
	"time"

	"trex"
)

// Publish sends one change to the exchange and returns once it is durable.
type Publish func(ctx context.Context, c trex.Change) error

// Relay moves changes from the outbox to the exchange. It resumes from the
// first unpublished change, so a crash between commit and publish delays a
// change but never loses it.
type Relay struct {
	Outbox  trex.Outbox
	Publish Publish
	Log     *slog.Logger
	// Interval is the polling period when idle (default 50ms); Kick wakes
	// the relay at once after a write.
	Interval time.Duration

	kick chan struct{}
}

// NewRelay returns a relay ready to Run.
func NewRelay(outbox trex.Outbox, publish Publish, log *slog.Logger) *Relay {
	return &Relay{Outbox: outbox, Publish: publish, Log: log, Interval: 50 * time.Millisecond, kick: make(chan struct{}, 1)}
}

// Kick tells the relay there is something new.
func (r *Relay) Kick() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// Run relays until ctx ends.
func (r *Relay) Run(ctx context.Context) error {
	t := time.NewTicker(r.Interval)
	defer t.Stop()
	for {
		if err := r.Flush(ctx); err != nil && ctx.Err() == nil {
			r.Log.Warn("outbox relay", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-r.kick:
		}
	}
}

// Flush publishes every pending change, oldest first, stopping at the first
// failure (to keep order) and reporting it.
func (r *Relay) Flush(ctx context.Context) error {
	for {
		pending, err := r.Outbox.PendingChanges(ctx, 256)
		if err != nil {
			return err
		}
		if len(pending) == 0 {
			return nil
		}
		for _, c := range pending {
			if err := r.Publish(ctx, c); err != nil {
				return err
			}
			if err := r.Outbox.MarkPublished(ctx, c.Seq); err != nil {
				return err
			}
		}
	}
}
