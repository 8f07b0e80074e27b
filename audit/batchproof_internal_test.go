package audit

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// TestBatchProofsAreTlogs: a batch's entries proven from the right edge's
// hashes computed once (batchHashes.prove) get, for every tree size and
// batch placement up to a few hundred entries, the very proof
// tlog.ProveRecord makes from the whole tree, and it verifies against
// the tree's root; with only the batch's hashes and the frontier of the
// tree before it at hand, as when the log commits, and with the whole
// tree at hand. Indexes outside the tree are refused.
func TestBatchProofsAreTlogs(t *testing.T) {
	var all memHashes
	for n := int64(0); n < 300; n++ {
		hs, err := tlog.StoredHashes(n, fmt.Appendf(nil, "entry %d", n), all)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, hs...)
	}
	for size := int64(1); size <= 300; size++ {
		root, err := tlog.TreeHash(size, all)
		if err != nil {
			t.Fatal(err)
		}
		for _, first := range []int64{0, size - 1, size / 2, max(0, size-37)} {
			b := &batchHashes{base: tlog.StoredHashIndex(0, first), cache: map[int64]tlog.Hash{}}
			b.added = all[b.base:tlog.StoredHashIndex(0, size)]
			idx := frontier(first)
			hs, err := all.ReadHashes(idx)
			if err != nil {
				t.Fatal(err)
			}
			for i, id := range idx {
				b.cache[id] = hs[i]
			}
			if err := b.edgeHashes(size); err != nil {
				t.Fatalf("size %d, batch from %d: %v", size, first, err)
			}
			for i := first; i < size; i++ {
				got, err := b.prove(i)
				if err != nil {
					t.Fatalf("size %d, batch from %d, entry %d: %v", size, first, i, err)
				}
				want, err := tlog.ProveRecord(size, i, all)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("size %d, entry %d: proof %v, want %v", size, i, got, want)
				}
				if err := tlog.CheckRecord(got, size, root, i, tlog.RecordHash(fmt.Appendf(nil, "entry %d", i))); err != nil {
					t.Fatalf("size %d, entry %d: %v", size, i, err)
				}
			}
			for _, bad := range []int64{-1, size, size + 1} {
				if _, err := b.prove(bad); err == nil {
					t.Errorf("size %d: entry %d proven", size, bad)
				}
			}
		}
	}
}

// TestBatchProofWithoutItsHashesFails: a batch missing a stored hash its
// right edge needs says so rather than proving anything.
func TestBatchProofWithoutItsHashesFails(t *testing.T) {
	var all memHashes
	for n := int64(0); n < 11; n++ {
		hs, err := tlog.StoredHashes(n, []byte{byte(n)}, all)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, hs...)
	}
	b := &batchHashes{base: tlog.StoredHashIndex(0, 9), added: all[tlog.StoredHashIndex(0, 9):], cache: map[int64]tlog.Hash{}}
	if err := b.edgeHashes(11); err == nil {
		t.Fatal("right edge hashed without the frontier before the batch")
	}
}

// BenchmarkProveInBatch measures proving one entry of a batch of 40 in a
// tree of about a million entries, as a busy node proves each check it
// answers: with tlog.ProveRecord from the batch's hashes, which hashes the
// right edge again for every entry, and from the right edge hashed once
// per batch (batchHashes.prove).
func BenchmarkProveInBatch(b *testing.B) {
	const size, batch = 1<<20 + 12345, 40
	var all memHashes
	for n := int64(0); n < size; n++ {
		hs, err := tlog.StoredHashes(n, fmt.Appendf(nil, "entry %d", n), all)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, hs...)
	}
	bh := &batchHashes{base: tlog.StoredHashIndex(0, size-batch), cache: map[int64]tlog.Hash{}}
	bh.added = all[bh.base:tlog.StoredHashIndex(0, size)]
	idx := frontier(size - batch)
	hs, err := all.ReadHashes(idx)
	if err != nil {
		b.Fatal(err)
	}
	for i, id := range idx {
		bh.cache[id] = hs[i]
	}
	if err := bh.edgeHashes(size); err != nil {
		b.Fatal(err)
	}
	b.Run("tlog", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := tlog.ProveRecord(size, size-batch+int64(i%batch), bh); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("batch", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := bh.prove(size - batch + int64(i%batch)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
