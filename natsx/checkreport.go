package natsx

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/mod/sumdb/note"

	"trex"
)

// Check reports travel like receipts: a border node publishes on its own
// subject (trex.checks.<node>), which the exchange's permissions let no
// one else publish on, and each report is a signed note under the node's
// audit key (the key that signs its decisions), which the registry
// verifies against the keys of the nodes it knows.
const (
	// CheckReportsStream holds border nodes' reports of checks that
	// matched restrictions (trex.checks.<node>).
	CheckReportsStream  = "TREX_CHECK_REPORTS"
	checkReportsSubject = "trex.checks"
	// RegistryCheckReportsDurable is the registry's durable consumer of
	// check reports.
	RegistryCheckReportsDurable = "trex-registry-checks"
	// checkReportHeader is the first line of a report's signed text.
	checkReportHeader = "trex check report v1"
)

// CheckReportSubject is the subject node publishes its check reports on.
func CheckReportSubject(node string) string { return checkReportsSubject + "." + subjectToken(node) }

// ensureCheckReportsStream creates or updates the check reports stream.
func ensureCheckReportsStream(ctx context.Context, js jetstream.JetStream, replicas int) error {
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Replicas:    replicas,
		Name:        CheckReportsStream,
		Description: "border nodes' signed reports of checks that matched restrictions",
		Subjects:    []string{checkReportsSubject + ".>"},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		MaxAge:      30 * 24 * time.Hour,
		Duplicates:  5 * time.Minute,
		MaxMsgSize:  64 << 10,
	}); err != nil {
		return fmt.Errorf("stream %s: %w", CheckReportsStream, err)
	}
	return nil
}

// unknownKeyRetry is how long a report under an unknown key waits before
// it is tried again, and unknownKeyTries how often it is tried (about an
// hour in all) before it is dropped.
var unknownKeyRetry = time.Minute

const unknownKeyTries = 60

// SignCheckReport encodes r as a note signed by signer.
func SignCheckReport(r trex.CheckReport, signer note.Signer) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nnode %s\ncheck %s\nat %s\n", checkReportHeader, r.Node, r.CheckID, r.At.UTC().Format(time.RFC3339Nano))
	for _, id := range r.RestrictionIDs {
		fmt.Fprintf(&b, "restriction %s\n", id)
	}
	msg, err := note.Sign(&note.Note{Text: b.String()}, signer)
	if err != nil {
		return nil, fmt.Errorf("sign check report %s: %w", r.CheckID, err)
	}
	return msg, nil
}

// OpenCheckReport verifies a signed report against keys and reads it. The
// signature must be that of the node the report names.
func OpenCheckReport(msg []byte, keys *NodeKeys) (trex.CheckReport, error) {
	var r trex.CheckReport
	n, err := note.Open(msg, keys)
	if err != nil {
		return r, fmt.Errorf("check report: %w", err)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 5 || lines[0] != checkReportHeader {
		return r, errors.New("check report: not a trex check report v1")
	}
	var ok1, ok2, ok3 bool
	r.Node, ok1 = strings.CutPrefix(lines[1], "node ")
	r.CheckID, ok2 = strings.CutPrefix(lines[2], "check ")
	at, ok3 := strings.CutPrefix(lines[3], "at ")
	if !ok1 || !ok2 || !ok3 || r.Node == "" || r.CheckID == "" {
		return r, errors.New("check report: malformed node, check or time")
	}
	if r.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return r, fmt.Errorf("check report: time: %w", err)
	}
	for _, l := range lines[4:] {
		id, ok := strings.CutPrefix(l, "restriction ")
		if !ok || id == "" {
			return r, fmt.Errorf("check report: malformed line %q", l)
		}
		r.RestrictionIDs = append(r.RestrictionIDs, id)
	}
	signed := false
	for _, s := range n.Sigs {
		signed = signed || s.Name == NodeKeyName(r.Node)
	}
	if !signed {
		return r, fmt.Errorf("check report from %s: not signed by that node's key", r.Node)
	}
	return r, nil
}

// NodeKeyName is the name of border node id's audit key (audit.Origin of
// its role).
func NodeKeyName(id string) string { return "trex-border-" + id }

