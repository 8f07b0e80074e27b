package pgtrgm

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"trex"
)

// Options configure the baseline.
type Options struct {
	// Conns is the size of the connection pool: the most queries in
	// flight (default 32).
	Conns int
	// Threshold is pg_trgm's similarity threshold for the % operator on
	// surname and given name (default 0.3, pg_trgm's own default).
	Threshold float64
}

// Baseline is the first design, loaded into a schema of its own.
type Baseline struct {
	sql    string
	pool   *pgxpool.Pool
	admin  *pgx.Conn
	schema string
	pids   []int
}

// Open connects to the PostgreSQL at url, checks that pg_trgm can be
// had, and creates an empty schema for the baseline's tables.
func Open(ctx context.Context, url string, opt Options) (*Baseline, error) {
	if opt.Conns <= 0 {
		opt.Conns = 32
	}
	if opt.Threshold <= 0 {
		opt.Threshold = 0.3
	}
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("pgtrgm: connect to %s: %w", url, err)
	}
	if err := ensureTrgm(ctx, admin); err != nil {
		admin.Close(ctx)
		return nil, err
	}
	b := &Baseline{admin: admin, schema: fmt.Sprintf("trex_pgtrgm_%d", time.Now().UnixNano()), sql: checkSQL}
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+b.schema); err != nil {
		admin.Close(ctx)
		return nil, fmt.Errorf("pgtrgm: create schema: %w", err)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("pgtrgm: %w", err)
	}
	cfg.MaxConns, cfg.MinConns = int32(opt.Conns), int32(opt.Conns)
	cfg.ConnConfig.RuntimeParams["search_path"] = b.schema + ",public"
	cfg.ConnConfig.RuntimeParams["pg_trgm.similarity_threshold"] = strconv.FormatFloat(opt.Threshold, 'f', -1, 64)
	if b.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		b.Close()
		return nil, fmt.Errorf("pgtrgm: pool: %w", err)
	}
	return b, nil
}

// Probe says whether the PostgreSQL at url can hold the baseline: it
// answers, and offers pg_trgm (installing it when it is not yet). For a
// caller that wants to fail before it builds anything else.
func Probe(ctx context.Context, url string) error {
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("pgtrgm: connect to %s: %w", url, err)
	}
	defer c.Close(ctx)
	return ensureTrgm(ctx, c)
}

// ensureTrgm installs pg_trgm when the server offers it and it is not
// installed yet, and says so clearly when the server does not offer it.
func ensureTrgm(ctx context.Context, c *pgx.Conn) error {
	var available, installed bool
	err := c.QueryRow(ctx, `SELECT true, installed_version IS NOT NULL FROM pg_available_extensions WHERE name = 'pg_trgm'`).Scan(&available, &installed)
	if errors.Is(err, pgx.ErrNoRows) {
		return errors.New("pgtrgm: the PostgreSQL server does not offer the pg_trgm extension (install postgresql-contrib); the side by side needs it")
	}
	if err != nil {
		return fmt.Errorf("pgtrgm: look for pg_trgm: %w", err)
	}
	if installed {
		return nil
	}
	if _, err := c.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public"); err != nil {
		// Another client may have installed it at the same moment.
		if err2 := c.QueryRow(ctx, `SELECT installed_version IS NOT NULL FROM pg_available_extensions WHERE name = 'pg_trgm'`).Scan(&installed); err2 != nil || !installed {
			return fmt.Errorf("pgtrgm: CREATE EXTENSION pg_trgm (needs a role that may create it): %w", err)
		}
	}
	return nil
}

// DateFirst returns the baseline asking the same tables the same question
// with similarity() >= the threshold in place of %, which no index
// serves, so that the planner takes the birth-date index and compares
// names only on the few persons born on a variant date: the fix a team
// makes once EXPLAIN shows a common surname's trigram index rechecking
// thousands of rows. The answers are the same. Close b, not what it
// returns.
func (b *Baseline) DateFirst() *Baseline {
	c := *b
	c.sql, c.pids = dateFirstSQL, nil
	return &c
}

// Schema is the name of the baseline's schema.
func (b *Baseline) Schema() string { return b.schema }

