package audit

import (
	"context"
	"fmt"
	"sort"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Report is the outcome of verifying a copy of a log.
type Report struct {
	Checkpoint Checkpoint // the signed checkpoint the copy was verified against
	Entries    int64      // entries the copy holds
	// Problem is nil when the copy's first Checkpoint.Size entries are
	// exactly those the checkpoint signs.
	Problem *Problem
}

// Problem names the first entry at which a copy departs from the signed
// log.
type Problem struct {
	Index int64  // position of the first entry that differs
	What  string // "changed", "dropped", "missing", "swapped", "reordered"
	// Other is the second position of a swap, or where a reordered entry
	// belongs.
	Other  int64
	Detail string
}

func (p *Problem) Error() string { return p.Detail }

// verifyWindow bounds how far past the first bad position Verify looks for
// the entry that belongs there (to tell a swap from a change).
const verifyWindow = 4096

// Verify checks a copy of a log against its newest checkpoint signed with
// v: it recomputes the Merkle tree from the copy's entries and, when the
// root differs, finds the first position whose entry is not the signed
// one, and what happened to it (changed, dropped, swapped or reordered),
// using the copy's proofs, which are checked against the signed root.
func Verify(ctx context.Context, src Source, v note.Verifier) (*Report, error) {
	msg, err := src.Checkpoint(ctx)
	if err != nil {
		return nil, err
	}
	cp, err := OpenCheckpoint(msg, v)
	if err != nil {
		return nil, err
	}
	rep := &Report{Checkpoint: cp}
	var leaves []tlog.Hash
	tree := memHashes{}
	for from := int64(0); ; {
		page, err := src.Entries(ctx, from, from+1000)
		if err != nil {
			return nil, err
		}
		for _, data := range page {
			h := tlog.RecordHash(data)
			hs, err := tlog.StoredHashesForRecordHash(int64(len(leaves)), h, tree)
			if err != nil {
				return nil, err
			}
			tree = append(tree, hs...)
			leaves = append(leaves, h)
		}
		from += int64(len(page))
		if len(page) == 0 {
			break
		}
	}
	rep.Entries = int64(len(leaves))
	n := cp.Size
	if rep.Entries >= n {
		root, err := tlog.TreeHash(n, tree)
		if err != nil {
			return nil, err
		}
		if root == cp.Root {
			return rep, nil
		}
	}
	// good reports whether the copy's first m entries are the signed log's.
	good := func(m int64) bool {
		if m == 0 {
			return true
		}
		if m > rep.Entries {
			return false
		}
		root, err := tlog.TreeHash(m, tree)
		if err != nil {
			return false
		}
		if m == n {
			return root == cp.Root
		}
		p, err := src.ConsistencyProof(ctx, m, n)
		return err == nil && tlog.CheckTree(p, n, cp.Root, m, root) == nil
	}
	limit := min(n, rep.Entries)
	// The largest good prefix: the entry right after it is the first bad one.
	bad := int64(sort.Search(int(limit), func(i int) bool { return !good(int64(i) + 1) }))
	if lo, hi, ok := checkpointBracket(ctx, src, v, tree, rep.Entries); ok && (bad < lo || bad >= hi) {
		// The copy's proofs contradict its own signed checkpoints: its
		// tree hashes were rewritten too. The checkpoints still bound
		// where the first change is.
		rep.Problem = &Problem{Index: lo, Other: hi - 1, What: "changed",
			Detail: fmt.Sprintf("an entry from %d to %d was changed, dropped or moved (the copy's tree hashes were rewritten too)", lo, hi-1)}
		return rep, nil
	}
	rep.Problem = classify(ctx, src, cp, leaves, bad)
	return rep, nil
}

// checkpointBracket uses every checkpoint a copy keeps (a FileSource)
// whose signature holds: the first entry that differs lies in [lo, hi),
// where lo is the largest checkpoint size whose root the copy's entries
// reproduce and hi the smallest that they do not.
func checkpointBracket(ctx context.Context, src Source, v note.Verifier, tree memHashes, have int64) (lo, hi int64, ok bool) {
	cs, isFile := src.(interface {
		Checkpoints(ctx context.Context) ([][]byte, error)
	})
	if !isFile {
		return 0, 0, false
	}
	notes, err := cs.Checkpoints(ctx)
	if err != nil {
		return 0, 0, false
	}
	hi = -1
	for _, msg := range notes {
		c, err := OpenCheckpoint(msg, v)
		if err != nil {
			continue
		}
		matches := false
		if c.Size <= have {
			root, err := tlog.TreeHash(c.Size, tree)
			matches = err == nil && root == c.Root
		}
		if matches && c.Size > lo && (hi < 0 || c.Size < hi) {
			lo = c.Size
		}
		if !matches && (hi < 0 || c.Size < hi) {
			hi = c.Size
		}
	}
	return lo, hi, hi > lo
}

// classify says what happened at position bad, the first whose entry is
// not the signed log's.
func classify(ctx context.Context, src Source, cp Checkpoint, leaves []tlog.Hash, bad int64) *Problem {
	n := cp.Size
	belongs := func(i int64, h tlog.Hash) bool { // the signed log has h at i
		p, err := src.InclusionProof(ctx, i, n)
		return err == nil && tlog.CheckRecord(p, n, cp.Root, i, h) == nil
	}
	have := int64(len(leaves))
	if bad >= have {
		return &Problem{Index: bad, What: "missing", Detail: fmt.Sprintf("entry %d is missing: the copy holds %d entries, the checkpoint signs %d", bad, have, n)}
	}
	for j := bad + 1; j < have && j < n && j <= bad+verifyWindow; j++ {
		if !belongs(bad, leaves[j]) {
			continue
		}
		if belongs(j, leaves[bad]) {
			return &Problem{Index: bad, Other: j, What: "swapped", Detail: fmt.Sprintf("entries %d and %d are swapped", bad, j)}
		}
		return &Problem{Index: bad, Other: j, What: "reordered", Detail: fmt.Sprintf("entry %d is out of place: the copy has it at %d", bad, j)}
	}
	if bad+1 < n && belongs(bad+1, leaves[bad]) {
		return &Problem{Index: bad, What: "dropped", Detail: fmt.Sprintf("entry %d was dropped: the copy's entry %d is the signed log's %d", bad, bad, bad+1)}
	}
	return &Problem{Index: bad, What: "changed", Detail: fmt.Sprintf("entry %d was changed", bad)}
}

// memHashes is a tree's stored hashes in memory, in tlog.StoredHashIndex order.
type memHashes []tlog.Hash

func (m memHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, id := range indexes {
		if id < 0 || id >= int64(len(m)) {
			return nil, fmt.Errorf("stored hash %d not computed", id)
		}
		out[i] = m[id]
	}
	return out, nil
}
