package natsx

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzOpen feeds a border node's envelope verification arbitrary bytes: it
// must refuse or accept, never panic, and accept only what the trusted key
// signed.
func FuzzOpen(f *testing.F) {
	s := NewSigner("court")
	good, _ := s.SealAt(change("court", 1), t0)
	f.Add(good)
	f.Add([]byte(`{"v":2,"authority":"court","key_id":"` + s.ID() + `","payload":"e30=","sig":"AAAA"}`))
	f.Add([]byte(`{"v":1}`))
	f.Add([]byte(`null`))
	tl := trustWith(t0, keyOf(s, t0.Add(-time.Hour), time.Time{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := tl.Open(data)
		if err == nil && (c.Restriction.Authority != "court" || c.Restriction.ID != "R1") {
			t.Fatalf("accepted a change the key never signed: %+v", c.Restriction)
		}
	})
}

// FuzzReadTrustList feeds the trust list reader arbitrary files: it must
// return an error or a list the root key signed, never panic.
func FuzzReadTrustList(f *testing.F) {
	root := NewSigner(RootAuthority)
	dir := f.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := WriteTrustList(good, TrustListBody{Serial: 1, Keys: []TrustedKey{keyOf(NewSigner("court"), t0, time.Time{})}}, root.Key); err != nil {
		f.Fatal(err)
	}
	data, _ := os.ReadFile(good)
	f.Add(data)
	f.Add([]byte(`{"trust_list": {"serial": 1, "keys": [{"public_key": "AAAA"}]}, "signature": "AAAA"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "trust.json")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		body, err := ReadTrustList(p, root.Public())
		if err == nil && body.Serial != 1 {
			t.Fatalf("accepted a list the root never signed: serial %d", body.Serial)
		}
	})
}
