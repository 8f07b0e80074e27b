package natsx

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"trex"
)

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func change(authority string, version int64) trex.Change {
	return trex.Change{Seq: version, At: t0, Restriction: trex.Restriction{
		ID: "R1", Authority: authority, Version: version, Status: trex.StatusActive, Kind: trex.KindCourtOrder,
	}}
}

// trustWith returns a trust list holding keys, with its clock at now.
func trustWith(now time.Time, keys ...TrustedKey) *TrustList {
	tl := NewTrustList(keys...)
	tl.Now = func() time.Time { return now }
	return tl
}

func keyOf(s *Signer, from, until time.Time) TrustedKey {
	return TrustedKey{ID: s.ID(), Authority: s.Authority, PublicKey: s.Public(), NotBefore: from, NotAfter: until}
}

func TestOpenAcceptsAValidEnvelope(t *testing.T) {
	s := NewSigner("court")
	tl := trustWith(t0, keyOf(s, t0.Add(-time.Hour), time.Time{}))
	data, err := s.SealAt(change("court", 3), t0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := tl.Open(data)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if c.Restriction.ID != "R1" || c.Restriction.Version != 3 {
		t.Errorf("opened %+v", c.Restriction)
	}
}

// TestOpenRefusesAttacks tries each way of getting a change past a border
// node's trust list and checks that it is refused for the right reason.
func TestOpenRefusesAttacks(t *testing.T) {
	court, bailiff, rogue := NewSigner("court"), NewSigner("bailiff"), NewSigner("court")
	old, revoked := NewSigner("court"), NewSigner("court")
	revokedKey := keyOf(revoked, t0.Add(-48*time.Hour), time.Time{})
	revokedKey.RevokedAt = t0.Add(-time.Minute)
	tl := trustWith(t0,
		keyOf(court, t0.Add(-time.Hour), time.Time{}),
		keyOf(bailiff, t0.Add(-time.Hour), time.Time{}),
		keyOf(old, t0.Add(-48*time.Hour), t0.Add(-24*time.Hour)), // retired yesterday
		revokedKey,
	)
	seal := func(s *Signer, c trex.Change, at time.Time) []byte {
		t.Helper()
		data, err := s.SealAt(c, at)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	edit := func(data []byte, fn func(*Envelope)) []byte {
		var env Envelope
		if err := json.Unmarshal(data, &env); err != nil {
			t.Fatal(err)
		}
		fn(&env)
		out, _ := json.Marshal(env)
		return out
	}
	good := seal(court, change("court", 2), t0)
	v1 := func() []byte { // the old format: no signed issue time
		payload, _ := json.Marshal(change("court", 2))
		out, _ := json.Marshal(Envelope{Version: 1, Authority: "court", KeyID: court.ID(), Payload: payload, Signature: ed25519.Sign(court.Key, payload)})
		return out
	}()
	// A bailiff key signs a court restriction: Seal refuses, so build it.
	crossAuthority := func() []byte {
		payload, _ := json.Marshal(Sealed{Authority: "bailiff", KeyID: bailiff.ID(), IssuedAt: t0, RestrictionID: "R1", Version: 2, Change: change("court", 2)})
		out, _ := json.Marshal(Envelope{Version: EnvelopeVersion, Authority: "bailiff", KeyID: bailiff.ID(), Payload: payload, Signature: ed25519.Sign(bailiff.Key, signedBytes(envelopeContext, payload))})
		return out
	}()
	// A signature made without the envelope context (e.g. a key misused to
	// sign the bare payload elsewhere) must not verify.
	noContext := edit(good, func(e *Envelope) { e.Signature = ed25519.Sign(court.Key, e.Payload) })

	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"garbage", []byte("not json"), ErrMalformed},
		{"old envelope format without issue time", v1, ErrMalformed},
		{"unsigned", edit(good, func(e *Envelope) { e.Signature = nil }), ErrUnsigned},
		{"unknown key", seal(rogue, change("court", 2), t0), ErrUnknownKey},
		{"tampered payload", edit(good, func(e *Envelope) {
			e.Payload = bytes.Replace(e.Payload, []byte(`"status":"active"`), []byte(`"status":"lifted"`), 1)
		}), ErrBadSignature},
		{"signature without context", noContext, ErrBadSignature},
		{"key id swapped to another trusted key", edit(good, func(e *Envelope) { e.KeyID = bailiff.ID() }), ErrBadSignature},
		{"other authority's key", crossAuthority, ErrWrongAuthority},
		{"revoked key inside its window", seal(revoked, change("court", 2), t0.Add(-time.Hour)), ErrRevokedKey},
		{"retired key after its window", seal(old, change("court", 2), t0), ErrOutsideWindow},
		{"key before its window", seal(court, change("court", 2), t0.Add(-2*time.Hour)), ErrOutsideWindow},
		{"issue time in the future", seal(court, change("court", 2), t0.Add(time.Hour)), ErrFromFuture},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tl.Open(tc.data)
			if !errors.Is(err, tc.want) {
				t.Errorf("Open = %v, want %v", err, tc.want)
			}
			if code := RefusalCode(err); code != RefusalCode(tc.want) || code == "other" {
				t.Errorf("refusal code %q for %v", code, err)
			}
		})
	}
	// A retired key's envelopes signed inside its window stay valid: a new
	// node bootstrapping from the stream still reads them.
	if _, err := tl.Open(seal(old, change("court", 2), t0.Add(-30*time.Hour))); err != nil {
		t.Errorf("envelope signed inside a retired key's window: %v", err)
	}
}