// Load stores people under keys key(i), as the team's loader would:
// names romanised by the ICAO table, the birth date, passport numbers
// normalised, with COPY; then it builds the indexes (pg_trgm GIN on
// surname and given name, B-trees on birth date and document number) and
// analyses the tables.
func (b *Baseline) Load(ctx context.Context, people []trex.Person, key func(int) string) error {
	ddl := []string{
		`CREATE TABLE persons (id text NOT NULL, surname text NOT NULL, given text NOT NULL, patronymic text NOT NULL,
			surname_lat text NOT NULL, given_lat text NOT NULL, birth_date date)`,
		`CREATE TABLE documents (number text NOT NULL, person_id text NOT NULL)`,
	}
	for _, s := range ddl {
		if _, err := b.pool.Exec(ctx, s); err != nil {
			return fmt.Errorf("pgtrgm: %w", err)
		}
	}
	type row struct{ person, name int }
	var names []row
	var docs [][]any
	for i, p := range people {
		for j := range p.Names {
			names = append(names, row{i, j})
		}
		for _, d := range p.Documents {
			if n := trex.NormalizeDocumentNumber(d.Number); n != "" {
				docs = append(docs, []any{n, key(i)})
			}
		}
	}
	_, err := b.pool.CopyFrom(ctx, pgx.Identifier{"persons"},
		[]string{"id", "surname", "given", "patronymic", "surname_lat", "given_lat", "birth_date"},
		pgx.CopyFromSlice(len(names), func(k int) ([]any, error) {
			p := people[names[k].person]
			n := p.Names[names[k].name]
			var bd any
			if p.BirthDate.IsFull() {
				bd = time.Date(p.BirthDate.Year, time.Month(p.BirthDate.Month), p.BirthDate.Day, 0, 0, 0, 0, time.UTC)
			}
			return []any{key(names[k].person), n.Surname, n.Given, n.Patronymic, ICAO(n.Surname), ICAO(n.Given), bd}, nil
		}))
	if err != nil {
		return fmt.Errorf("pgtrgm: copy persons: %w", err)
	}
	if _, err := b.pool.CopyFrom(ctx, pgx.Identifier{"documents"}, []string{"number", "person_id"}, pgx.CopyFromRows(docs)); err != nil {
		return fmt.Errorf("pgtrgm: copy documents: %w", err)
	}
	conn, err := b.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("pgtrgm: %w", err)
	}
	defer conn.Release()
	for _, s := range []string{
		`SET maintenance_work_mem = '256MB'`,
		`CREATE INDEX persons_surname_trgm ON persons USING gin (surname_lat gin_trgm_ops)`,
		`CREATE INDEX persons_given_trgm ON persons USING gin (given_lat gin_trgm_ops)`,
		`CREATE INDEX persons_birth_date ON persons (birth_date)`,
		`CREATE INDEX documents_number ON documents (number)`,
		`ANALYZE persons`,
		`ANALYZE documents`,
		`RESET maintenance_work_mem`,
	} {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("pgtrgm: %s: %w", s, err)
		}
	}
	return nil
}

// checkSQL is the straightforward query: similar surname and similar
// given name and a birth date among the variants, or the exact document.
const checkSQL = `SELECT id FROM persons
	WHERE surname_lat % $1 AND given_lat % $2 AND birth_date = ANY($3::date[])
UNION
SELECT person_id FROM documents WHERE number = ANY($4::text[])`

// dateFirstSQL is checkSQL with the names compared by similarity(), for
// DateFirst.
const dateFirstSQL = `SELECT id FROM persons
	WHERE birth_date = ANY($3::date[])
	AND similarity(surname_lat, $1) >= current_setting('pg_trgm.similarity_threshold')::float8
	AND similarity(given_lat, $2) >= current_setting('pg_trgm.similarity_threshold')::float8
UNION
SELECT person_id FROM documents WHERE number = ANY($4::text[])`

// Check screens a traveller as the first design does: romanise the names
// by the same table, query the variants of the birth date, look the
// document numbers up exactly. The traveller is flagged when any row
// comes back; the keys are the rows' persons.
func (b *Baseline) Check(ctx context.Context, t trex.Person) (flagged bool, keys []string, err error) {
	var sur, given string
	if len(t.Names) > 0 {
		sur, given = ICAO(t.Names[0].Surname), ICAO(t.Names[0].Given)
	}
	dates := BirthDateVariants(t.BirthDate)
	docs := make([]string, 0, len(t.Documents))
	for _, d := range t.Documents {
		if n := trex.NormalizeDocumentNumber(d.Number); n != "" {
			docs = append(docs, n)
		}
	}
	rows, err := b.pool.Query(ctx, b.sql, sur, given, dates, docs)
	if err != nil {
		return false, nil, fmt.Errorf("pgtrgm: check: %w", err)
	}
	keys, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return false, nil, fmt.Errorf("pgtrgm: check: %w", err)
	}
	return len(keys) > 0, keys, nil
}

// Close drops the baseline's schema and closes its connections.
func (b *Baseline) Close() error {
	if b.pool != nil {
		b.pool.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := b.admin.Exec(ctx, "DROP SCHEMA IF EXISTS "+b.schema+" CASCADE")
	b.admin.Close(ctx)
	if err != nil {
		return fmt.Errorf("pgtrgm: drop schema %s: %w", b.schema, err)
	}
	return nil
}
