package natsx

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// EnsureSiteMirror creates, on a border site's own JetStream (a leaf node
// running its own domain, which js talks to), a mirror of the exchange's
// restrictions stream kept in hubDomain. The site's border nodes then
// follow the mirror under the usual stream name, unchanged: while the
// link to the exchange is down they keep reading what reached the site,
// and once it is back the mirror catches up by itself.
//
// The mirror keeps only the latest change of each restriction: that is
// all a node needs to reach the registry's state, and it means a purge
// at the exchange (which a mirror does not copy) is followed at the site
// as soon as the tombstone arrives, leaving no earlier version behind.
func EnsureSiteMirror(ctx context.Context, js jetstream.JetStream, hubDomain string) error {
	if hubDomain == "" {
		return fmt.Errorf("site mirror of %s: name the exchange's JetStream domain", RestrictionsStream)
	}
	_, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:              RestrictionsStream,
		Description:       "this site's mirror of the exchange's signed restriction changes",
		Storage:           jetstream.FileStorage,
		Retention:         jetstream.LimitsPolicy,
		MaxMsgsPerSubject: 1,
		MaxMsgSize:        1 << 20,
		Mirror:            &jetstream.StreamSource{Name: RestrictionsStream, Domain: hubDomain},
	})
	if err != nil {
		return fmt.Errorf("site mirror of %s from domain %s: %w", RestrictionsStream, hubDomain, err)
	}
	return nil
}

// KeepSiteMirror is EnsureSiteMirror, tried again each second while the
// site's server cannot be reached (saying so once), until it succeeds,
// fails otherwise, or ctx ends.
func KeepSiteMirror(ctx context.Context, js jetstream.JetStream, hubDomain string, log *slog.Logger) error {
	return keepTrying(ctx, js, log, "the site's server cannot be reached to set up its mirror; trying again", func() error {
		return EnsureSiteMirror(ctx, js, hubDomain)
	})
}

// MirrorSilence is how long a site's mirror may go without hearing from
// the exchange (its source sends heartbeats while idle) before the site's
// border nodes stop calling themselves caught up.
const MirrorSilence = 5 * time.Second

// mirrorAsOf says until when a site's mirror is known to hold everything
// the exchange had, asked at asked: the last time it heard from the
// exchange, provided it is not lagging and heard within MirrorSilence.
// ok is false while the mirror is behind or cut off.
func mirrorAsOf(ctx context.Context, js jetstream.JetStream, asked time.Time) (asOf time.Time, ok bool) {
	s, err := js.Stream(ctx, RestrictionsStream)
	if err != nil {
		return time.Time{}, false
	}
	m := s.CachedInfo().Mirror
	if m == nil || m.Error != nil || m.Lag > 0 || m.Active < 0 || m.Active > MirrorSilence {
		return time.Time{}, false
	}
	return asked.Add(-m.Active), true
}

// ConnectDomain is Connect for a client whose JetStream lives in another
// domain than the server it connects to: a border node on a site's leaf
// node that runs no JetStream of its own reaches the exchange's with the
// exchange's domain (its API answers on $JS.<domain>.API). An empty
// domain is Connect.
func ConnectDomain(urls, name, domain string, extra ...nats.Option) (*nats.Conn, jetstream.JetStream, error) {
	nc, js, err := Connect(urls, name, extra...)
	if err != nil || domain == "" {
		return nc, js, err
	}
	if js, err = jetstream.NewWithDomain(nc, domain); err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("jetstream in domain %s: %w", domain, err)
	}
	return nc, js, nil
}
