package natsx

import (
	"context"
	"crypto/rand"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/mod/sumdb/note"

	"trex"
)

// nodeKey makes border node id's signing key and its verifier key text.
func nodeKey(t *testing.T, id string) (note.Signer, string) {
	t.Helper()
	skey, vkey, err := note.GenerateKey(rand.Reader, NodeKeyName(id))
	if err != nil {
		t.Fatal(err)
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return s, vkey
}

// TestCheckReportsReachTheRegistrySignedAndForgeriesAreDropped sends a
// border node's report of a matched check to the registry's consumer, with
// forgeries around it: a report signed by a key the registry does not
// know, one naming another node than its signer, one sent on another
// node's subject, and one altered after signing. Only the genuine reports
// arrive.
func TestCheckReportsReachTheRegistrySignedAndForgeriesAreDropped(t *testing.T) {
	ctx, js := embeddedStreams(t, 30*time.Second)
	defer func(d time.Duration) { unknownKeyRetry = d }(unknownKeyRetry)
	unknownKeyRetry = 200 * time.Millisecond
	cp1, cp1Pub := nodeKey(t, "cp-1")
	cp2, cp2Pub := nodeKey(t, "cp-2")
	stranger, strangerPub := nodeKey(t, "cp-3")
	keys := &NodeKeys{}
	for _, k := range []string{cp1Pub, cp2Pub} {
		if err := keys.Add(k); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var got []trex.CheckReport
	log := quietLog()
	go ConsumeCheckReports(ctx, js, RegistryCheckReportsDurable, keys, log, func(_ context.Context, r trex.CheckReport) error {
		mu.Lock()
		got = append(got, r)
		mu.Unlock()
		return nil
	})

	at := time.Date(2026, 6, 1, 8, 30, 0, 123, time.UTC)
	raw := func(subject string, data []byte) {
		t.Helper()
		if _, err := js.PublishMsg(ctx, &nats.Msg{Subject: subject, Data: data, Header: nats.Header{}}); err != nil {
			t.Fatal(err)
		}
	}
	sign := func(r trex.CheckReport, s note.Signer) []byte {
		t.Helper()
		data, err := SignCheckReport(r, s)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	genuine := trex.CheckReport{Node: "cp-1", CheckID: "CGENUINE", At: at, RestrictionIDs: []string{"R1", "R2"}}
	raw(CheckReportSubject("cp-3"), sign(trex.CheckReport{Node: "cp-3", CheckID: "CUNKNOWN", At: at, RestrictionIDs: []string{"R1"}}, stranger))
	raw(CheckReportSubject("cp-1"), sign(trex.CheckReport{Node: "cp-1", CheckID: "CIMPOSTOR", At: at, RestrictionIDs: []string{"R1"}}, cp2))
	raw(CheckReportSubject("cp-2"), sign(trex.CheckReport{Node: "cp-1", CheckID: "CWRONGSUBJECT", At: at, RestrictionIDs: []string{"R1"}}, cp1))
	raw(CheckReportSubject("cp-1"), []byte(strings.Replace(string(sign(genuine, cp1)), "restriction R2", "restriction R9", 1)))
	raw(CheckReportSubject("cp-1"), []byte("check CPLAIN matched R1\n"))
	for range 2 {
		if err := PublishCheckReport(ctx, js, cp1, genuine); err != nil {
			t.Fatal(err)
		}
	}
	last := trex.CheckReport{Node: "cp-2", CheckID: "CLAST", At: at, RestrictionIDs: []string{"R3"}}
	if err := PublishCheckReport(ctx, js, cp2, last); err != nil {
		t.Fatal(err)
	}
	waitReports := func(n int) []trex.CheckReport {
		deadline := time.Now().Add(10 * time.Second)
		for {
			mu.Lock()
			out := slices.Clone(got)
			mu.Unlock()
			if len(out) >= n || time.Now().After(deadline) {
				return out
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	seen := waitReports(2)
	time.Sleep(500 * time.Millisecond) // the unknown key's report is retried meanwhile
	seen = waitReports(len(seen))
	if len(seen) != 2 || seen[0].Node != "cp-1" || seen[0].CheckID != "CGENUINE" || !seen[0].At.Equal(at) ||
		!slices.Equal(seen[0].RestrictionIDs, []string{"R1", "R2"}) || seen[1].CheckID != "CLAST" {
		t.Fatalf("registry received %+v; want the genuine report once, then the last", seen)
	}
	if n := streamCount(t, js, CheckReportsStream); n != 7 {
		t.Errorf("stream holds %d reports; want 7 (the duplicate kept once)", n)
	}
	// The node whose key the registry did not have is not lost: once its
	// key is given, its held report arrives.
	if err := keys.Add(strangerPub); err != nil {
		t.Fatal(err)
	}
	seen = waitReports(3)
	if len(seen) != 3 || seen[2].CheckID != "CUNKNOWN" || seen[2].Node != "cp-3" {
		t.Fatalf("after the key was given the registry received %+v; want CUNKNOWN too", seen)
	}
}

func streamCount(t *testing.T, js jetstream.JetStream, name string) uint64 {
	t.Helper()
	s, err := js.Stream(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}
