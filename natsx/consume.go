package natsx

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"trex"
)

// Applier is what a border node does with a verified change (the
// contract lives in the domain, trex.Applier, so that border need not
// import this package).
type Applier = trex.Applier

// Follower follows the restrictions stream with a durable consumer, so a
// restarted node resumes where it stopped rather than replaying.
type Follower struct {
	JS      jetstream.JetStream
	Durable string // one per border node
	Trust   *TrustList
	Apply   Applier
	Log     *slog.Logger
	// Heartbeat is how often the follower confirms it is caught up
	// (default 1s).
	Heartbeat time.Duration
	// KeyGrace is how long a fresh envelope signed by a key the node does
	// not know is held back (redelivered every second) before it is
	// refused, so that a node whose copy of the trust list lags behind a
	// key rotation does not lose the changes signed with the new key.
	// Envelopes older than KeyGrace in the stream are refused at once.
	// Zero refuses at once.
	KeyGrace time.Duration
	// Mirror says the stream followed is a border site's mirror of the
	// exchange's (EnsureSiteMirror): the node is caught up only while the
	// mirror is, so a site cut off from the exchange says how stale it is.
	Mirror bool
	// Snapshot has a node without a durable consumer yet (a new node, an
	// empty replica) build its state from what the stream retains of each
	// restriction, and a node with one keep its position. Every retained
	// version is read, not only the last of each subject (deliverPolicy
	// says why).
	Snapshot bool

	// held is the set of stream sequences handed back for redelivery (a
	// key-grace wait, a failed apply) and not yet applied or refused:
	// while any is owed the node is not caught up, whatever came after.
	mu   sync.Mutex
	held map[uint64]bool
}

// hold records that the message at stream sequence seq is owed again.
func (f *Follower) hold(seq uint64) {
	f.mu.Lock()
	if f.held == nil {
		f.held = map[uint64]bool{}
	}
	f.held[seq] = true
	f.mu.Unlock()
}

// settle records that the message at seq was applied or refused for good.
func (f *Follower) settle(seq uint64) {
	f.mu.Lock()
	delete(f.held, seq)
	f.mu.Unlock()
}

// owed is how many messages wait for redelivery.
func (f *Follower) owed() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.held)
}

// Run consumes until ctx ends.
func (f *Follower) Run(ctx context.Context) error {
	if f.Heartbeat == 0 {
		f.Heartbeat = time.Second
	}
	cons, err := f.consumer(ctx)
	if err != nil {
		return err
	}
	// The consumer's callback only queues; one worker verifies and
	// applies what has queued up, in stream order, a batch at a time.
	queue := make(chan jetstream.Msg, maxApplyBatch)
	worker := make(chan struct{})
	wctx, stopWorker := context.WithCancel(ctx)
	go func() { defer close(worker); f.work(wctx, queue) }()
	defer func() { stopWorker(); <-worker }()
	cc, err := cons.Consume(func(m jetstream.Msg) {
		select {
		case queue <- m:
		case <-wctx.Done():
		}
	},
		jetstream.PullMaxMessages(256),
		jetstream.PullHeartbeat(2*time.Second),
		jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
			if !errors.Is(err, context.Canceled) {
				f.Log.Warn("restrictions consumer", "err", err)
			}
		}))
	if err != nil {
		return fmt.Errorf("consume restrictions: %w", err)
	}
	defer cc.Stop()
	tick := time.NewTicker(f.Heartbeat)
	defer tick.Stop()
	f.checkCaughtUp(ctx, cons)
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			f.checkCaughtUp(ctx, cons)
		}
	}
}

