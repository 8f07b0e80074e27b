package registry_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"trex"
	"trex/border"
	"trex/internal/storetest"
	"trex/registry"
	"trex/screening"
	"trex/sqlite"
)

// clock is a settable test clock shared by the store and the relay.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func create(t *testing.T, db *sqlite.DB, authority string) *trex.Restriction {
	t.Helper()
	r := storetest.NewRestriction(time.Now().Add(24 * time.Hour))
	r.Authority = authority
	if err := db.CreateRestriction(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRelayParksAChangeItCannotSignAndTheRestFlow: one authority's key is
// gone; its changes are parked and retried with backoff, every other
// authority's creates and lifts reach the border node meanwhile, and once
// the key is back the parked restriction's versions arrive in order, none
// refused as a replay.
func TestRelayParksAChangeItCannotSignAndTheRestFlow(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Now()}
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = clk.Now
	rdb, err := sqlite.Open(filepath.Join(t.TempDir(), "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	var receipts []trex.Receipt
	node := &border.Node{ID: "cp", Replica: rdb, Matcher: screening.New(), Log: quiet(),
		Receipts: func(_ context.Context, rc trex.Receipt) error { receipts = append(receipts, rc); return nil }}
	if err := node.Open(ctx); err != nil {
		t.Fatal(err)
	}

	keyless := true // the bailiff service's key was revoked after its restriction was accepted
	attempts := 0
	relay := registry.NewRelay(db, func(ctx context.Context, c trex.Change) error {
		if c.Restriction.Authority == "bailiff-service" {
			attempts++
			if keyless {
				return errors.New("no signing key of bailiff-service is valid now")
			}
		}
		err := node.ApplyChange(ctx, c)
		if errors.Is(err, trex.ErrReplayed) {
			node.RefuseEnvelope(ctx, "", err)
		}
		return err
	}, quiet())
	relay.Now = clk.Now

	stuck := create(t, db, "bailiff-service")
	court := create(t, db, "district-court")
	if _, err := db.LiftRestriction(ctx, stuck.ID, "paid"); err != nil { // v2 queued behind the parked v1
		t.Fatal(err)
	}
	if _, err := db.LiftRestriction(ctx, court.ID, "appeal granted"); err != nil {
		t.Fatal(err)
	}
	military := create(t, db, "mil-registration")

	if err := relay.Flush(ctx); err != nil {
		t.Fatalf("flush with a parked change: %v", err)
	}
	if got := node.Restriction(court.ID); got == nil || got.Status != trex.StatusLifted {
		t.Fatalf("the court's lift did not reach the border past the parked change: %+v", got)
	}
	if node.Restriction(military.ID) == nil {
		t.Fatal("a later create did not reach the border past the parked change")
	}
	if node.Restriction(stuck.ID) != nil {
		t.Fatal("a change that could not be signed reached the border")
	}
	st, err := db.OutboxStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Depth != 2 || st.Parked != 1 || st.ParkedReason == "" {
		t.Errorf("outbox stats = %+v; want the parked v1 and the v2 behind it, with the reason", st)
	}

	// Before the backoff has passed nothing is retried (no 50ms hammering).
	before := attempts
	for i := 0; i < 5; i++ {
		if err := relay.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if attempts != before {
		t.Errorf("retried %d times before the backoff passed", attempts-before)
	}
	clk.Add(1100 * time.Millisecond)
	if err := relay.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if attempts != before+1 {
		t.Errorf("after the backoff: %d attempts, want one retry", attempts-before)
	}
	if st, _ := db.OutboxStats(ctx); st.Parked != 1 {
		t.Errorf("still failing: parked = %d", st.Parked)
	}
	pending, _ := db.PendingChanges(ctx, 10)
	if len(pending) != 0 {
		t.Errorf("pending right after a failed retry: %+v; the backoff must grow", pending)
	}

	keyless = false // the key is rotated in
	clk.Add(3 * time.Second)
	if err := relay.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := node.Restriction(stuck.ID); got == nil || got.Version != 2 || got.Status != trex.StatusLifted {
		t.Fatalf("after the key came back the border holds %+v; want v2, lifted", got)
	}
	if n := node.RefusedFor("replayed"); n != 0 {
		t.Errorf("%d versions refused as replays: a later version overtook a parked one", n)
	}
	var versions []int64
	for _, rc := range receipts {
		if rc.RestrictionID == stuck.ID {
			versions = append(versions, rc.Version)
		}
	}
	if len(versions) != 2 || versions[0] != 1 || versions[1] != 2 {
		t.Errorf("border applied the parked restriction's versions %v, want [1 2] in order", versions)
	}
	if st, _ := db.OutboxStats(ctx); st.Depth != 0 || st.Parked != 0 {
		t.Errorf("outbox after recovery = %+v, want empty", st)
	}
}

// TestServiceRefusesWhatItsAuthorityCannotSign: a create (or lift) for an
// authority that cannot sign now is refused with the reason, and stores
// nothing that would wait in the outbox.
func TestServiceRefusesWhatItsAuthorityCannotSign(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	signable := map[string]bool{"district-court": true}
	svc := &registry.Service{RestrictionService: db, Relay: registry.NewRelay(db, nil, quiet()),
		CanSign: func(a string) error {
			if !signable[a] {
				return trex.Errorf(trex.EUNAVAILABLE, "authority %s cannot sign changes now", a)
			}
			return nil
		}}
	r := storetest.NewRestriction(time.Now().Add(time.Hour))
	r.Authority = "bailiff-service"
	if err := svc.CreateRestriction(ctx, r); trex.ErrorCode(err) != trex.EUNAVAILABLE {
		t.Fatalf("create for an authority that cannot sign: %v, want EUNAVAILABLE", err)
	}
	if st, _ := db.OutboxStats(ctx); st.Depth != 0 {
		t.Fatalf("a refused create left %d changes in the outbox", st.Depth)
	}
	ok := storetest.NewRestriction(time.Now().Add(time.Hour))
	if err := svc.CreateRestriction(ctx, ok); err != nil {
		t.Fatal(err)
	}
	signable["district-court"] = false // its key is revoked
	if _, err := svc.LiftRestriction(ctx, ok.ID, "appeal granted"); trex.ErrorCode(err) != trex.EUNAVAILABLE {
		t.Errorf("lift for an authority that cannot sign: %v, want EUNAVAILABLE", err)
	}
	if got, _ := db.FindRestriction(ctx, ok.ID); got.Status != trex.StatusActive {
		t.Errorf("refused lift changed the restriction to %s", got.Status)
	}
}
