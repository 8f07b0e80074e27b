package registry

import (
	"context"
	"log/slog"
	"time"

	"trex"
)

// Expirer ends restrictions when their valid_until passes. Border nodes
// stop matching an expired restriction on their own clock even before the
// change reaches them; the expiry change makes the registry's record agree
// and tells every node.
type Expirer struct {
	Store    trex.RestrictionService
	Now      func() time.Time
	Interval time.Duration
	Log      *slog.Logger
	// OnExpire is called after a sweep that changed something (to kick the relay).
	OnExpire func()
}

// Run sweeps every Interval until ctx ends.
func (e *Expirer) Run(ctx context.Context) error {
	if e.Interval == 0 {
		e.Interval = time.Second
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	t := time.NewTicker(e.Interval)
	defer t.Stop()
	for {
		n, err := e.Store.ExpireDue(ctx, e.Now())
		if err != nil && ctx.Err() == nil {
			e.Log.Warn("expiry sweep", "err", err)
		}
		if n > 0 {
			e.Log.Info("restrictions expired", "count", n)
			if e.OnExpire != nil {
				e.OnExpire()
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
