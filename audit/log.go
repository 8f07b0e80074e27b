package audit

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// DefaultInterval is how often a growing log signs a checkpoint.
const DefaultInterval = 500 * time.Millisecond

// DefaultMaxBatch bounds the entries committed together.
const DefaultMaxBatch = 4096

// DefaultLinger is how long a batch waits for its next entry. Each commit
// writes the pages it changes to the write-ahead log and syncs it, and
// signs a checkpoint, whether it holds one entry or a hundred: while
// entries keep coming, a batch waits for more, so that a busy node commits
// fewer, larger batches; once none comes within Linger it is committed,
// so that a lone entry waits at most Linger, then its batch's commit.
const DefaultLinger = time.Millisecond

// DefaultMaxLinger bounds how long a batch gathers entries, however fast
// they come. A commit costs about as much processor time as forty entries
// (on two cores: some 850 µs for its sync, its write-ahead frames and its
// signature, against some 20 µs an entry; BenchmarkAppend at different
// parallelism shows both), so on a busy node a larger batch gives the
// checks back what it saves, and the check log's transaction is shared
// by as many. The milliseconds a batch gathers only come into play above
// a thousand entries a second (below, the gap between entries passes
// Linger and the batch is committed), where a check's time is mostly its
// wait for the processor.
const DefaultMaxLinger = 20 * time.Millisecond

// ErrClosed is returned by appends to a closed log.
var ErrClosed = errors.New("audit log closed")

// Receipt says where an appended entry is: its index, and the size and
// root of the tree as committed with it (the entry is in every checkpoint
// from that size on), with the checkpoint of that tree the log signed once
// for the whole batch, so that the entry can be proven in it (Evidence)
// without a signature of its own.
type Receipt struct {
	Index    int64
	TreeSize int64
	Root     tlog.Hash
	// Entry is the entry's bytes as stored and hashed; Checkpoint the
	// signed note of the tree of TreeSize entries.
	Entry      []byte
	Checkpoint []byte
	// hashes reads the stored hashes an inclusion proof in that tree
	// needs: those of the entry's batch and the tree before it.
	hashes tlog.HashReader
}

// InclusionProof proves the entry in the tree of TreeSize entries.
func (r Receipt) InclusionProof() (tlog.RecordProof, error) {
	if r.hashes == nil {
		return nil, fmt.Errorf("audit receipt %d: no tree at hand", r.Index)
	}
	if b, ok := r.hashes.(*batchHashes); ok && b.size == r.TreeSize {
		return b.prove(r.Index)
	}
	return tlog.ProveRecord(r.TreeSize, r.Index, r.hashes)
}

// Log is an append-only transparency log in its own SQLite database.
// Appends are batched: a committer goroutine writes all waiting entries in
// one transaction, synced to disk, and only then answers their callers, so
// an acknowledged entry survives kill -9. A checkpointer signs the tree
// head every Interval while the log grows.
type Log struct {
	Origin string
	Keys   *Keys
	// Interval between checkpoints while the log grows; MaxBatch bounds a
	// commit. Set before Start; zero means the defaults.
	Interval time.Duration
	MaxBatch int
	// Linger is how long a batch waits for its next entry; zero means
	// DefaultLinger, a negative value not at all. MaxLinger bounds how
	// long a batch gathers entries that keep coming; zero means
	// DefaultMaxLinger, and it is never shorter than Linger.
	Linger, MaxLinger time.Duration
	// Now is the clock entries are stamped with.
	Now func() time.Time
	// OnCheckpoint, when set, is told each checkpoint's size (for metrics).
	OnCheckpoint func(size int64)

	db      *sql.DB
	stmts   *statements
	reqs    chan *appendReq
	follows chan *followBatch
	stop    chan struct{}
	kick    chan struct{}
	wg      sync.WaitGroup
	closing sync.Once
	// committed is closed when the committer has written its last batch
	// and its followers are done.
	committed chan struct{}

	// hmacs are keyed hashers of identifiers, kept for reuse.
	hmacs sync.Pool

	mu         sync.Mutex
	size       int64
	root       tlog.Hash
	cache      map[int64]tlog.Hash // the frontier of the committed tree
	signMu     sync.Mutex
	latest     []byte // the newest signed checkpoint note
	latestSize int64
	unstored   bool // latest is not in the database yet
}

