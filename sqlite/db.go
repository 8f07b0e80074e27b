// Package sqlite stores trex data in an embedded SQLite database (pure Go,
// no cgo): the issuer's registry with its outbox and delivery receipts, a
// border node's replica, and API tokens.
//
// It implements the storage interfaces of package trex and holds no business
// rules beyond the ones that must be atomic with a write (versions, outbox).
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"net/url"
	"sync"
	"time"

	"trex"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is an open SQLite database with the trex schema applied.
type DB struct {
	db   *sql.DB
	path string
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Kinds are the kinds of restriction the registry accepts; empty
	// means trex.DefaultKinds.
	Kinds trex.Kinds

	checks checkBatch // check records waiting to be written together

	// replicaRead reads one replica entry by id.
	replicaRead replicaRead

	// writeMu lets one writer of this process at a time hold SQLite's
	// write lock, so that the others wait on a Go mutex (woken the moment
	// it is free) rather than in SQLite's busy handler, which sleeps up
	// to 100 ms between tries. Other processes still meet busy_timeout.
	writeMu sync.Mutex
}

// Open opens (creating if needed) the database at path and applies the
// schema. Use ":memory:" for a private in-memory database.
func Open(path string) (*DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "secure_delete(1)") // deleted rows are zeroed, so a purge leaves no copy in free pages
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	if path != ":memory:" {
		q.Add("_pragma", "journal_mode(WAL)")
		dsn = "file:" + path + "?" + q.Encode()
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if path == ":memory:" {
		sqldb.SetMaxOpenConns(1) // every connection would be a new database
	} else {
		// Keep the connections that concurrent requests open: closing all
		// but two (database/sql's default) makes a busy node open a new
		// connection, and parse the schema again, for most statements.
		sqldb.SetMaxIdleConns(maxIdleConns)
	}
	db := &DB{db: sqldb, path: path, Now: time.Now}
	if err := db.migrate(context.Background()); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("migrate sqlite %s: %w", path, err)
	}
	if err := db.rekeySubjects(context.Background()); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("migrate sqlite %s: %w", path, err)
	}
	if err := restrictFiles(path); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// maxIdleConns is how many open connections a file database keeps for
// reuse.
const maxIdleConns = 32

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

func (db *DB) now() time.Time { return db.Now().UTC() }

