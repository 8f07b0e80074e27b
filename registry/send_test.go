package registry_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"trex"
	"trex/border"
	"trex/registry"
	"trex/screening"
	"trex/sqlite"
)

// exchange is an in-process stand-in for the stream's acknowledgements:
// Send hands a change to a goroutine that applies it to a real border node
// after a delay, so that many are in flight at once, as with JetStream.
type exchange struct {
	node *border.Node
	mu   sync.Mutex
	// applied are the versions the node took, per restriction, in order.
	applied        map[string][]int64
	inFlight, peak int
	fail           func(trex.Change) error
	last           chan struct{} // serialises application in send order
}

func (x *exchange) send(ctx context.Context, c trex.Change) func() error {
	x.mu.Lock()
	x.inFlight++
	x.peak = max(x.peak, x.inFlight)
	prev, mine := x.last, make(chan struct{})
	x.last = mine
	x.mu.Unlock()
	done := make(chan error, 1)
	go func() {
		time.Sleep(2 * time.Millisecond)
		<-prev // the stream stores in the order sent
		var err error
		if x.fail != nil {
			err = x.fail(c)
		}
		if err == nil {
			err = x.node.ApplyChange(ctx, c)
			if err == nil {
				x.mu.Lock()
				x.applied[c.Restriction.ID] = append(x.applied[c.Restriction.ID], c.Restriction.Version)
				x.mu.Unlock()
			}
		}
		x.mu.Lock()
		x.inFlight--
		x.mu.Unlock()
		close(mine)
		done <- err
	}()
	return func() error { return <-done }
}

// TestRelaySendsManyAtOnceInOrderPerRestriction: with Send the relay keeps
// many changes awaiting acknowledgement, yet every restriction's versions
// reach the border in order, a change that cannot be signed is parked
// while the rest flow, and Published hears of each accepted change once.
func TestRelaySendsManyAtOnceInOrderPerRestriction(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rdb, err := sqlite.Open(filepath.Join(t.TempDir(), "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	node := &border.Node{ID: "cp", Replica: rdb, Matcher: screening.New(), Log: quiet()}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}
	x := &exchange{node: node, applied: map[string][]int64{}, last: make(chan struct{})}
	close(x.last)
	x.fail = func(c trex.Change) error {
		if c.Restriction.Authority == "bailiff-service" {
			return errors.New("no signing key of bailiff-service is valid now")
		}
		return nil
	}
	relay := registry.NewRelay(db, nil, quiet())
	relay.Send = x.send
	told := map[int64]int{}
	relay.Published = func(_ context.Context, cs []trex.Change) error {
		for _, c := range cs {
			told[c.Seq]++
		}
		return nil
	}
	var lifted []string
	for i := range 300 {
		r := create(t, db, "district-court")
		if i%3 == 0 { // a lift queued right behind its create
			if _, err := db.LiftRestriction(ctx, r.ID, "appeal granted"); err != nil {
				t.Fatal(err)
			}
			lifted = append(lifted, r.ID)
		}
	}
	stuck := create(t, db, "bailiff-service")
	if _, err := db.LiftRestriction(ctx, stuck.ID, "paid"); err != nil {
		t.Fatal(err)
	}
	if err := relay.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if x.peak < 10 {
		t.Errorf("at most %d changes were in flight at once; the relay waited for each", x.peak)
	}
	for _, id := range lifted {
		if v := x.applied[id]; len(v) != 2 || v[0] != 1 || v[1] != 2 {
			t.Errorf("restriction %s reached the border as versions %v, want [1 2]", id, v)
		}
		if got := node.Restriction(id); got == nil || got.Status != trex.StatusLifted {
			t.Errorf("restriction %s at the border: %+v, want lifted", id, got)
		}
	}
	if n := node.RefusedFor("replayed"); n != 0 {
		t.Errorf("%d changes refused as replays", n)
	}
	if node.Restriction(stuck.ID) != nil {
		t.Error("a change that could not be signed reached the border")
	}
	st, err := db.OutboxStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Depth != 2 || st.Parked != 1 {
		t.Errorf("outbox = %+v, want the parked create and the lift behind it", st)
	}
	if len(told) != 400 {
		t.Errorf("Published heard of %d changes, want the 400 accepted", len(told))
	}
	for seq, n := range told {
		if n != 1 {
			t.Errorf("Published heard of change %d %d times", seq, n)
		}
	}
}

// TestRelayWithSendStopsWhenTheExchangeIsDown: changes the exchange did
// not acknowledge stay in the outbox; those it did are marked, and the
// pass reports the exchange as unreachable.
func TestRelayWithSendStopsWhenTheExchangeIsDown(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for range 20 {
		create(t, db, "district-court")
	}
	sent := 0
	relay := registry.NewRelay(db, nil, quiet())
	relay.Send = func(_ context.Context, c trex.Change) func() error {
		sent++
		n := sent
		return func() error {
			if n > 5 {
				return trex.Errorf(trex.EUNAVAILABLE, "the exchange is unreachable")
			}
			return nil
		}
	}
	if err := relay.Flush(ctx); trex.ErrorCode(err) != trex.EUNAVAILABLE {
		t.Fatalf("flush with the exchange down: %v, want EUNAVAILABLE", err)
	}
	st, _ := db.OutboxStats(ctx)
	if st.Depth != 15 || st.Parked != 0 {
		t.Errorf("outbox = %+v, want the 15 unacknowledged changes waiting, none parked", st)
	}
}
