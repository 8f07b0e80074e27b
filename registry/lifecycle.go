package registry

import (
	"context"
	"log/slog"
	"time"

	"trex"
)

// Lifecycle lapses restrictions whose review is overdue (where their kind
// says so) and purges ended restrictions once their kind's retention
// period has run. Both write changes to the outbox that reach every border
// node like any lift: a lapse lifts, a purge leaves a tombstone.
type Lifecycle struct {
	Store    trex.LifecycleService
	Now      func() time.Time
	Interval time.Duration // default a minute
	Log      *slog.Logger
	// Purged records each tombstone written (in the audit log); a failure
	// is logged loudly, the purge stands.
	Purged func(ctx context.Context, t *trex.Restriction) error
	// OnChange is called after a sweep that changed something (to kick
	// the relay).
	OnChange func()
}

// Sweep lapses and purges what is due now, and says how many of each.
func (l *Lifecycle) Sweep(ctx context.Context) (lapsed, purged int, err error) {
	now := l.now()
	lapsed, err = l.Store.LapseUnreviewed(ctx, now)
	if err != nil {
		return lapsed, 0, err
	}
	ts, err := l.Store.PurgeEnded(ctx, now)
	for i := range ts {
		if l.Purged == nil {
			break
		}
		if rerr := l.Purged(ctx, &ts[i]); rerr != nil {
			l.Log.Error("audit: purge not recorded", "restriction", ts[i].ID, "version", ts[i].Version, "err", rerr)
		}
	}
	if lapsed+len(ts) > 0 && l.OnChange != nil {
		l.OnChange()
	}
	return lapsed, len(ts), err
}

// Run sweeps every Interval until ctx ends.
func (l *Lifecycle) Run(ctx context.Context) error {
	if l.Interval == 0 {
		l.Interval = time.Minute
	}
	t := time.NewTicker(l.Interval)
	defer t.Stop()
	for {
		lapsed, purged, err := l.Sweep(ctx)
		if err != nil && ctx.Err() == nil {
			l.Log.Warn("lifecycle sweep", "err", err)
		}
		if lapsed+purged > 0 {
			l.Log.Info("lifecycle sweep", "lapsed", lapsed, "purged", purged)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (l *Lifecycle) now() time.Time {
	if l.Now == nil {
		return time.Now()
	}
	return l.Now()
}
