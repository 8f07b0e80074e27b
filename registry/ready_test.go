package registry_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/registry"
	"trex/sqlite"
)

func TestOutboxReadyFailsWhenChangesDoNotLeave(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	ready := registry.OutboxReady(db, 30*time.Second, func() time.Time { return now })
	if err := ready(ctx); err != nil {
		t.Fatalf("empty outbox: %v", err)
	}
	r := create(t, db, "bailiff-service")
	if err := ready(ctx); err != nil {
		t.Errorf("a change just made: %v", err)
	}
	pending, _ := db.PendingChanges(ctx, 1)
	if err := db.ParkChange(ctx, pending[0].Seq, "no signing key of bailiff-service is valid now", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Minute)
	err = ready(ctx)
	if trex.ErrorCode(err) != trex.EUNAVAILABLE || !strings.Contains(trex.ErrorMessage(err), "no signing key") {
		t.Errorf("a change of %s parked for 2m: %v, want EUNAVAILABLE with the reason", r.ID, err)
	}
}