// writeSigned writes body signed by root to a temporary trust list file.
func writeSigned(t *testing.T, body TrustListBody, root ed25519.PrivateKey) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "trust.json")
	if err := WriteTrustList(path, body, root); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTrustListFileRefusesTamperingAndOtherRoots(t *testing.T) {
	root, other := NewSigner(RootAuthority), NewSigner(RootAuthority)
	court, rogue := NewSigner("court"), NewSigner("court")
	body := TrustListBody{Serial: 3, IssuedAt: t0, Keys: []TrustedKey{keyOf(court, t0, time.Time{})}}
	path := writeSigned(t, body, root.Key)

	got, err := ReadTrustList(path, root.Public())
	if err != nil {
		t.Fatalf("read signed list: %v", err)
	}
	if got.Serial != 3 || len(got.Keys) != 1 || got.Keys[0].ID != court.ID() {
		t.Fatalf("read %+v", got)
	}

	data, _ := os.ReadFile(path)
	// Attack: add a rogue key to the signed list.
	var f trustFile
	json.Unmarshal(data, &f)
	var b TrustListBody
	json.Unmarshal(f.TrustList, &b)
	b.Keys = append(b.Keys, keyOf(rogue, t0, time.Time{}))
	f.TrustList, _ = json.Marshal(b)
	tampered, _ := json.Marshal(f)
	// Attack: strip the signature; sign with another root; old unsigned format.
	f.Signature = nil
	unsigned, _ := json.Marshal(f)
	legacy, _ := json.Marshal(map[string]any{"keys": []TrustedKey{keyOf(rogue, t0, time.Time{})}})
	otherPath := writeSigned(t, body, other.Key)
	otherData, _ := os.ReadFile(otherPath)
	// Whitespace-only edits change nothing signed and must still verify.
	reindented := bytes.ReplaceAll(data, []byte("\n"), []byte("\n  "))

	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"rogue key added", tampered, ErrTrustBadSignature},
		{"signature stripped", unsigned, ErrTrustUnsigned},
		{"old unsigned format", legacy, ErrTrustUnsigned},
		{"signed by another root", otherData, ErrTrustBadSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "trust.json")
			os.WriteFile(p, tc.data, 0o644)
			if _, err := ReadTrustList(p, root.Public()); !errors.Is(err, tc.want) {
				t.Errorf("ReadTrustList = %v, want %v", err, tc.want)
			}
		})
	}
	p := filepath.Join(t.TempDir(), "trust.json")
	os.WriteFile(p, reindented, 0o644)
	if _, err := ReadTrustList(p, root.Public()); err != nil {
		t.Errorf("re-indented list: %v", err)
	}
	os.WriteFile(p, []byte(`{"trust_list": {"serial": `), 0o644)
	if _, err := ReadTrustList(p, root.Public()); err == nil {
		t.Error("truncated list accepted")
	}
}

