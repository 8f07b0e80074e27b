package natsx

import (
	"errors"
	"testing"
	"time"
)

// TestOpenStoredRefusesABackdatedEnvelope: a key retired an hour ago signs
// a change dated inside its old window. The signature and the window check
// pass on the claimed time; the stream's own timestamp gives it away.
func TestOpenStoredRefusesABackdatedEnvelope(t *testing.T) {
	retired := NewSigner("court")
	tl := trustWith(t0, keyOf(retired, t0.Add(-48*time.Hour), t0.Add(-time.Hour)))
	claimed := t0.Add(-2 * time.Hour)
	data, err := retired.SealAt(change("court", 1), claimed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tl.Open(data); err != nil {
		t.Fatalf("the claimed time alone passes the window (that is the gap): %v", err)
	}
	if _, err := tl.OpenStored(data, t0); !errors.Is(err, ErrBackdated) || RefusalCode(err) != "backdated" {
		t.Errorf("stored now, claimed two hours ago: %v, want %v", err, ErrBackdated)
	}
	// Signed when the key was current and stored at once: still good after the key retired.
	if _, err := tl.OpenStored(data, claimed.Add(2*time.Second)); err != nil {
		t.Errorf("stored when it was signed: %v", err)
	}
	// A claim ahead of the stream is as wrong as one behind it.
	if _, err := tl.OpenStored(data, claimed.Add(-MaxStoreSkew-time.Second)); !errors.Is(err, ErrBackdated) {
		t.Errorf("claimed after it was stored: %v, want %v", err, ErrBackdated)
	}
}

// TestFollowerRefusesABackdatedEnvelope publishes, through a real stream,
// one change backdated with a retired key and one signed with the current
// key: the first is refused as backdated and never applied.
func TestFollowerRefusesABackdatedEnvelope(t *testing.T) {
	ctx, js := embeddedStreams(t, 30*time.Second)
	now := time.Now()
	retired, current := NewSigner("court"), NewSigner("court")
	tl := NewTrustList(keyOf(retired, now.Add(-30*24*time.Hour), now.Add(-24*time.Hour)), keyOf(current, now.Add(-24*time.Hour), time.Time{}))
	rec := &recorder{applied: map[string]int64{}}
	f := &Follower{JS: js, Durable: "backdating", Trust: tl, Apply: rec, Log: quietLog()}
	go f.Run(ctx)

	publishActive(ctx, t, js, retired, "R-BACKDATED", now.Add(-25*time.Hour))
	publishActive(ctx, t, js, current, "R-FRESH", time.Now())
	waitAppliedAndRefused(t, rec, "R-FRESH", "R-BACKDATED", ErrBackdated)
}
