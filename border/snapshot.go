package border

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"trex"
)

// SnapshotMatcher is a matcher whose contents can be saved and loaded
// again (screening.Index is one): a node restarting on an unchanged
// replica loads them instead of rebuilding them from every record.
type SnapshotMatcher interface {
	trex.Matcher
	// CaptureSnapshot takes the matcher's contents as they are, in
	// about constant time: write appends them to b, and may run while
	// the matcher changes; release ends the capture.
	CaptureSnapshot() (write func(b []byte) []byte, release func())
	// LoadSnapshot replaces the matcher's contents with what
	// AppendSnapshot wrote, or returns an error and changes nothing.
	LoadSnapshot(data []byte) error
	// Reset empties the matcher.
	Reset()
}

// The node's snapshot file: what the node keeps of each restriction and
// the matcher's contents, tagged with the replica's state when taken.
//
//	"TREXNODE", version (uint32), tag: epoch, changes, rows (uint64 each)
//	held part length (uint64), then uvarint H and H held entries:
//	  ID (uvarint length, bytes), version, from, end (varints), status (byte)
//	matcher part length (uint64), matcher snapshot
//	SHA-256 of all that precedes
//
// Integers of fixed size are little-endian.
const (
	nodeSnapMagic   = "TREXNODE"
	nodeSnapVersion = 1
	nodeSnapHeader  = len(nodeSnapMagic) + 4 + 3*8
)

// errNoSnapshot: the node is not set up to use a snapshot.
var errNoSnapshot = errors.New("no snapshot configured")

// DefaultSnapshotEvery is how often RunSnapshots looks for a change to
// save when given no interval.
const DefaultSnapshotEvery = time.Minute

// snapshotParts are the replica and matcher when both can take part in
// a snapshot.
func (n *Node) snapshotParts() (trex.TaggedReplica, SnapshotMatcher, error) {
	tr, ok1 := n.Replica.(trex.TaggedReplica)
	sm, ok2 := n.Matcher.(SnapshotMatcher)
	if n.Snapshot == "" || !ok1 || !ok2 {
		return nil, nil, errNoSnapshot
	}
	return tr, sm, nil
}

// WriteSnapshot saves what the node holds in memory to n.Snapshot,
// tagged with the replica's state. Changes wait only while the replica's
// tag is read and the node's contents are captured (copy on write: see
// SnapshotMatcher.CaptureSnapshot and captureHeld), not while the
// snapshot is encoded or written. The file is replaced atomically
// (written beside it, synced, renamed) and readable by its owner only.
func (n *Node) WriteSnapshot(ctx context.Context) error {
	tr, sm, err := n.snapshotParts()
	if err != nil {
		return err
	}
	n.snapWriteMu.Lock() // one snapshot at a time: they share the file
	defer n.snapWriteMu.Unlock()
	n.applyMu.Lock()
	paused := time.Now()
	tag, err := tr.ReplicaTag(ctx)
	if err != nil {
		n.applyMu.Unlock()
		return fmt.Errorf("border %s: snapshot: %w", n.ID, err)
	}
	restrictions, heldGen := n.captureHeld()
	defer n.releaseHeld(heldGen)
	write, release := sm.CaptureSnapshot()
	defer release()
	n.applyMu.Unlock()
	n.snapMu.Lock()
	n.snapPause = time.Since(paused)
	n.snapMu.Unlock()

	b := make([]byte, 0, 64<<10)
	b = append(b, nodeSnapMagic...)
	b = binary.LittleEndian.AppendUint32(b, nodeSnapVersion)
	b = binary.LittleEndian.AppendUint64(b, tag.Epoch)
	b = binary.LittleEndian.AppendUint64(b, tag.Changes)
	b = binary.LittleEndian.AppendUint64(b, tag.Rows)
	heldAt := len(b)
	b = binary.LittleEndian.AppendUint64(b, 0)
	b = binary.AppendUvarint(b, uint64(len(restrictions)))
	for id, h := range restrictions {
		b = binary.AppendUvarint(b, uint64(len(id)))
		b = append(b, id...)
		b = binary.AppendVarint(b, h.version)
		b = binary.AppendVarint(b, h.from)
		b = binary.AppendVarint(b, h.end)
		b = append(b, h.status)
	}
	binary.LittleEndian.PutUint64(b[heldAt:], uint64(len(b)-heldAt-8))
	at := len(b)
	b = binary.LittleEndian.AppendUint64(b, 0)
	b = write(b)
	binary.LittleEndian.PutUint64(b[at:], uint64(len(b)-at-8))
	sum := sha256.Sum256(b)
	b = append(b, sum[:]...)
	if err := writeAtomic(n.Snapshot, b); err != nil {
		return fmt.Errorf("border %s: snapshot: %w", n.ID, err)
	}
	n.snapMu.Lock()
	n.snapTag = tag
	n.snapMu.Unlock()
	return nil
}