// consumer creates the node's durable consumer (or resumes it), waiting
// (and saying so) while the registry has not yet created the stream (a
// border node may read the stream but not create it) and while the
// exchange cannot be reached: a node started while its link is down
// answers checks from its replica meanwhile, and follows once the link is
// back.
func (f *Follower) consumer(ctx context.Context) (jetstream.Consumer, error) {
	var warnedStream, warnedLink bool
	for {
		if cons, ok := f.resume(ctx); ok {
			return cons, nil
		}
		cons, err := f.JS.CreateOrUpdateConsumer(ctx, RestrictionsStream, jetstream.ConsumerConfig{
			Durable:       f.Durable,
			AckPolicy:     jetstream.AckExplicitPolicy,
			DeliverPolicy: f.deliverPolicy(),
			FilterSubject: f.filterSubject(),
			// Changes arrive in stream order; a redelivered older version
			// is refused as a replay.
			MaxAckPending: 1024,
			// Then redelivered. A node killed before acknowledging what it
			// had been handed gets it back only after this wait, and is
			// not caught up (not ready) until then; applying a change takes
			// milliseconds, so 10s keeps a restarted node's gap under
			// border's default --ready-max-staleness while leaving room for
			// a slow disk (a change redelivered while still being applied
			// is refused as a replay and changes nothing).
			AckWait:    10 * time.Second,
			MaxDeliver: -1,
		})
		switch {
		case err == nil:
			return cons, nil
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.Is(err, jetstream.ErrStreamNotFound):
			if !warnedStream {
				f.Log.Warn("restrictions stream not there yet; waiting for the registry to create it", "stream", RestrictionsStream)
				warnedStream = true
			}
		case Unreachable(f.JS, err):
			if !warnedLink {
				f.Log.Warn("the exchange cannot be reached; answering from the replica and trying again", "err", err)
				warnedLink = true
			}
		default:
			return nil, fmt.Errorf("border consumer %s: %w", f.Durable, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// open verifies m and returns its change, or deals with m (refuses it, or
// holds it back for redelivery) and returns ok false.
func (f *Follower) open(ctx context.Context, m jetstream.Msg) (c trex.Change, md *jetstream.MsgMetadata, ok bool) {
	md, err := m.Metadata()
	if err != nil {
		f.Apply.RefuseEnvelope(ctx, m.Subject(), fmt.Errorf("%w: no stream metadata: %v", ErrMalformed, err))
		m.Term()
		return c, nil, false
	}
	seq := md.Sequence.Stream
	// The stream's timestamp, not the signer's claim, dates the envelope.
	c, err = f.Trust.OpenStored(m.Data(), md.Timestamp)
	if err == nil && m.Subject() != RestrictionSubject(c.Restriction.Authority, c.Restriction.ID) {
		// The subject is not signed; a change filed under another
		// restriction's subject would crowd out that one's history.
		err = fmt.Errorf("%w: %s on %s", ErrMisrouted, c.Restriction.ID, m.Subject())
	}
	if errors.Is(err, ErrUnknownKey) && f.KeyGrace > 0 {
		if time.Since(md.Timestamp) < f.KeyGrace {
			f.Log.Info("envelope signed by a key not on the trust list yet; waiting for the list", "subject", m.Subject(), "err", err)
			f.hold(seq)
			m.NakWithDelay(time.Second)
			return c, md, false
		}
	}
	if err != nil {
		f.settle(seq)
		f.Apply.RefuseEnvelope(ctx, m.Subject(), err)
		m.Term() // never redeliver what cannot be trusted
		return c, md, false
	}
	return c, md, true
}

// handle verifies and applies one message.
func (f *Follower) handle(ctx context.Context, m jetstream.Msg) {
	c, md, ok := f.open(ctx, m)
	if !ok {
		return
	}
	f.finish(ctx, m, c, md, f.Apply.ApplyChange(ctx, c))
}

// finish acknowledges, refuses or hands back m after its change was
// applied with result err.
func (f *Follower) finish(ctx context.Context, m jetstream.Msg, c trex.Change, md *jetstream.MsgMetadata, err error) {
	seq := md.Sequence.Stream
	if errors.Is(err, ErrReplayed) {
		f.settle(seq)
		f.Apply.RefuseEnvelope(ctx, m.Subject(), err)
		m.Term()
		return
	} else if err != nil {
		f.hold(seq)
		f.Log.Error("apply change", "restriction", c.Restriction.ID, "version", c.Restriction.Version, "err", err)
		m.NakWithDelay(time.Second)
		return
	}
	f.settle(seq)
	if err := m.Ack(); err != nil {
		f.Log.Warn("ack change", "restriction", c.Restriction.ID, "err", err)
	}
	if md.NumPending == 0 && f.owed() == 0 && !f.Mirror {
		f.Apply.CaughtUp(ctx, md.Timestamp)
	}
}

// checkCaughtUp asks the server whether anything is outstanding.
func (f *Follower) checkCaughtUp(ctx context.Context, cons jetstream.Consumer) {
	asked := time.Now()
	cctx, cancel := context.WithTimeout(ctx, f.Heartbeat)
	defer cancel()
	info, err := cons.Info(cctx)
	if err != nil {
		return // link down: data_as_of stays where it was
	}
	if info.NumPending == 0 && info.NumAckPending == 0 && f.owed() == 0 {
		if f.Mirror {
			var current bool
			if asked, current = mirrorAsOf(cctx, f.JS, asked); !current {
				return
			}
		}
		f.Apply.CaughtUp(ctx, asked)
	}
}