// schema is applied in order; each entry runs once, tracked by user_version.
var schema = []string{
	`CREATE TABLE restrictions (
		id          TEXT PRIMARY KEY,
		authority   TEXT NOT NULL,
		kind        TEXT NOT NULL,
		legal_basis TEXT NOT NULL,
		person      TEXT NOT NULL,   -- trex.Person as JSON
		valid_from  INTEGER NOT NULL, -- unix nanoseconds
		valid_until INTEGER NOT NULL,
		status      TEXT NOT NULL,
		version     INTEGER NOT NULL,
		lift_reason TEXT NOT NULL DEFAULT '',
		created_at  INTEGER NOT NULL,
		updated_at  INTEGER NOT NULL
	);
	CREATE INDEX restrictions_due ON restrictions(status, valid_until);
	CREATE TABLE outbox (
		seq            INTEGER PRIMARY KEY AUTOINCREMENT,
		restriction_id TEXT NOT NULL REFERENCES restrictions(id),
		version        INTEGER NOT NULL,
		payload        TEXT NOT NULL,  -- trex.Change as JSON
		created_at     INTEGER NOT NULL,
		published_at   INTEGER
	);
	CREATE INDEX outbox_pending ON outbox(seq) WHERE published_at IS NULL;
	CREATE TABLE receipts (
		restriction_id TEXT NOT NULL,
		version        INTEGER NOT NULL,
		node           TEXT NOT NULL,
		status         TEXT NOT NULL,
		applied_at     INTEGER NOT NULL,
		PRIMARY KEY (restriction_id, node, version)
	);
	CREATE TABLE replica (
		id      TEXT PRIMARY KEY,
		version INTEGER NOT NULL,
		body    TEXT NOT NULL      -- trex.Restriction as JSON
	);
	CREATE TABLE replica_state (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	CREATE TABLE tokens (
		id         TEXT PRIMARY KEY,
		hash       TEXT NOT NULL UNIQUE, -- SHA-256 of the secret, hex
		role       TEXT NOT NULL,
		authority  TEXT NOT NULL DEFAULT '',
		name       TEXT NOT NULL DEFAULT '',
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		revoked_at INTEGER
	);`,
	`ALTER TABLE tokens ADD COLUMN subject TEXT NOT NULL DEFAULT '';
	CREATE TABLE restriction_keys (   -- normalised national identifiers, for subject access
		key            TEXT NOT NULL,
		restriction_id TEXT NOT NULL REFERENCES restrictions(id),
		PRIMARY KEY (key, restriction_id)
	);
	CREATE TABLE checks (
		id             TEXT PRIMARY KEY,
		at             INTEGER NOT NULL,
		node           TEXT NOT NULL,
		officer        TEXT NOT NULL,
		verdict        TEXT NOT NULL,
		restrictions   TEXT NOT NULL,  -- JSON array of restriction IDs
		document       TEXT NOT NULL DEFAULT '',
		resolution     TEXT NOT NULL DEFAULT '',
		resolved_by    TEXT NOT NULL DEFAULT '',
		resolved_at    INTEGER,
		resolve_reason TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX checks_at ON checks(at);`,
	`ALTER TABLE checks ADD COLUMN reason TEXT NOT NULL DEFAULT ''; -- why a supervisor checked on a name alone`,
	`ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;  -- failed publish attempts
	ALTER TABLE outbox ADD COLUMN retry_at INTEGER;                      -- parked until (unix nanoseconds)
	ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
	CREATE INDEX outbox_pending_by_restriction ON outbox(restriction_id, seq) WHERE published_at IS NULL;
	CREATE INDEX outbox_published ON outbox(restriction_id, version) WHERE published_at IS NOT NULL;`,
	`ALTER TABLE restrictions ADD COLUMN review_due INTEGER; -- unix nanoseconds; NULL when the kind asks for no review
	CREATE INDEX restrictions_review ON restrictions(authority, review_due) WHERE status = 'active' AND review_due IS NOT NULL;
	CREATE INDEX restrictions_ended ON restrictions(kind, updated_at) WHERE status IN ('lifted', 'expired');`,
	`CREATE TABLE access_events (   -- who looked at whose record, for the person and the auditors
		seq            INTEGER PRIMARY KEY AUTOINCREMENT,
		at             INTEGER NOT NULL,
		who            TEXT NOT NULL,
		who_kind       TEXT NOT NULL,
		kind           TEXT NOT NULL,
		restriction_id TEXT NOT NULL DEFAULT '',
		exempt         INTEGER NOT NULL DEFAULT 0,
		ref            TEXT UNIQUE       -- one border node's check of one restriction, stored once
	);
	CREATE INDEX access_events_restriction ON access_events(restriction_id, at);`,
	`ALTER TABLE checks ADD COLUMN reason_code TEXT NOT NULL DEFAULT ''; -- the resolution's code (trex.ResolutionCodes)
	CREATE INDEX checks_open_referrals ON checks(at, id) WHERE resolution = '' AND verdict IN ('refer', 'hit');`,
	appealSchema + ";\n" + noticeSchema,
	replicaTagSchema,
}

func (db *DB) migrate(ctx context.Context) error {
	var v int
	if err := db.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	for i := v; i < len(schema); i++ {
		tx, err := db.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, schema[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("schema step %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Times are kept as Unix nanoseconds, which reach from 1677 to 2262.
var (
	minTime = time.Unix(0, math.MinInt64).UTC()
	maxTime = time.Unix(0, math.MaxInt64).UTC()
)

// nanos encodes t, saturating outside the range that nanoseconds reach:
// as a query bound a far date still compares as it should (since=9999
// finds nothing), where UnixNano would wrap around.
func nanos(t time.Time) int64 {
	switch {
	case t.Before(minTime):
		return math.MinInt64
	case t.After(maxTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// storedNanos encodes a date that is to be stored, refusing one outside
// the range rather than storing another.
func storedNanos(field string, t time.Time) (int64, error) {
	if t.Before(minTime) || t.After(maxTime) {
		return 0, trex.Errorf(trex.EINVALID, "%s: %s is outside the dates the registry stores (%d to %d)",
			field, t.Format(time.RFC3339), minTime.Year()+1, maxTime.Year()-1)
	}
	return t.UnixNano(), nil
}

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }
