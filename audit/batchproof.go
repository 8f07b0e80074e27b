package audit

import (
	"fmt"
	"math/bits"

	"golang.org/x/mod/sumdb/tlog"
)

// A batch's entries are proven in the tree the batch makes, one proof per
// check answered. Such a proof is made of hashes of complete subtrees,
// which are stored hashes the batch holds at hand (batchHashes), and of
// at most one hash of an incomplete subtree on the tree's right edge,
// which tlog.ProveRecord hashes again, level by level, for every entry.
// The right edge's hashes are the same for every entry of the batch:
// edgeHashes computes them once, when the batch is committed, and prove
// makes a proof from them and the stored hashes without hashing anything.

// edgeHash is the hash of the incomplete subtree of leaves [lo, size).
type edgeHash struct {
	lo int64
	h  tlog.Hash
}

// edgeHashes computes the hashes of the incomplete subtrees on the right
// edge of the tree of size leaves: those of [lo, size) for each lo where
// an RFC 6962 split of the tree leaves an incomplete right part.
func (b *batchHashes) edgeHashes(size int64) error {
	b.size = size
	// The tree splits into complete subtrees, largest first, one for each
	// bit set in size; [lo, size) is incomplete from each split point lo
	// but the last.
	var starts []int64
	for lo := int64(0); size-lo > 0 && bits.OnesCount64(uint64(size-lo)) > 1; {
		starts = append(starts, lo)
		lo += 1 << (63 - bits.LeadingZeros64(uint64(size-lo)))
	}
	// Hash them from the right: each is its complete left part's stored
	// hash joined with the (incomplete, or complete) rest.
	b.edge = make([]edgeHash, len(starts))
	for i := len(starts) - 1; i >= 0; i-- {
		lo := starts[i]
		k := int64(1) << (63 - bits.LeadingZeros64(uint64(size-lo)))
		left, err := b.complete(lo, k)
		if err != nil {
			return err
		}
		var right tlog.Hash
		if i+1 < len(starts) {
			right = b.edge[i+1].h
		} else if right, err = b.complete(lo+k, size-lo-k); err != nil {
			return err
		}
		b.edge[i] = edgeHash{lo, tlog.NodeHash(left, right)}
	}
	return nil
}

// complete is the stored hash of the complete subtree of the n leaves
// from lo (n a power of two, lo a multiple of it).
func (b *batchHashes) complete(lo, n int64) (tlog.Hash, error) {
	level := bits.TrailingZeros64(uint64(n))
	id := tlog.StoredHashIndex(level, lo>>level)
	if k := id - b.base; k >= 0 && k < int64(len(b.added)) {
		return b.added[k], nil
	}
	h, ok := b.cache[id]
	if !ok {
		return tlog.Hash{}, fmt.Errorf("audit log: stored hash %d not at hand", id)
	}
	return h, nil
}

// subtree is the hash of leaves [lo, hi): a stored one when complete,
// else the right edge's (hi is then the tree's size).
func (b *batchHashes) subtree(lo, hi int64) (tlog.Hash, error) {
	if n := hi - lo; n&(n-1) == 0 {
		return b.complete(lo, n)
	}
	for _, e := range b.edge {
		if e.lo == lo && hi == b.size {
			return e.h, nil
		}
	}
	return tlog.Hash{}, fmt.Errorf("audit log: hash of leaves %d to %d not at hand", lo, hi)
}

// prove is the inclusion proof of leaf index in the tree whose right edge
// edgeHashes computed, as tlog.ProveRecord gives it (the leaf's sibling
// first, the root's child last).
func (b *batchHashes) prove(index int64) (tlog.RecordProof, error) {
	if index < 0 || index >= b.size {
		return nil, fmt.Errorf("audit log: entry %d is not in the tree of %d", index, b.size)
	}
	// The proof has one hash for each split on the way down to the leaf.
	var path [64]struct{ lo, hi int64 }
	n := 0
	for lo, hi := int64(0), b.size; hi-lo > 1; n++ {
		k := int64(1) << (63 - bits.LeadingZeros64(uint64(hi-lo-1)))
		if index < lo+k {
			path[n] = struct{ lo, hi int64 }{lo + k, hi}
			hi = lo + k
		} else {
			path[n] = struct{ lo, hi int64 }{lo, lo + k}
			lo += k
		}
	}
	p := make(tlog.RecordProof, n)
	for i := range n {
		h, err := b.subtree(path[i].lo, path[i].hi)
		if err != nil {
			return nil, err
		}
		p[n-1-i] = h
	}
	return p, nil
}
