package registry_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"trex"
	"trex/internal/storetest"
	"trex/registry"
	"trex/sqlite"
)

func TestRelayPublishesInOrderAndResumesAfterFailure(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []string
	for i := 0; i < 3; i++ {
		r := storetest.NewRestriction(time.Now().Add(time.Hour))
		if err := db.CreateRestriction(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	var published []string
	failAt := 1 // the exchange is down when the second change is sent
	relay := registry.NewRelay(db, func(ctx context.Context, c trex.Change) error {
		if len(published) == failAt {
			failAt = -1
			return fmt.Errorf("publish: %w", trex.Errorf(trex.EUNAVAILABLE, "exchange unavailable"))
		}
		published = append(published, c.Restriction.ID)
		return nil
	}, slog.New(slog.NewTextHandler(io.Discard, nil)))

	if err := relay.Flush(ctx); err == nil {
		t.Fatal("flush hid the exchange's failure")
	}
	if len(published) != 1 {
		t.Fatalf("published %v before the failure, want only the first", published)
	}
	if pending, _ := db.PendingChanges(ctx, 10); len(pending) != 2 {
		t.Fatalf("pending after failure = %d, want 2", len(pending))
	}
	if err := relay.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if len(published) != 3 || published[0] != ids[0] || published[1] != ids[1] || published[2] != ids[2] {
		t.Errorf("published %v, want %v in order", published, ids)
	}
	if pending, _ := db.PendingChanges(ctx, 10); len(pending) != 0 {
		t.Errorf("still pending: %d", len(pending))
	}
}

func TestExpirerEndsDueRestrictions(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := storetest.NewRestriction(time.Now().Add(time.Hour))
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	kicked := make(chan struct{}, 1)
	later := func() time.Time { return time.Now().Add(2 * time.Hour) }
	exp := &registry.Expirer{Store: db, Now: later, Interval: 10 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), OnExpire: func() { kicked <- struct{}{} }}
	stopped := make(chan struct{})
	go func() { exp.Run(ctx); close(stopped) }()
	// The expirer stops before the database closes and its directory goes.
	defer func() { cancel(); <-stopped }()
	select {
	case <-kicked:
	case <-time.After(2 * time.Second):
		t.Fatal("expirer did not expire a due restriction")
	}
	got, _ := db.FindRestriction(ctx, r.ID)
	if got.Status != trex.StatusExpired {
		t.Errorf("status = %s, want expired", got.Status)
	}
}
