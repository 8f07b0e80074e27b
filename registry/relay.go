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

// Send starts publishing one change and returns at once; the function it
// returns waits for the exchange's answer and returns what Publish would.
// Changes sent from one Send reach the exchange in the order sent.
type Send func(ctx context.Context, c trex.Change) (wait func() error)

// DefaultInFlight is how many changes a relay with Send has on their way
// at once unless told otherwise.
const DefaultInFlight = 256

// Relay moves changes from the outbox to the exchange. It resumes from the
// first unpublished change, so a crash between commit and publish delays a
// change but never loses it. A change that cannot be published is parked
// and retried with backoff; it holds back the later changes of its own
// restriction (which must reach the border in version order) and nothing
// else.
type Relay struct {
	Outbox  trex.Outbox
	Publish Publish
	// Send, when set, is used instead of Publish, with up to InFlight
	// changes awaiting the exchange's acknowledgement at once (zero:
	// DefaultInFlight) rather than one.
	Send     Send
	InFlight int
	// Published, when set, is told of the changes the exchange accepted
	// (in one call per group awaited together) before they are marked
	// published; an error leaves them unmarked, to be published and told
	// again (the exchange deduplicates them, border nodes apply once).
	Published func(ctx context.Context, cs []trex.Change) error
	Log       *slog.Logger
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
// leaving every change not yet accepted where it was.
//
// With Send, up to InFlight changes are on their way at once; a change
// is sent only once every earlier change of its restriction has been
// answered (otherwise it waits for the next read of the outbox), so a
// restriction's versions still reach the exchange in order and one parked
// never lets a later one overtake it.
func (r *Relay) Flush(ctx context.Context) error {
	for {
		pending, err := r.Outbox.PendingChanges(ctx, 256)
		if err != nil {
			return err
		}
		if len(pending) == 0 {
			return nil
		}
		p := pass{relay: r, held: map[string]bool{}, flying: map[string]bool{}}
		for _, c := range pending {
			id := c.Restriction.ID
			if p.held[id] || p.flying[id] {
				// Parked, or an earlier version is still on its way:
				// this one goes on a later read.
				continue
			}
			p.send(ctx, c)
			if len(p.inFlight) >= r.window() {
				if err := p.settle(ctx); err != nil {
					return err
				}
			}
		}
		if err := p.settle(ctx); err != nil {
			return err
		}
	}
}

// pass is one read of the outbox on its way to the exchange.
type pass struct {
	relay *Relay
	// held are the restrictions whose change was parked in this pass:
	// their later changes wait (the outbox holds them back on the next
	// read).
	held map[string]bool
	// flying are the restrictions with a change sent in this pass.
	flying   map[string]bool
	inFlight []sent
}

type sent struct {
	c    trex.Change
	wait func() error
}

func (p *pass) send(ctx context.Context, c trex.Change) {
	var wait func() error
	if p.relay.Send != nil {
		wait = p.relay.Send(ctx, c)
	} else {
		err := p.relay.Publish(ctx, c)
		wait = func() error { return err }
	}
	p.inFlight = append(p.inFlight, sent{c: c, wait: wait})
	p.flying[c.Restriction.ID] = true
}

// settle waits for every change in flight, marks the accepted ones
// published together and parks the refused ones. It returns the first
// failure of the exchange as a whole, after recording the rest.
func (p *pass) settle(ctx context.Context) error {
	if len(p.inFlight) == 0 {
		return nil
	}
	var (
		done     []int64
		accepted []trex.Change
		down     error
	)
	for _, s := range p.inFlight {
		err := s.wait()
		id := s.c.Restriction.ID
		switch {
		case err == nil:
			done = append(done, s.c.Seq)
			accepted = append(accepted, s.c)
		case ctx.Err() != nil || trex.ErrorCode(err) == trex.EUNAVAILABLE:
			if down == nil {
				down = fmt.Errorf("publish %s v%d: %w", id, s.c.Restriction.Version, err)
			}
		default:
			p.held[id] = true
			if perr := p.relay.park(ctx, s.c, err); perr != nil && down == nil {
				down = perr
			}
		}
	}
	p.inFlight = p.inFlight[:0]
	if len(done) > 0 && p.relay.Published != nil {
		if err := p.relay.Published(ctx, accepted); err != nil {
			return fmt.Errorf("record %d published changes: %w", len(accepted), err)
		}
	}
	if len(done) > 0 {
		if err := p.relay.Outbox.MarkPublished(ctx, done...); err != nil {
			return err
		}
	}
	return down
}

// window is how many changes may be in flight at once.
func (r *Relay) window() int {
	if r.Send == nil {
		return 1
	}
	if r.InFlight <= 0 {
		return DefaultInFlight
	}
	return r.InFlight
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