type appendReq struct {
	data [][]byte
	done chan appendResult
	// follow, when set, writes item once the entries are committed.
	follow Follower
	item   any
}

type appendResult struct {
	first, size int64
	root        tlog.Hash
	checkpoint  []byte
	hashes      tlog.HashReader
	err         error
}

// OpenDir opens (creating on first start) the log of role under dir
// (audit-ROLE.db, with its key audit-ROLE.key and public key audit-ROLE.pub)
// and starts it.
func OpenDir(dir, role string) (*Log, error) {
	keys, err := LoadOrCreateKeys(dir, role)
	if err != nil {
		return nil, err
	}
	l, err := Open(DBPath(dir, role), Origin(role), keys)
	if err != nil {
		return nil, err
	}
	l.Start()
	return l, nil
}

// Open opens the log database at path for the log named origin, signed
// with keys. Call Start before appending.
func Open(path, origin string, keys *Keys) (*Log, error) {
	if keys == nil || keys.Signer.Name() != origin {
		return nil, fmt.Errorf("audit log %s: the key must be named after the log", origin)
	}
	db, err := openDB(path)
	if err != nil {
		return nil, err
	}
	l := &Log{Origin: origin, Keys: keys, db: db, Now: time.Now, cache: map[int64]tlog.Hash{},
		reqs: make(chan *appendReq, 1024), follows: make(chan *followBatch, followBatches), stop: make(chan struct{}), kick: make(chan struct{}, 1), committed: make(chan struct{})}
	ctx := context.Background()
	if l.stmts, err = prepare(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	if err := db.QueryRowContext(ctx, sizeQuery).Scan(&l.size); err != nil {
		db.Close()
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	idx := frontier(l.size)
	hs, err := dbHashes(ctx, db).ReadHashes(idx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	for i, h := range hs {
		l.cache[idx[i]] = h
	}
	if l.root, err = tlog.TreeHash(l.size, &batchHashes{base: tlog.StoredHashIndex(0, l.size), cache: l.cache}); err != nil {
		db.Close()
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	var note []byte
	err = db.QueryRowContext(ctx, `SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1`).Scan(&l.latestSize, &note)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		db.Close()
		return nil, fmt.Errorf("open audit log %s: %w", path, err)
	}
	l.latest = note
	return l, nil
}

// Start runs the committer and the checkpointer until Close.
func (l *Log) Start() {
	if l.Interval <= 0 {
		l.Interval = DefaultInterval
	}
	if l.MaxBatch <= 0 {
		l.MaxBatch = DefaultMaxBatch
	}
	if l.Linger == 0 {
		l.Linger = DefaultLinger
	}
	if l.MaxLinger <= 0 {
		l.MaxLinger = DefaultMaxLinger
	}
	l.MaxLinger = max(l.MaxLinger, l.Linger)
	if l.latest == nil {
		// A new log signs its empty tree at once, so that a copy always has
		// a checkpoint to be verified against.
		l.Checkpoint(context.Background())
	}
	l.wg.Add(3)
	go l.commitLoop()
	go l.followLoop()
	go l.checkpointLoop()
}

// Close stops the log after committing what was appended, signs a last
// checkpoint, and closes the database.
func (l *Log) Close() error {
	l.closing.Do(func() { close(l.stop) })
	l.wg.Wait()
	return l.db.Close()
}

// Size is the number of committed entries this process knows of: those it
// committed, or its newest checkpoint's, whichever is more.
func (l *Log) Size() int64 {
	l.mu.Lock()
	size := l.size
	l.mu.Unlock()
	return max(size, l.LatestSize())
}

// Append writes e to the log and returns once it is on disk.
func (l *Log) Append(ctx context.Context, e *Entry) (Receipt, error) {
	rs, err := l.AppendMany(ctx, []*Entry{e})
	if err != nil {
		return Receipt{}, err
	}
	return rs[0], nil
}

// AppendMany writes entries to the log, consecutively and all at once, and
// returns once they are on disk.
func (l *Log) AppendMany(ctx context.Context, entries []*Entry) ([]Receipt, error) {
	return l.appendMany(ctx, entries, nil, nil)
}

func (l *Log) appendMany(ctx context.Context, entries []*Entry, f Follower, item any) ([]Receipt, error) {
	if f != nil && !reflect.TypeOf(f).Comparable() {
		return nil, fmt.Errorf("audit append: follower %T cannot be told apart from others; use a pointer", f)
	}
	req := &appendReq{done: make(chan appendResult, 1), follow: f, item: item}
	for _, e := range entries {
		if e.At.IsZero() {
			e.At = l.Now()
		}
		if e.Node == "" {
			e.Node = l.Origin
		}
		data, err := e.Encode()
		if err != nil {
			return nil, err
		}
		req.data = append(req.data, data)
	}
	select {
	case <-l.stop:
		return nil, ErrClosed
	default:
	}
	select {
	case l.reqs <- req:
	case <-l.stop:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, fmt.Errorf("audit append: %w", ctx.Err())
	}
	// Once queued, the entry will be committed; wait for it whatever ctx
	// says, so that a caller never answers about an entry it cannot place.
	var res appendResult
	select {
	case res = <-req.done:
	case <-l.committed:
		// The log closed; the committer may have answered on its way out.
		select {
		case res = <-req.done:
		default:
			return nil, ErrClosed
		}
	}
	if res.err != nil {
		return nil, res.err
	}
	out := make([]Receipt, len(entries))
	for i := range out {
		out[i] = Receipt{Index: res.first + int64(i), TreeSize: res.size, Root: res.root,
			Entry: req.data[i], Checkpoint: res.checkpoint, hashes: res.hashes}
	}
	return out, nil
}

func (l *Log) commitLoop() {
	defer l.wg.Done()
	defer close(l.follows)
	for {
		var batch []*appendReq
		select {
		case r := <-l.reqs:
			batch = append(batch, r)
		case <-l.stop:
			for {
				select {
				case r := <-l.reqs:
					l.commit([]*appendReq{r})
				default:
					return
				}
			}
		}
		l.commit(l.gather(batch))
	}
}

// gather adds to batch the requests already waiting and, unless Linger is
// negative, those that follow each other within Linger, for at most
// MaxLinger in all, up to MaxBatch entries.
func (l *Log) gather(batch []*appendReq) []*appendReq {
	n := len(batch[0].data)
	take := func(r *appendReq) {
		batch = append(batch, r)
		n += len(r.data)
	}
	for n < l.MaxBatch {
		select {
		case r := <-l.reqs:
			take(r)
			continue
		default:
		}
		break
	}
	if l.Linger < 0 || n >= l.MaxBatch {
		return batch
	}
	gap, most := time.NewTimer(l.Linger), time.NewTimer(l.MaxLinger)
	defer gap.Stop()
	defer most.Stop()
	for n < l.MaxBatch {
		select {
		case r := <-l.reqs:
			take(r)
			gap.Reset(l.Linger)
		case <-gap.C:
			return batch
		case <-most.C:
			return batch
		case <-l.stop:
			return batch
		}
	}
	return batch
}

// batchHashes reads the stored hashes a batch adds (added, from the
// stored-hash index base on: tlog numbers them consecutively) and those
// of the frontier of the tree before it (cache): all that appending the
// batch, and proving its entries in the tree it makes, need. Neither is
// changed once the batch is committed.
type batchHashes struct {
	base  int64
	added []tlog.Hash
	cache map[int64]tlog.Hash
	// size and edge are the tree the batch makes and the hashes of the
	// incomplete subtrees on its right edge (edgeHashes), from which its
	// entries are proven without hashing again (prove).
	size int64
	edge []edgeHash
}

// ReadHashes implements tlog.HashReader.
func (b *batchHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, id := range indexes {
		if k := id - b.base; k >= 0 && k < int64(len(b.added)) {
			out[i] = b.added[k]
			continue
		}
		h, ok := b.cache[id]
		if !ok {
			return nil, fmt.Errorf("audit log: stored hash %d not at hand", id)
		}
		out[i] = h
	}
	return out, nil
}

// commit writes a batch in one transaction, signs a checkpoint of the tree
// it makes (one signature for the batch, in which each of its entries can
// be proven), and answers its callers.
func (l *Log) commit(batch []*appendReq) {
	fb := l.startFollow(batch)
	first, size, root, hashes, err := l.write(batch)
	var cp []byte
	if err == nil {
		cp, err = l.signBatch(size, root)
	}
	results := make([]appendResult, len(batch))
	for i, r := range batch {
		results[i] = appendResult{first: first, size: size, root: root, checkpoint: cp, hashes: hashes, err: err}
		first += int64(len(r.data))
	}
	l.answer(batch, results, fb)
}

// signBatch signs the checkpoint of a committed batch's tree and makes it
// the newest; the checkpointer stores it with the next tick.
func (l *Log) signBatch(size int64, root tlog.Hash) ([]byte, error) {
	msg, err := Checkpoint{Origin: l.Origin, Size: size, Root: root}.Sign(l.Keys.Signer)
	if err != nil {
		return nil, fmt.Errorf("audit append: %w", err)
	}
	l.signMu.Lock()
	if size > l.latestSize || l.latest == nil {
		l.latest, l.latestSize, l.unstored = msg, size, true
	}
	l.signMu.Unlock()
	return msg, nil
}

func (l *Log) write(batch []*appendReq) (first, size int64, root tlog.Hash, hashes tlog.HashReader, err error) {
	ctx := context.Background()
	l.mu.Lock()
	first = l.size
	l.mu.Unlock()
	fail := func(err error) (int64, int64, tlog.Hash, tlog.HashReader, error) {
		return 0, 0, tlog.Hash{}, nil, fmt.Errorf("audit append: %w", err)
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	// The transaction holds the database's write lock. Another process
	// (trex token create, say) may have appended since this one last
	// wrote: go on from the log as stored.
	var stored int64
	if err := tx.StmtContext(ctx, l.stmts.size).QueryRowContext(ctx).Scan(&stored); err != nil {
		return fail(err)
	}
	if stored != first {
		idx := frontier(stored)
		hs, err := dbHashes(ctx, tx).ReadHashes(idx)
		if err != nil {
			return fail(err)
		}
		l.cache = map[int64]tlog.Hash{}
		for i, h := range hs {
			l.cache[idx[i]] = h
		}
		first = stored
	}
	r := &batchHashes{base: tlog.StoredHashIndex(0, first), cache: l.cache}
	runBytes := 0
	for _, req := range batch {
		for _, data := range req.data {
			runBytes += binary.MaxVarintLen32 + len(data)
		}
	}
	run := make([]byte, 0, runBytes)
	n := first
	for _, req := range batch {
		for _, data := range req.data {
			if r.base+int64(len(r.added)) != tlog.StoredHashIndex(0, n) {
				return fail(fmt.Errorf("stored hashes of entry %d out of order", n))
			}
			hs, err := tlog.StoredHashes(n, data, r)
			if err != nil {
				return fail(err)
			}
			run = appendRun(run, data)
			r.added = append(r.added, hs...)
			n++
		}
	}
	// The batch is two rows: its entries, and the stored hashes it adds.
	hashRun := make([]byte, 0, tlog.HashSize*len(r.added))
	for i := range r.added {
		hashRun = append(hashRun, r.added[i][:]...)
	}
	if _, err := tx.StmtContext(ctx, l.stmts.insertEntries).ExecContext(ctx, first, n-first, run); err != nil {
		return fail(fmt.Errorf("write entries %d-%d: %w", first, n-1, err))
	}
	if _, err := tx.StmtContext(ctx, l.stmts.insertHashes).ExecContext(ctx, r.base, hashRun); err != nil {
		return fail(fmt.Errorf("write the stored hashes of entries %d-%d: %w", first, n-1, err))
	}
	if root, err = tlog.TreeHash(n, r); err != nil {
		return fail(err)
	}
	if err := r.edgeHashes(n); err != nil {
		return fail(err)
	}
	next := map[int64]tlog.Hash{}
	ids := frontier(n)
	hs, err := r.ReadHashes(ids)
	if err != nil {
		return fail(err)
	}
	for i, id := range ids {
		next[id] = hs[i]
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	l.mu.Lock()
	l.size, l.root, l.cache = n, root, next
	l.mu.Unlock()
	return first, n, root, r, nil
}