func TestTrustFileReloadsAndRefusesRollback(t *testing.T) {
	root := NewSigner(RootAuthority)
	k1, k2 := NewSigner("court"), NewSigner("court")
	v1 := TrustListBody{Serial: 1, IssuedAt: t0, Keys: []TrustedKey{keyOf(k1, t0.Add(-time.Hour), time.Time{})}}
	path := writeSigned(t, v1, root.Key)
	tl := trustWith(t0)
	w := &TrustFile{Path: path, Root: root.Public(), Trust: tl, SerialPath: filepath.Join(t.TempDir(), "serial")}
	if err := w.Load(); err != nil {
		t.Fatal(err)
	}
	sealed, _ := k1.SealAt(change("court", 1), t0)
	if _, err := tl.Open(sealed); err != nil {
		t.Fatalf("before revocation: %v", err)
	}

	// Revoke k1 and add k2: the reload takes effect at once.
	v2, err := Revoke(Rotate(v1, "court", k2.Public(), t0, 0, time.Hour), k1.ID(), "key leaked", t0)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Serial != 3 {
		t.Fatalf("serial after rotate and revoke = %d, want 3", v2.Serial)
	}
	if err := WriteTrustList(path, v2, root.Key); err != nil {
		t.Fatal(err)
	}
	if !w.changed() {
		t.Fatal("watcher did not notice the rewritten file")
	}
	if err := w.Load(); err != nil {
		t.Fatal(err)
	}
	if _, err := tl.Open(sealed); !errors.Is(err, ErrRevokedKey) {
		t.Errorf("after revocation: %v, want %v", err, ErrRevokedKey)
	}
	fresh, _ := k2.SealAt(change("court", 2), t0)
	if _, err := tl.Open(fresh); err != nil {
		t.Errorf("new key after rotation: %v", err)
	}

	// Attack: put back the old, validly signed list to un-revoke k1.
	if err := WriteTrustList(path, v1, root.Key); err != nil {
		t.Fatal(err)
	}
	if err := w.Load(); !errors.Is(err, ErrTrustRollback) {
		t.Errorf("rollback: %v, want %v", err, ErrTrustRollback)
	}
	if _, err := tl.Open(sealed); !errors.Is(err, ErrRevokedKey) {
		t.Errorf("after refused rollback: %v, want the revocation to stand", err)
	}
	// Attack: roll back while the node is down; a restarted node that
	// recorded its serial refuses the old list too.
	restarted := &TrustFile{Path: path, Root: root.Public(), Trust: trustWith(t0), SerialPath: w.SerialPath}
	if err := restarted.Load(); !errors.Is(err, ErrTrustRollback) {
		t.Errorf("rollback across a restart: %v, want %v", err, ErrTrustRollback)
	}
	// Attack: a tampered file; the list in force stays.
	os.WriteFile(path, []byte(strings.Repeat("x", 10)), 0o644)
	if err := w.Load(); err == nil {
		t.Error("garbage trust list loaded")
	}
	if tl.Serial() != 3 {
		t.Errorf("serial %d after refused loads, want 3", tl.Serial())
	}
}

func TestRotateKeepsOldKeyForTheOverlap(t *testing.T) {
	k1, k2 := NewSigner("court"), NewSigner("court")
	body := TrustListBody{Serial: 1, Keys: []TrustedKey{keyOf(k1, t0.Add(-time.Hour), time.Time{})}}
	out := Rotate(body, "court", k2.Public(), t0, 10*time.Minute, 24*time.Hour)
	tl := trustWith(t0.Add(48*time.Hour), out.Keys...)
	ring := &Keyring{signers: map[string]*Signer{k1.ID(): k1, k2.ID(): k2}}
	for _, tc := range []struct {
		at   time.Time
		want *Signer
	}{
		{t0, k1},                       // new key not yet active
		{t0.Add(10 * time.Minute), k2}, // switched
		{t0.Add(10*time.Minute + 23*time.Hour), k2}, // old key still valid, new preferred
	} {
		s, err := ring.Current("court", tl, tc.at)
		if err != nil {
			t.Errorf("Current at %v: %v", tc.at, err)
		} else if s != tc.want {
			t.Errorf("Current at %v = %s, want %s", tc.at, s.ID(), tc.want.ID())
		}
	}
	old := func(at time.Time) error {
		data, _ := k1.SealAt(change("court", 1), at)
		_, err := tl.Open(data)
		return err
	}
	if err := old(t0.Add(10*time.Minute + 23*time.Hour)); err != nil {
		t.Errorf("old key inside the overlap: %v", err)
	}
	if err := old(t0.Add(10*time.Minute + 25*time.Hour)); !errors.Is(err, ErrOutsideWindow) {
		t.Errorf("old key after the overlap: %v, want %v", err, ErrOutsideWindow)
	}
	if _, err := Revoke(out, "nope", "", t0); err == nil {
		t.Error("revoked a key that is not on the list")
	}
}

func TestTrustFileReloadsOnSignalAndOnChange(t *testing.T) {
	root := NewSigner(RootAuthority)
	k1, k2 := NewSigner("court"), NewSigner("court")
	v1 := TrustListBody{Serial: 1, Keys: []TrustedKey{keyOf(k1, t0, time.Time{})}}
	path := writeSigned(t, v1, root.Key)
	tl := NewTrustList()
	w := &TrustFile{Path: path, Root: root.Public(), Trust: tl, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Interval: time.Hour}
	if err := w.Load(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hup := make(chan os.Signal, 1)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, hup) }()

	// With polling an hour away, only the signal reloads.
	if err := WriteTrustList(path, Rotate(v1, "court", k2.Public(), t0.Add(time.Hour), 0, 0), root.Key); err != nil {
		t.Fatal(err)
	}
	hup <- syscall.SIGHUP
	if !waitUntil(3*time.Second, func() bool { return tl.Serial() == 2 }) {
		t.Fatalf("serial %d after SIGHUP, want 2", tl.Serial())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	// Polling picks up a change by itself.
	w.Interval = 20 * time.Millisecond
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	go w.Run(ctx2, nil)
	v3, err := Revoke(Rotate(v1, "court", k2.Public(), t0.Add(time.Hour), 0, 0), k1.ID(), "", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteTrustList(path, v3, root.Key); err != nil {
		t.Fatal(err)
	}
	if !waitUntil(3*time.Second, func() bool { return tl.Serial() == 3 }) {
		t.Fatalf("serial %d after the file changed, want 3", tl.Serial())
	}
}
