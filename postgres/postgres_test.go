package postgres_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
	"trex/internal/storetest"
	"trex/postgres"
)

// testURL is the PostgreSQL that tests use: $TREX_TEST_POSTGRES, or the
// machine's local server.
func testURL() string {
	if u := os.Getenv("TREX_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// MustOpenDB opens the registry in a fresh schema that is dropped after the test.
func MustOpenDB(tb testing.TB) *postgres.DB {
	tb.Helper()
	db, _ := mustOpenDBSchema(tb)
	return db
}

// mustOpenDBSchema is MustOpenDB, also returning the schema's name.
func mustOpenDBSchema(tb testing.TB) (*postgres.DB, string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, testURL())
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("PostgreSQL at %s is not reachable (%v); CI must provide it", testURL(), err)
		}
		tb.Skipf("PostgreSQL at %s is not reachable (%v); set TREX_TEST_POSTGRES to run these tests", testURL(), err)
	}
	schema := fmt.Sprintf("trex_test_%d", time.Now().UnixNano())
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close(context.Background())
	})
	cfg, _ := pgx.ParseConfig(testURL())
	url := fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable&search_path=%s", cfg.User, cfg.Host, cfg.Port, cfg.Database, schema)
	db, err := postgres.Open(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db, schema
}

func TestRegistryContract(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) storetest.Store { return MustOpenDB(tb) })
}

// TestExpiryOutlivesABadRow damages one due restriction's stored person;
// the sweep must still expire the others (it used to roll them all back).
func TestExpiryOutlivesABadRow(t *testing.T) {
	db, schema := mustOpenDBSchema(t)
	storetest.ExpiryOutlivesABadRow(t, db, func(tb testing.TB, id string) {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, testURL())
		if err != nil {
			tb.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `UPDATE `+schema+`.restrictions SET person = '"not a person"' WHERE id = $1`, id); err != nil {
			tb.Fatal(err)
		}
	})
}

// TestSubjectKeysOfAnEarlierVersionAreRebuilt: keys stored as the bare
// number (which dropped non-Latin letters) are rebuilt on open, so the
// subject finds their restriction and a namesake series does not.
func TestSubjectKeysOfAnEarlierVersionAreRebuilt(t *testing.T) {
	ctx := context.Background()
	db, schema := mustOpenDBSchema(t)
	r := storetest.NewRestriction(time.Now().Add(time.Hour))
	r.Person.Identifiers = []trex.Identifier{{Kind: "birth_certificate", Country: "RU", Value: "IV-АБ 654321"}}
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, testURL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `UPDATE `+schema+`.restriction_keys SET key = 'IV654321'`); err != nil {
		t.Fatal(err)
	}
	cfg, _ := pgx.ParseConfig(testURL())
	again, err := postgres.Open(ctx, fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable&search_path=%s", cfg.User, cfg.Host, cfg.Port, cfg.Database, schema))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got, err := again.RestrictionsOf(ctx, "birth_certificate:RU:IV-АБ 654321"); err != nil || len(got) != 1 {
		t.Errorf("own restriction after reopening: %d, %v", len(got), err)
	}
	if got, _ := again.RestrictionsOf(ctx, "IV-МЮ 654321"); len(got) != 0 {
		t.Errorf("another series sees %d restrictions", len(got))
	}
}
