package border_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"trex"
	"trex/border"
	"trex/screening"
	"trex/sqlite"
)

// TestNodeShowsRecordsFromItsReplica: the node keeps only what matching
// and its sweeps need in memory; a record it shows is read in full from
// the replica, follows the replica's newest version, and is gone once
// purged. A look-alike ID finds nothing.
func TestNodeShowsRecordsFromItsReplica(t *testing.T) {
	ctx := context.Background()
	until := time.Now().Add(24 * time.Hour)
	n, _ := openNode(t, t.TempDir(), time.Now)
	r := restriction(1, trex.StatusActive, until)
	if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
		t.Fatal(err)
	}
	got := n.Restriction("R1")
	if got == nil || got.Person.Names[0].Surname != "Волков" || got.LegalBasis != "x" || !n.Holds("R1") {
		t.Fatalf("R1 shown as %+v", got)
	}
	lifted := restriction(2, trex.StatusLifted, until)
	lifted.LegalBasis = "y"
	if err := n.ApplyChange(ctx, trex.Change{Restriction: lifted}); err != nil {
		t.Fatal(err)
	}
	if got := n.Restriction("R1"); got == nil || got.Version != 2 || got.Status != trex.StatusLifted || got.LegalBasis != "y" {
		t.Errorf("after the lift R1 shown as %+v", got)
	}
	for _, id := range []string{"R１", "r1", "R1\x00", ""} {
		if n.Restriction(id) != nil || n.Holds(id) {
			t.Errorf("%q is shown", id)
		}
	}
	tomb := lifted.Tombstone(time.Now())
	if err := n.ApplyChange(ctx, trex.Change{Restriction: tomb}); err != nil {
		t.Fatal(err)
	}
	if n.Restriction("R1") != nil || n.Holds("R1") || n.Stats().Restrictions != 0 {
		t.Errorf("purged R1 still shown: %+v", n.Restriction("R1"))
	}
}

// TestNodeRefusesToStartOnACorruptReplica: an entry of the replica that
// does not decode stops the start with an error naming the replica,
// rather than serving an index that silently lacks a person.
func TestNodeRefusesToStartOnACorruptReplica(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	n, db := openNode(t, dir, time.Now)
	for i := range 1500 {
		r := restriction(1, trex.StatusActive, time.Now().Add(time.Hour))
		r.ID = fmt.Sprintf("R%d", i)
		if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	raw, err := sql.Open("sqlite", filepath.Join(dir, "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE replica SET body = '{"id": 7' WHERE id = 'R777'`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db2, err := sqlite.Open(filepath.Join(dir, "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	n2 := &border.Node{ID: "t2", Replica: db2, Matcher: screening.New(), Log: n.Log}
	err = n2.Open(ctx)
	if err == nil || !strings.Contains(err.Error(), "load replica") {
		t.Errorf("start on a corrupt replica: %v", err)
	}
}

// BenchmarkNodeOpen starts a node from a replica of b.N restrictions
// (decoded on every core) and reports the start time and the heap the
// node keeps per restriction.
func BenchmarkNodeOpen(b *testing.B) {
	ctx := context.Background()
	const records = 20000
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "border.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rs := make([]*trex.Restriction, records)
	for i := range rs {
		r := restriction(1, trex.StatusActive, time.Now().Add(time.Hour))
		r.ID = fmt.Sprintf("R%07d", i)
		r.Person.Names[0].Surname = fmt.Sprintf("Волков%d", i)
		r.Person.Documents[0].Number = fmt.Sprintf("75%07d", i)
		rs[i] = &r
	}
	if _, err := db.ApplyRestrictions(ctx, rs); err != nil {
		b.Fatal(err)
	}
	var heap float64
	b.ResetTimer()
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		n := &border.Node{ID: "b", Replica: db, Matcher: screening.New(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		if err := n.Open(ctx); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapAlloc-before.HeapAlloc) / records
		runtime.KeepAlive(n)
	}
	b.ReportMetric(heap, "heap-B/restriction")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/records, "µs/restriction")
}

// TestHeldEntriesDecideAsTheRecordDoes: what the node keeps of a
// restriction decides in force and ended exactly as the full record does,
// at the edges of its window, for every status (an unknown one included)
// and for dates outside what nanoseconds hold.
func TestHeldEntriesDecideAsTheRecordDoes(t *testing.T) {
	ctx := context.Background()
	base := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	now := base
	n, _ := openNode(t, t.TempDir(), func() time.Time { return now })
	n.Retention = time.Hour
	var rs []trex.Restriction
	for i, st := range []trex.Status{trex.StatusActive, trex.StatusLifted, trex.StatusExpired, trex.StatusScheduled, "frozen"} {
		for j, w := range [][2]time.Time{{base, base.Add(time.Hour)}, {base.Add(-time.Hour), base}, {time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}} {
			r := restriction(1, st, w[1])
			r.ID, r.ValidFrom, r.UpdatedAt = fmt.Sprintf("R%d-%d", i, j), w[0], base.Add(-30*time.Minute)
			rs = append(rs, r)
			if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, at := range []time.Time{base.Add(-time.Nanosecond), base, base.Add(time.Hour - time.Nanosecond), base.Add(time.Hour)} {
		now = at
		for _, r := range rs {
			got := false
			d, err := n.Check(ctx, r.Person)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range d.Matches {
				got = got || m.RestrictionID == r.ID
			}
			if want := r.InForce(at); got != want {
				t.Errorf("%s (%s) at %s: matched %v, in force %v", r.ID, r.Status, at, got, want)
			}
		}
	}
	now = base.Add(time.Hour + 30*time.Minute)
	if _, err := n.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		at, ended := time.Time{}, false
		switch {
		case r.Status == trex.StatusLifted:
			at, ended = r.UpdatedAt, true
		case r.Status == trex.StatusExpired, !now.Before(r.ValidUntil):
			at, ended = r.ValidUntil, true
		}
		wantGone := ended && !now.Before(at.Add(time.Hour))
		if gone := !n.Holds(r.ID); gone != wantGone {
			t.Errorf("%s (%s): purged %v, want %v", r.ID, r.Status, gone, wantGone)
		}
	}
}
