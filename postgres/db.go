// Package postgres stores the issuer's registry in PostgreSQL: restrictions,
// the outbox, delivery receipts, subject-access keys and API tokens. It is
// the scale-out alternative to package sqlite and meets the same contract
// (internal/storetest).
//
// Border nodes keep their replicas in embedded SQLite; this package is for
// the registry only.
package postgres

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"trex"
)

// DB is a connection pool to a PostgreSQL database with the trex schema.
type DB struct {
	pool *pgxpool.Pool
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Kinds are the kinds of restriction the registry accepts; empty
	// means trex.DefaultKinds.
	Kinds trex.Kinds
}

// Open connects to url (postgres://...; a search_path parameter selects
// the schema) and applies the schema.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres url: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	db := &DB{pool: pool, Now: time.Now}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("migrate postgres: %w", err)
	}
	if err := db.rekeySubjects(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("migrate postgres: %w", err)
	}
	return db, nil
}

// Close closes the pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

func (db *DB) now() time.Time { return db.Now().UTC() }

// schema is applied in order; each step runs once, tracked in trex_schema.
var schema = []string{
	`CREATE TABLE restrictions (
		id          TEXT PRIMARY KEY,
		authority   TEXT NOT NULL,
		kind        TEXT NOT NULL,
		legal_basis TEXT NOT NULL,
		person      JSONB NOT NULL,
		valid_from  TIMESTAMPTZ NOT NULL,
		valid_until TIMESTAMPTZ NOT NULL,
		status      TEXT NOT NULL,
		version     BIGINT NOT NULL,
		lift_reason TEXT NOT NULL DEFAULT '',
		created_at  TIMESTAMPTZ NOT NULL,
		updated_at  TIMESTAMPTZ NOT NULL
	);
	CREATE INDEX restrictions_due ON restrictions(valid_until) WHERE status = 'active';
	CREATE TABLE outbox (
		seq            BIGSERIAL PRIMARY KEY,
		restriction_id TEXT NOT NULL REFERENCES restrictions(id),
		version        BIGINT NOT NULL,
		payload        JSONB,
		created_at     TIMESTAMPTZ NOT NULL,
		published_at   TIMESTAMPTZ
	);
	CREATE INDEX outbox_pending ON outbox(seq) WHERE published_at IS NULL;
	CREATE TABLE receipts (
		restriction_id TEXT NOT NULL,
		version        BIGINT NOT NULL,
		node           TEXT NOT NULL,
		status         TEXT NOT NULL,
		applied_at     TIMESTAMPTZ NOT NULL,
		PRIMARY KEY (restriction_id, node, version)
	);
	CREATE TABLE restriction_keys (
		key            TEXT NOT NULL,
		restriction_id TEXT NOT NULL REFERENCES restrictions(id),
		PRIMARY KEY (key, restriction_id)
	);
	CREATE TABLE tokens (
		id         TEXT PRIMARY KEY,
		hash       TEXT NOT NULL UNIQUE,
		role       TEXT NOT NULL,
		authority  TEXT NOT NULL DEFAULT '',
		subject    TEXT NOT NULL DEFAULT '',
		name       TEXT NOT NULL DEFAULT '',
		created_at TIMESTAMPTZ NOT NULL,
		expires_at TIMESTAMPTZ NOT NULL,
		revoked_at TIMESTAMPTZ
	);`,
	`ALTER TABLE outbox ADD COLUMN attempts INT NOT NULL DEFAULT 0;
	ALTER TABLE outbox ADD COLUMN retry_at TIMESTAMPTZ;
	ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
	CREATE INDEX outbox_pending_by_restriction ON outbox(restriction_id, seq) WHERE published_at IS NULL;
	CREATE INDEX outbox_published ON outbox(restriction_id, version) WHERE published_at IS NOT NULL;`,
	`ALTER TABLE restrictions ADD COLUMN review_due TIMESTAMPTZ; -- NULL when the kind asks for no review
	CREATE INDEX restrictions_review ON restrictions(authority, review_due) WHERE status = 'active' AND review_due IS NOT NULL;
	CREATE INDEX restrictions_ended ON restrictions(kind, updated_at) WHERE status IN ('lifted', 'expired');`,
	`CREATE TABLE access_events (
		seq            BIGSERIAL PRIMARY KEY,
		at             TIMESTAMPTZ NOT NULL,
		who            TEXT NOT NULL,
		who_kind       TEXT NOT NULL,
		kind           TEXT NOT NULL,
		restriction_id TEXT NOT NULL DEFAULT '',
		exempt         BOOLEAN NOT NULL DEFAULT FALSE,
		ref            TEXT UNIQUE
	);
	CREATE INDEX access_events_restriction ON access_events(restriction_id, at);`,
	appealSchema + ";\n" + noticeSchema,
}

func (db *DB) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// One migrator at a time, across processes.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7466280)`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS trex_schema (step INT PRIMARY KEY)`); err != nil {
			return err
		}
		var done int
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(step), 0) FROM trex_schema`).Scan(&done); err != nil {
			return err
		}
		for i := done; i < len(schema); i++ {
			if _, err := tx.Exec(ctx, schema[i]); err != nil {
				return fmt.Errorf("schema step %d: %w", i+1, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO trex_schema (step) VALUES ($1)`, i+1); err != nil {
				return err
			}
		}
		return nil
	})
}

func randomID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToUpper(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}
