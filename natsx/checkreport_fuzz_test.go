package natsx

import (
	"crypto/rand"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"trex"
)

// FuzzOpenCheckReport feeds the registry's reader of border nodes' check
// reports arbitrary bytes, as anyone on the exchange could send: it never
// panics, and what it accepts was signed by the node it names.
func FuzzOpenCheckReport(f *testing.F) {
	skey, vkey, err := note.GenerateKey(rand.Reader, NodeKeyName("gate-1"))
	if err != nil {
		f.Fatal(err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		f.Fatal(err)
	}
	keys := &NodeKeys{}
	if err := keys.Add(vkey); err != nil {
		f.Fatal(err)
	}
	genuine, err := SignCheckReport(trex.CheckReport{Node: "gate-1", CheckID: "C1", At: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC),
		RestrictionIDs: []string{"R1", "R2"}}, signer)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(genuine)
	f.Add([]byte("trex check report v1\nnode gate-1\ncheck C1\n\n— gate-1 AAAA\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, msg []byte) {
		r, err := OpenCheckReport(msg, keys)
		if err != nil {
			return
		}
		if r.Node != "gate-1" {
			t.Fatalf("a report of node %q was accepted under gate-1's key", r.Node)
		}
	})
}