// SnapshotPause is how long the last WriteSnapshot held changes back
// (while it read the replica's tag and captured the node's contents).
func (n *Node) SnapshotPause() time.Duration {
	n.snapMu.Lock()
	defer n.snapMu.Unlock()
	return n.snapPause
}

// writeAtomic replaces path with data: a reader sees the old file or the
// new one, never part of one.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // the rename itself; not every system syncs a directory
		d.Close()
	}
	return nil
}

// loadSnapshot fills the node from its snapshot when the snapshot is
// whole and was taken at the replica's current state; otherwise it says
// why not and changes nothing.
func (n *Node) loadSnapshot(ctx context.Context) error {
	tr, sm, err := n.snapshotParts()
	if err != nil {
		return err
	}
	tag, err := tr.ReplicaTag(ctx)
	if err != nil {
		return err
	}
	heldPart, index, err := readNodeSnapshot(n.Snapshot, tag)
	if err != nil {
		return err
	}
	loaded := make(chan error, 1)
	go func() { loaded <- sm.LoadSnapshot(index) }()
	restrictions, herr := decodeHeld(heldPart, tag)
	if err := errors.Join(herr, <-loaded); err != nil {
		sm.Reset() // what a rebuild starts from
		return err
	}
	active := 0
	for _, h := range restrictions {
		if h.is(trex.StatusActive) {
			active++
		}
	}
	if sm.Len() != active {
		sm.Reset()
		return fmt.Errorf("the matcher holds %d restrictions, the node %d active ones", sm.Len(), active)
	}
	n.restrictions = restrictions
	n.snapMu.Lock()
	n.snapTag = tag
	n.snapMu.Unlock()
	return nil
}

// readNodeSnapshot reads a snapshot file and checks it (whole, of this
// version, taken at the replica's tag); it returns its held part and its
// matcher part. The matcher part is read into a buffer of its own, which
// the matcher keeps reading from (LoadSnapshot), so that the rest of the
// file is not kept with it and the file is never in memory twice.
func readNodeSnapshot(path string, want trex.ReplicaTag) (heldPart, matcherPart []byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := fi.Size()
	const fixed = int64(nodeSnapHeader + 16 + sha256.Size) // header, part lengths, sum
	if size < fixed {
		return nil, nil, errors.New("snapshot truncated")
	}
	le := binary.LittleEndian
	var head [nodeSnapHeader + 8]byte
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return nil, nil, fmt.Errorf("snapshot: %w", err)
	}
	heldLen := le.Uint64(head[nodeSnapHeader:])
	if heldLen > uint64(size-fixed) {
		return nil, nil, errors.New("snapshot: its parts do not fill the file")
	}
	front := make([]byte, len(head)+int(heldLen)+8)
	if _, err := f.ReadAt(front, 0); err != nil {
		return nil, nil, fmt.Errorf("snapshot: %w", err)
	}
	matcherLen := le.Uint64(front[len(front)-8:])
	if matcherLen != uint64(size-fixed)-heldLen {
		return nil, nil, errors.New("snapshot: its parts do not fill the file")
	}
	matcherPart = make([]byte, matcherLen)
	var sum [sha256.Size]byte
	_, err1 := f.ReadAt(matcherPart, int64(len(front)))
	_, err2 := f.ReadAt(sum[:], int64(len(front))+int64(matcherLen))
	if err := errors.Join(err1, err2); err != nil {
		return nil, nil, fmt.Errorf("snapshot: %w", err)
	}
	h := sha256.New()
	h.Write(front)
	h.Write(matcherPart)
	if !bytes.Equal(h.Sum(nil), sum[:]) {
		return nil, nil, errors.New("snapshot checksum does not match: corrupt or truncated")
	}
	if string(front[:len(nodeSnapMagic)]) != nodeSnapMagic {
		return nil, nil, errors.New("not a border node snapshot")
	}
	if v := le.Uint32(front[len(nodeSnapMagic):]); v != nodeSnapVersion {
		return nil, nil, fmt.Errorf("snapshot version %d, this build reads %d", v, nodeSnapVersion)
	}
	p := len(nodeSnapMagic) + 4
	tag := trex.ReplicaTag{Epoch: le.Uint64(front[p:]), Changes: le.Uint64(front[p+8:]), Rows: le.Uint64(front[p+16:])}
	if tag != want {
		return nil, nil, fmt.Errorf("snapshot taken at replica state %+v, the replica is at %+v", tag, want)
	}
	return front[len(head) : len(front)-8], matcherPart, nil
}