// NodeKeys are the border nodes' public keys (their audit keys, in the
// note verifier-key form of audit-border-ID.pub) that the registry
// accepts check reports under. Safe for concurrent use; keys may be added
// while reports are consumed.
type NodeKeys struct {
	mu   sync.RWMutex
	keys map[string]note.Verifier
}

// Add accepts reports signed with the verifier key vkey.
func (k *NodeKeys) Add(vkey string) error {
	v, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return fmt.Errorf("border node key: %w", err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.keys == nil {
		k.keys = map[string]note.Verifier{}
	}
	k.keys[v.Name()] = v
	return nil
}

// Verifier implements note.Verifiers.
func (k *NodeKeys) Verifier(name string, hash uint32) (note.Verifier, error) {
	k.mu.RLock()
	v, ok := k.keys[name]
	k.mu.RUnlock()
	if !ok || v.KeyHash() != hash {
		return nil, &note.UnknownVerifierError{Name: name, KeyHash: hash}
	}
	return v, nil
}

// PublishCheckReport tells the registry, signed, that a check matched
// restrictions. A report published twice is stored once by the exchange
// (within its duplicate window) and by the registry.
func PublishCheckReport(ctx context.Context, js jetstream.JetStream, signer note.Signer, r trex.CheckReport) error {
	data, err := SignCheckReport(r, signer)
	if err != nil {
		return err
	}
	msg := nats.NewMsg(CheckReportSubject(r.Node))
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, r.Node+":"+r.CheckID)
	if _, err := js.PublishMsg(ctx, msg); err != nil {
		return fmt.Errorf("publish check report %s: %w", r.CheckID, err)
	}
	return nil
}

// ConsumeCheckReports delivers verified check reports from all nodes to fn
// through a durable consumer, until ctx ends. A report signed only under
// keys not in keys is held and tried again every unknownKeyRetry, for a
// bounded time; one that
// fails its signature, is signed by another node than the one it names, or
// came on another node's subject, is dropped; one fn fails on is
// redelivered.
func ConsumeCheckReports(ctx context.Context, js jetstream.JetStream, durable string, keys *NodeKeys, log *slog.Logger, fn func(context.Context, trex.CheckReport) error) error {
	cons, err := js.CreateOrUpdateConsumer(ctx, CheckReportsStream, jetstream.ConsumerConfig{
		Durable:       durable,
		AckPolicy:     jetstream.AckExplicitPolicy,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		MaxAckPending: 1000,
	})
	if err != nil {
		return fmt.Errorf("check reports consumer: %w", err)
	}
	cc, err := cons.Consume(func(m jetstream.Msg) {
		r, err := OpenCheckReport(m.Data(), keys)
		var unverified *note.UnverifiedNoteError
		if errors.As(err, &unverified) {
			// Signed under a key the registry has not been given (yet):
			// kept in the stream and tried again, so that the reports of
			// a node whose key is added later are not lost.
			// A bounded wait: held reports count against the consumer's
			// pending limit, and must not stall the others.
			if md, merr := m.Metadata(); merr == nil && md.NumDelivered >= unknownKeyTries {
				log.Error("check report under a key the registry does not know dropped", "subject", m.Subject(), "tries", md.NumDelivered)
				m.Term()
				return
			}
			log.Warn("check report under a key the registry does not know; held until it is given (trex serve --border-key)", "subject", m.Subject())
			m.NakWithDelay(unknownKeyRetry)
			return
		}
		if err != nil {
			log.Warn("check report dropped", "subject", m.Subject(), "err", err)
			m.Term()
			return
		}
		if m.Subject() != CheckReportSubject(r.Node) {
			log.Warn("check report for another node dropped", "subject", m.Subject(), "node", r.Node)
			m.Term()
			return
		}
		if err := fn(ctx, r); err != nil {
			log.Error("record check report", "node", r.Node, "check", r.CheckID, "err", err)
			m.NakWithDelay(time.Second)
			return
		}
		m.Ack()
	})
	if err != nil {
		return fmt.Errorf("consume check reports: %w", err)
	}
	<-ctx.Done()
	cc.Stop()
	return nil
}
