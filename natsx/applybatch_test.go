package natsx

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"trex"
	"trex/border"
	"trex/screening"
	"trex/sqlite"
)

// batchCounter is a border node that notes the size of every batch the
// follower hands it.
type batchCounter struct {
	*border.Node
	mu    sync.Mutex
	sizes []int
}

func (b *batchCounter) ApplyChanges(ctx context.Context, cs []trex.Change) []error {
	b.mu.Lock()
	b.sizes = append(b.sizes, len(cs))
	b.mu.Unlock()
	return b.Node.ApplyChanges(ctx, cs)
}

// TestFollowerAppliesABurstInBatches: a burst sent with many
// acknowledgements in flight reaches a real border node in batches (one
// replica transaction each, receipts sent together), every restriction
// in its last version, and an old version sent again is still refused as
// a replay.
func TestFollowerAppliesABurstInBatches(t *testing.T) {
	ctx, js := embeddedStreams(t, 60*time.Second)
	signer := NewSigner("court")
	tl := NewTrustList()
	tl.Add(TrustedKey{Authority: "court", PublicKey: signer.Public()})
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rmu sync.Mutex
	var receipts []trex.Receipt
	node := &border.Node{ID: "cp", Replica: db, Matcher: screening.New(), Log: quietLog(),
		ReceiptBatch: func(_ context.Context, rcs []trex.Receipt) error {
			rmu.Lock()
			receipts = append(receipts, rcs...)
			rmu.Unlock()
			return nil
		}}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}
	counter := &batchCounter{Node: node}
	runCtx, stop := context.WithCancel(ctx)
	stopped := make(chan struct{})
	f := &Follower{JS: js, Durable: "burst", Trust: tl, Apply: counter, Log: quietLog()}
	go func() { f.Run(runCtx); close(stopped) }()
	defer func() { stop(); <-stopped }()

	pub := &Publisher{JS: js, Signer: signer}
	change := func(i int, v int64, st trex.Status) trex.Change {
		return trex.Change{Restriction: trex.Restriction{ID: fmt.Sprintf("R%04d", i), Authority: "court", Version: v, Status: st,
			ValidFrom: time.Now().Add(-time.Hour), ValidUntil: time.Now().Add(time.Hour),
			Person: trex.Person{Names: []trex.Name{{Surname: "Волков", Given: "Дмитрий"}}, BirthDate: trex.MustPartialDate("1979-11-02")}}}
	}
	const n = 600
	var waits []func() error
	for i := range n {
		waits = append(waits, pub.Send(ctx, change(i, 1, trex.StatusActive)))
		if i%4 == 0 {
			waits = append(waits, pub.Send(ctx, change(i, 2, trex.StatusLifted)))
		}
	}
	for _, w := range waits {
		if err := w(); err != nil {
			t.Fatal(err)
		}
	}
	// Version 1 of a lifted restriction again, under a new message ID.
	old, err := signer.Seal(change(0, 1, trex.StatusActive))
	if err != nil {
		t.Fatal(err)
	}
	if err := PublishRaw(ctx, js, "court", "R0000", "replayed", old); err != nil {
		t.Fatal(err)
	}
	received := func() int {
		rmu.Lock()
		defer rmu.Unlock()
		return len(receipts)
	}
	deadline := time.Now().Add(20 * time.Second)
	// Receipts go out after the node counts a batch applied.
	for node.RefusedFor("replayed") < 1 || node.Stats().Applied < n+n/4 || received() < n+n/4 {
		if time.Now().After(deadline) {
			t.Fatalf("after 20s: %+v", node.Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for i := range n {
		r := node.Restriction(fmt.Sprintf("R%04d", i))
		want := trex.StatusActive
		if i%4 == 0 {
			want = trex.StatusLifted
		}
		if r == nil || r.Status != want {
			t.Fatalf("R%04d at the border: %+v, want %s", i, r, want)
		}
	}
	if got := node.RefusedFor("replayed"); got != 1 {
		t.Errorf("refused %d replays, want 1", got)
	}
	counter.mu.Lock()
	largest := 0
	for _, s := range counter.sizes {
		largest = max(largest, s)
	}
	batches := len(counter.sizes)
	counter.mu.Unlock()
	if largest < 2 || batches >= n {
		t.Errorf("%d batches, the largest of %d changes: the node applied one change at a time", batches, largest)
	}
	rmu.Lock()
	defer rmu.Unlock()
	if len(receipts) != n+n/4 {
		t.Errorf("%d receipts, want %d", len(receipts), n+n/4)
	}
}
