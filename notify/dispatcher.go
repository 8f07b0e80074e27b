package notify

import (
	"context"
	"log/slog"
	"time"

	"trex"
)

// DefaultKeepSent is how long a delivered notice is kept.
const DefaultKeepSent = 30 * 24 * time.Hour

// Dispatcher moves notices from the outbox to a sender.
type Dispatcher struct {
	Outbox trex.NoticeOutbox
	Sender trex.NoticeSender
	Log    *slog.Logger
	// Interval between rounds; zero means one second.
	Interval time.Duration
	// RetryAfter is how long a notice that failed waits; zero means a
	// minute.
	RetryAfter time.Duration
	// Batch bounds the changes and the notices taken per round; zero
	// means 100.
	Batch int
	// KeepSent is how long a delivered notice is kept (to answer
	// questions about it) before it is purged; zero means DefaultKeepSent.
	KeepSent time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (d *Dispatcher) defaults() {
	if d.Interval == 0 {
		d.Interval = time.Second
	}
	if d.RetryAfter == 0 {
		d.RetryAfter = time.Minute
	}
	if d.Batch == 0 {
		d.Batch = 100
	}
	if d.KeepSent == 0 {
		d.KeepSent = DefaultKeepSent
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
}

// Run dispatches every Interval until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	d.defaults()
	t := time.NewTicker(d.Interval)
	defer t.Stop()
	for {
		if _, err := d.Once(ctx); err != nil && ctx.Err() == nil {
			d.Log.Error("notices: round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Once turns new restriction changes into notices, sends the notices
// that are due, and purges those delivered more than KeepSent ago,
// returning how many were sent. A notice that cannot be
// sent is deferred by RetryAfter; the others are sent all the same.
func (d *Dispatcher) Once(ctx context.Context) (int, error) {
	d.defaults()
	for {
		n, err := d.Outbox.NoticesFromChanges(ctx, d.Batch)
		if err != nil {
			return 0, err
		}
		if n < d.Batch {
			break
		}
	}
	due, err := d.Outbox.DueNotices(ctx, d.Now(), d.Batch)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, n := range due {
		if err := d.Sender.SendNotice(ctx, n); err != nil {
			d.Log.Warn("notice not delivered; will retry", "notice", n.ID, "event", n.Event, "recipient", n.Recipient, "err", err)
			if err := d.Outbox.DeferNotice(ctx, n.ID, err.Error(), d.Now().Add(d.RetryAfter)); err != nil {
				return sent, err
			}
			continue
		}
		if err := d.Outbox.MarkNoticeSent(ctx, n.ID); err != nil {
			return sent, err
		}
		sent++
	}
	if _, err := d.Outbox.PurgeSentNotices(ctx, d.Now().Add(-d.KeepSent)); err != nil {
		return sent, err
	}
	return sent, nil
}
