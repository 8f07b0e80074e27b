package natsx

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Stream and subject names.
const (
	// RestrictionsStream holds signed restriction changes, one subject per
	// restriction (trex.restrictions.<authority>.<id>), so that a new node
	// reading from the start sees the latest versions without the whole
	// history: the stream is its own snapshot.
	RestrictionsStream  = "TREX_RESTRICTIONS"
	restrictionsSubject = "trex.restrictions"
	// ReceiptsStream holds border nodes' receipts (trex.receipts.<node>).
	ReceiptsStream  = "TREX_RECEIPTS"
	receiptsSubject = "trex.receipts"
)

// Connect dials NATS (a comma-separated URL list for a cluster) and returns
// the connection and its JetStream context. name identifies the client;
// extra options (Credentials) come last.
func Connect(urls, name string, extra ...nats.Option) (*nats.Conn, jetstream.JetStream, error) {
	opts := append([]nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250 * time.Millisecond),
		nats.RetryOnFailedConnect(false),
	}, extra...)
	nc, err := nats.Connect(urls, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to nats %s: %w", urls, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("jetstream: %w", err)
	}
	return nc, js, nil
}

// EnsureStreams creates or updates the trex streams, replicated as the
// exchange allows (see EnsureStreamsReplicated with replicas 0).
func EnsureStreams(ctx context.Context, js jetstream.JetStream) error {
	return EnsureStreamsReplicated(ctx, js, 0)
}

// EnsureStreamsReplicated creates or updates the trex streams with the
// given number of replicas. Zero chooses: three on a clustered exchange,
// one on a single server (see Replicas).
func EnsureStreamsReplicated(ctx context.Context, js jetstream.JetStream, replicas int) error {
	replicas, err := Replicas(ctx, js, replicas)
	if err != nil {
		return err
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Replicas:          replicas,
		Name:              RestrictionsStream,
		Description:       "signed restriction changes from issuing authorities",
		Subjects:          []string{restrictionsSubject + ".>"},
		Storage:           jetstream.FileStorage,
		Retention:         jetstream.LimitsPolicy,
		MaxMsgsPerSubject: 8,
		Duplicates:        5 * time.Minute,
		MaxMsgSize:        1 << 20,
	}); err != nil {
		return fmt.Errorf("stream %s: %w", RestrictionsStream, err)
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Replicas:    replicas,
		Name:        ReceiptsStream,
		Description: "border nodes' receipts for applied restriction changes",
		Subjects:    []string{receiptsSubject + ".>"},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		MaxAge:      30 * 24 * time.Hour,
		Duplicates:  5 * time.Minute,
	}); err != nil {
		return fmt.Errorf("stream %s: %w", ReceiptsStream, err)
	}
	return ensureCheckReportsStream(ctx, js, replicas)
}

// subjectToken makes s safe as one NATS subject token.
func subjectToken(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
}

// RestrictionSubject is the subject a restriction's changes travel on.
func RestrictionSubject(authority, id string) string {
	return restrictionsSubject + "." + subjectToken(authority) + "." + subjectToken(id)
}
