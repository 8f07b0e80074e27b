package border_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"trex"
	"trex/bench"
	"trex/border"
	"trex/screening"
	"trex/sqlite"
)

// snapNode opens a node on the replica in dir with its snapshot beside it.
func snapNode(t testing.TB, db *sqlite.DB, dir string, now time.Time) *border.Node {
	t.Helper()
	n := &border.Node{ID: "s", Replica: db, Matcher: screening.New(), Now: func() time.Time { return now },
		Snapshot: filepath.Join(dir, "border.snapshot"), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := n.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	return n
}

// snapReplica fills a replica with k restrictions of a synthetic register,
// some lifted and some not yet in force, and returns it, its directory
// and the register.
func snapReplica(t testing.TB, k int, now time.Time) (*sqlite.DB, string, []trex.Person) {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "border.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	people := bench.Register(5, k)
	n := snapNode(t, db, dir, now)
	var cs []trex.Change
	for i, p := range people {
		r := trex.Restriction{ID: bench.RegisterID(i), Version: 1, Status: trex.StatusActive, Kind: trex.KindCourtOrder,
			LegalBasis: "x", Authority: "court", ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(24 * time.Hour), Person: p}
		switch i % 7 {
		case 1:
			r.Status, r.UpdatedAt = trex.StatusLifted, now.Add(-time.Minute)
		case 2:
			r.ValidFrom = now.Add(time.Hour)
		}
		cs = append(cs, trex.Change{Restriction: r})
	}
	for _, err := range n.ApplyChanges(context.Background(), cs) {
		if err != nil {
			t.Fatal(err)
		}
	}
	return db, dir, people
}

// decisions are the node's answers to checks of a sample of the register.
func decisions(t *testing.T, n *border.Node, people []trex.Person) []*trex.Decision {
	t.Helper()
	qs := bench.Queries(people, 3, 120, 0.3)
	var out []*trex.Decision
	for _, q := range qs {
		d, err := n.Check(context.Background(), q.Person)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// TestNodeStartsFromItsSnapshot: a node restarting on an unchanged
// replica loads its snapshot and answers every check, holds and counts
// exactly as the node that wrote it; the file is its owner's only.
func TestNodeStartsFromItsSnapshot(t *testing.T) {
	now := time.Now()
	db, dir, people := snapReplica(t, 700, now)
	first := snapNode(t, db, dir, now)
	if first.StartedFromSnapshot() {
		t.Fatal("started from a snapshot never written")
	}
	if err := first.WriteSnapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(first.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("snapshot mode %v, want 0600", fi.Mode().Perm())
	}
	second := snapNode(t, db, dir, now)
	if !second.StartedFromSnapshot() {
		t.Fatal("a valid snapshot of the current replica was not used")
	}
	a, b := first.Stats(), second.Stats()
	if a.Restrictions != b.Restrictions || a.Indexed != b.Indexed || a.Indexed == 0 {
		t.Fatalf("stats differ: %+v vs %+v", a, b)
	}
	want, got := decisions(t, first, people), decisions(t, second, people)
	hits := 0
	for i := range want {
		hits += len(want[i].Matches)
		if !reflect.DeepEqual(want[i], got[i]) {
			t.Fatalf("check %d: before %+v, after the snapshot %+v", i, want[i], got[i])
		}
	}
	if hits == 0 {
		t.Fatal("no check matched anything; the comparison shows nothing")
	}
	for i := range people {
		if id := bench.RegisterID(i); first.Holds(id) != second.Holds(id) {
			t.Fatalf("%s held %v before, %v after", id, first.Holds(id), second.Holds(id))
		}
	}
}

// TestNodeRebuildsWhenTheReplicaMovedOn: a change stored after the
// snapshot makes it stale; the node rebuilds and holds the change.
func TestNodeRebuildsWhenTheReplicaMovedOn(t *testing.T) {
	now := time.Now()
	db, dir, people := snapReplica(t, 50, now)
	n := snapNode(t, db, dir, now)
	if err := n.WriteSnapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	late := trex.Restriction{ID: "LATE", Version: 1, Status: trex.StatusActive, Kind: trex.KindCourtOrder, LegalBasis: "x",
		Authority: "court", ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour), Person: people[0]}
	if err := n.ApplyChange(context.Background(), trex.Change{Restriction: late}); err != nil {
		t.Fatal(err)
	}
	again := snapNode(t, db, dir, now)
	if again.StartedFromSnapshot() {
		t.Fatal("a stale snapshot was used")
	}
	d, err := again.Check(context.Background(), people[0])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range d.Matches {
		found = found || m.RestrictionID == "LATE"
	}
	if !again.Holds("LATE") || !found {
		t.Fatal("the change stored after the snapshot is missing")
	}
}

// TestNodeNeverTrustsABadSnapshot: a corrupt, truncated, foreign-version,
// foreign or other replica's snapshot is not loaded; the node rebuilds
// and answers as before.
func TestNodeNeverTrustsABadSnapshot(t *testing.T) {
	now := time.Now()
	db, dir, people := snapReplica(t, 200, now)
	n := snapNode(t, db, dir, now)
	if err := n.WriteSnapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(n.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	want := decisions(t, n, people)
	resum := func(b []byte) []byte {
		body := b[:len(b)-sha256.Size]
		s := sha256.Sum256(body)
		return append(append([]byte{}, body...), s[:]...)
	}
	flipped := append([]byte{}, good...)
	flipped[len(flipped)/2] ^= 0x40
	version := append([]byte{}, good...)
	binary.LittleEndian.PutUint32(version[8:], 99)
	otherTag := append([]byte{}, good...)
	otherTag[12] ^= 1 // the epoch: another replica's snapshot
	stale := append([]byte{}, good...)
	binary.LittleEndian.PutUint64(stale[20:], binary.LittleEndian.Uint64(stale[20:])-1)
	inner := append([]byte{}, good...)
	inner[bytes.Index(inner, []byte("TXIX"))+4] = 9 // the matcher's part of another version, checksum made to fit
	short := append([]byte{}, good...)
	binary.LittleEndian.PutUint64(short[bytes.Index(short, []byte("TXIX"))-8:], 5) // the matcher's length does not fit
	cases := map[string][]byte{
		"corrupt":         flipped,
		"truncated":       good[:len(good)-100],
		"empty":           nil,
		"foreign version": resum(version),
		"another replica": resum(otherTag),
		"older state":     resum(stale),
		"foreign file":    resum(append([]byte("NOTTREX!"), good[8:]...)),
		"bad inside":      resum(inner),
		"bad length":      resum(short),
	}
	for name, data := range cases {
		if err := os.WriteFile(n.Snapshot, data, 0o600); err != nil {
			t.Fatal(err)
		}
		again := snapNode(t, db, dir, now)
		if again.StartedFromSnapshot() {
			t.Fatalf("%s: the snapshot was trusted", name)
		}
		if got := decisions(t, again, people); !reflect.DeepEqual(want, got) {
			t.Fatalf("%s: the rebuilt node answers differently", name)
		}
	}
}

// TestSnapshotWhileApplying: snapshots taken while changes arrive race
// with nothing, and the last one, taken once they stopped, starts a node
// that holds every change.
func TestSnapshotWhileApplying(t *testing.T) {
	now := time.Now()
	db, dir, people := snapReplica(t, 30, now)
	n := snapNode(t, db, dir, now)
	done := make(chan error)
	go func() {
		for i := range 60 {
			r := trex.Restriction{ID: "LIVE" + bench.RegisterID(i), Version: 1, Status: trex.StatusActive, Kind: trex.KindCourtOrder,
				LegalBasis: "x", Authority: "court", ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour), Person: people[i%len(people)]}
			if err := n.ApplyChange(context.Background(), trex.Change{Restriction: r}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for range 5 {
		if err := n.WriteSnapshot(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := n.WriteSnapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	again := snapNode(t, db, dir, now)
	if !again.StartedFromSnapshot() || again.Stats().Restrictions != n.Stats().Restrictions || !again.Holds("LIVE"+bench.RegisterID(59)) {
		t.Fatalf("from snapshot %v, holds %d of %d", again.StartedFromSnapshot(), again.Stats().Restrictions, n.Stats().Restrictions)
	}
}

// TestABadHeldPartLeavesNoStaleMatcher: a snapshot whose matcher part
// loads but whose held part does not is dropped whole: the matcher is
// emptied before the rebuild, so that nothing of it (here, a restriction
// another replica holds) stays indexed.
func TestABadHeldPartLeavesNoStaleMatcher(t *testing.T) {
	now := time.Now()
	db, dir, _ := snapReplica(t, 40, now)
	n := snapNode(t, db, dir, now)
	otherDB, otherDir, people := snapReplica(t, 1, now)
	other := snapNode(t, otherDB, otherDir, now)
	elsewhere := trex.Restriction{ID: "ELSEWHERE", Version: 1, Status: trex.StatusActive, Kind: trex.KindCourtOrder, LegalBasis: "x",
		Authority: "court", ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(24 * time.Hour), Person: people[0]}
	if err := other.ApplyChange(context.Background(), trex.Change{Restriction: elsewhere}); err != nil {
		t.Fatal(err)
	}
	if err := other.WriteSnapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
	theirs, err := os.ReadFile(other.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	tag, err := db.ReplicaTag(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	forged := append([]byte{}, theirs[:len(theirs)-sha256.Size]...)
	binary.LittleEndian.PutUint64(forged[12:], tag.Epoch)
	binary.LittleEndian.PutUint64(forged[20:], tag.Changes)
	binary.LittleEndian.PutUint64(forged[28:], tag.Rows)
	forged[44] = 0x7f // more held entries than the part holds
	sum := sha256.Sum256(forged)
	if err := os.WriteFile(n.Snapshot, append(forged, sum[:]...), 0o600); err != nil {
		t.Fatal(err)
	}
	again := snapNode(t, db, dir, now)
	if again.StartedFromSnapshot() {
		t.Fatal("a snapshot with a bad held part was trusted")
	}
	if got, want := again.Stats().Indexed, n.Stats().Indexed; got != want {
		t.Fatalf("indexed %d after the rebuild, want %d: the failed load left records behind", got, want)
	}
}

// BenchmarkApplyDuringSnapshot writes a node's snapshot (200k
// restrictions) while changes are applied one after another, and
// reports the longest an apply took meanwhile (max-apply-ms) beside the
// time an apply takes alone (apply-ms, the median over a second of
// applies before, and max-alone-ms, the longest of them), so that a
// snapshot that holds changes back shows.
func BenchmarkApplyDuringSnapshot(b *testing.B) {
	now := time.Now()
	db, dir, people := snapReplica(b, 200_000, now)
	n := snapNode(b, db, dir, now)
	ctx := context.Background()
	apply := func(i int) time.Duration {
		r := trex.Restriction{ID: "LIVE" + bench.RegisterID(i), Version: 1, Status: trex.StatusActive, Kind: trex.KindCourtOrder,
			LegalBasis: "x", Authority: "court", ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour), Person: people[i%len(people)]}
		t0 := time.Now()
		if err := n.ApplyChange(ctx, trex.Change{Restriction: r}); err != nil {
			b.Error(err)
		}
		return time.Since(t0)
	}
	// Applies alone for a second: how long one takes, and the longest
	// one over a second on this machine without a snapshot.
	var alone []time.Duration
	for t0 := time.Now(); time.Since(t0) < time.Second; {
		alone = append(alone, apply(1_000_000+len(alone)))
	}
	slices.Sort(alone)
	var worst time.Duration
	i := 0
	for b.Loop() {
		stop, done := make(chan struct{}), make(chan time.Duration)
		go func() {
			var w time.Duration
			for {
				select {
				case <-stop:
					done <- w
					return
				default:
				}
				i++
				w = max(w, apply(i))
			}
		}()
		if err := n.WriteSnapshot(ctx); err != nil {
			b.Fatal(err)
		}
		close(stop)
		worst = max(worst, <-done)
	}
	b.ReportMetric(float64(alone[len(alone)/2].Microseconds())/1000, "apply-ms")
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-apply-ms")
	b.ReportMetric(float64(alone[len(alone)-1].Microseconds())/1000, "max-alone-ms")
	b.ReportMetric(float64(n.SnapshotPause().Microseconds())/1000, "pause-ms")
}
