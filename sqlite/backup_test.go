package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trex"
	"trex/sqlite"
)

// TestBackupWhileWriting copies a registry while writers go on: the copy
// opens as a trex database, holds every restriction acknowledged before
// the backup began (and nothing half-written), and the backup refuses to
// overwrite an earlier one.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "registry.db")
	db, err := sqlite.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	create := func(i int64) error {
		return db.CreateRestriction(ctx, &trex.Restriction{
			Person: trex.Person{Names: []trex.Name{{Surname: "Volkov", Given: "Ivan"}}, BirthDate: trex.MustPartialDate("1980-01-02")},
			Kind:   trex.KindCourtOrder, LegalBasis: "Case " + string(rune('A'+i%26)), Authority: "district-court",
			ValidUntil: time.Now().Add(24 * time.Hour),
		})
	}
	for i := range int64(50) {
		if err := create(i); err != nil {
			t.Fatal(err)
		}
	}
	var wrote atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := int64(0); ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := create(i); err != nil {
				t.Error(err)
				return
			}
			wrote.Add(1)
		}
	}()
	for wrote.Load() < 20 {
		time.Sleep(time.Millisecond)
	}
	before := 50 + wrote.Load()
	dst := filepath.Join(dir, "backup", "registry.db")
	os.MkdirAll(filepath.Dir(dst), 0o700)
	if err := sqlite.Backup(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	copyDB, err := sqlite.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	st, err := copyDB.OutboxStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Every restriction made has one outbox row; none was published here.
	if st.Depth < before || st.Depth > 50+wrote.Load() {
		t.Fatalf("backup holds %d changes; %d were made before it began, %d by the end", st.Depth, before, 50+wrote.Load())
	}
	if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file mode: %v %v", fi.Mode(), err)
	}
	if err := sqlite.Backup(ctx, src, dst); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("second backup onto the first: %v, want a refusal", err)
	}
	if err := sqlite.Backup(ctx, filepath.Join(dir, "missing.db"), filepath.Join(dir, "x.db")); err == nil {
		t.Fatal("backup of a missing database succeeded")
	}
}