// decodeHeld reads the held part of a snapshot. The IDs are substrings
// of one copy of the part: one allocation rather than one per entry.
func decodeHeld(part []byte, tag trex.ReplicaTag) (map[string]held, error) {
	text := string(part)
	off := 0
	uvarint := func() (uint64, bool) {
		v, n := binary.Uvarint(part[off:])
		off += max(n, 0)
		return v, n > 0
	}
	varint := func() (int64, bool) {
		v, n := binary.Varint(part[off:])
		off += max(n, 0)
		return v, n > 0
	}
	count, ok := uvarint()
	if !ok || count > uint64(len(part)-off) || count > tag.Rows {
		return nil, fmt.Errorf("snapshot: bad count of held restrictions")
	}
	restrictions := make(map[string]held, count)
	for i := uint64(0); i < count; i++ {
		var h held
		idLen, ok := uvarint()
		if !ok || idLen == 0 || idLen > uint64(len(part)-off) || idLen > math.MaxUint16 {
			return nil, fmt.Errorf("snapshot: held entry %d: bad ID", i)
		}
		id := text[off : off+int(idLen)]
		off += int(idLen)
		var ok1, ok2, ok3 bool
		h.version, ok1 = varint()
		h.from, ok2 = varint()
		h.end, ok3 = varint()
		if !ok1 || !ok2 || !ok3 || off >= len(part) {
			return nil, fmt.Errorf("snapshot: held entry %d: truncated or overlong number", i)
		}
		status := part[off]
		off++
		if int(status) >= len(statuses) {
			return nil, fmt.Errorf("snapshot: held entry %d: unknown status %d", i, status)
		}
		h.status = status
		if _, dup := restrictions[id]; dup {
			return nil, fmt.Errorf("snapshot: held entry %d repeats an ID", i)
		}
		restrictions[id] = h
	}
	if off != len(part) {
		return nil, errors.New("snapshot: bytes after the held entries")
	}
	return restrictions, nil
}

// RunSnapshots saves the node's snapshot when the replica has changed
// since the last one and the node is idle (no change applied over one
// interval), or the last one is older than ten intervals, until ctx ends.
// every ≤ 0 is DefaultSnapshotEvery.
func (n *Node) RunSnapshots(ctx context.Context, every time.Duration) error {
	tr, _, err := n.snapshotParts()
	if err != nil {
		return nil // nothing to save
	}
	if every <= 0 {
		every = DefaultSnapshotEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	lastApplied, lastWrite := int64(-1), time.Time{}
	for {
		applied := n.applied.Load()
		idle := applied == lastApplied
		lastApplied = applied
		if idle || time.Since(lastWrite) > 10*every {
			tag, err := tr.ReplicaTag(ctx)
			n.snapMu.Lock()
			saved := n.snapTag
			n.snapMu.Unlock()
			switch {
			case err != nil:
				n.Log.Warn("border snapshot: read the replica's tag", "node", n.ID, "err", err)
			case tag == saved:
				lastWrite = time.Now() // up to date
			default:
				start := time.Now()
				if err := n.WriteSnapshot(ctx); err != nil {
					n.Log.Warn("border snapshot not written", "node", n.ID, "err", err)
				} else {
					lastWrite = time.Now()
					n.Log.Info("border snapshot written", "node", n.ID, "took", time.Since(start))
				}
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// StartedFromSnapshot reports whether Open loaded the node's snapshot
// (rather than rebuilding from the replica).
func (n *Node) StartedFromSnapshot() bool { return n.fromSnapshot }
