package pgtrgm_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"trex"
	"trex/bench"
	"trex/bench/pgtrgm"
	"trex/romanize"
)

// postgresURL is the PostgreSQL the tests use: $TREX_TEST_POSTGRES, or the
// machine's local server.
func postgresURL() string {
	if u := os.Getenv("TREX_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://127.0.0.1:5432/test?sslmode=disable"
}

// openBaseline opens the first design in a fresh schema, or skips (fails
// under CI=true) without PostgreSQL.
func openBaseline(tb testing.TB, conns int) *pgtrgm.Baseline {
	tb.Helper()
	return openBaselineWith(tb, pgtrgm.Options{Conns: conns})
}

func openBaselineWith(tb testing.TB, opt pgtrgm.Options) *pgtrgm.Baseline {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b, err := pgtrgm.Open(ctx, postgresURL(), opt)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("PostgreSQL with pg_trgm at %s: %v; CI must provide it", postgresURL(), err)
		}
		tb.Skipf("PostgreSQL with pg_trgm at %s: %v; set TREX_TEST_POSTGRES", postgresURL(), err)
	}
	return b
}

func schemaExists(tb testing.TB, schema string) bool {
	tb.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, postgresURL())
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close(ctx)
	var n int
	if err := c.QueryRow(ctx, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", schema).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n > 0
}

// TestBaselineScreensAndIsJudgedByItsAnswers loads a register, screens
// the bench's realistic queries through the first design, and checks
// that the recall and false flags Screen reports are those its answers
// give, recomputed one query at a time; that a traveller as their
// passport spells them, or their passport number alone, is found; that
// hostile names neither fail nor flag; and that Close drops the schema.
func TestBaselineScreensAndIsJudgedByItsAnswers(t *testing.T) {
	b := openBaseline(t, 8)
	schema := b.Schema()
	defer func() {
		if b != nil {
			b.Close()
		}
	}()
	ctx := context.Background()
	people := bench.Register(42, 3000)
	if err := b.Load(ctx, people, bench.RegisterID); err != nil {
		t.Fatal(err)
	}
	check := func(ctx context.Context, q bench.Query) (bench.Answer, error) {
		f, keys, err := b.Check(ctx, q.Person)
		return bench.Answer{Flagged: f, Keys: keys}, err
	}
	qs := bench.Queries(people, 7, 800, 0.5)
	s := bench.Screen(ctx, qs, len(qs), 8, check)
	if s.Errors > 0 {
		t.Fatalf("%d checks failed: %v", s.Errors, s.FirstErr)
	}
	var listed, found, unlisted, flagged int
	for _, q := range qs {
		a, err := check(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if q.Listed < 0 {
			unlisted++
			if a.Flagged {
				flagged++
			}
			continue
		}
		listed++
		if a.Flagged && slices.Contains(a.Keys, bench.RegisterID(q.Listed)) {
			found++
		}
	}
	if s.Listed != listed || s.Found != found || s.Unlisted != unlisted || s.FalseFlags != flagged {
		t.Errorf("Screen judged %d/%d found, %d/%d flagged; the answers give %d/%d, %d/%d",
			s.Found, s.Listed, s.FalseFlags, s.Unlisted, found, listed, flagged, unlisted)
	}
	if s.Recall <= 0 || s.Recall > 1 || s.FalseFlagRate < 0 || s.FalseFlagRate > 1 {
		t.Errorf("recall %v, false flags %v", s.Recall, s.FalseFlagRate)
	}
	t.Logf("first design on 3,000: recall %.3f %v, false flags %.3f", s.Recall, s.RecallByKind, s.FalseFlagRate)

	for i, p := range people[:50] {
		passport := trex.Person{Names: []trex.Name{{Surname: romanize.ICAOName(p.Names[0].Surname), Given: romanize.ICAOName(p.Names[0].Given)}},
			BirthDate: p.BirthDate}
		if f, keys, err := b.Check(ctx, passport); err != nil || !f || !slices.Contains(keys, bench.RegisterID(i)) {
			t.Errorf("person %d as the passport spells them: flagged %v, %v, %v", i, f, keys, err)
		}
		if len(p.Documents) == 0 {
			continue
		}
		doc := trex.Person{Documents: []trex.Document{{Number: p.Documents[0].Number}}}
		if f, keys, err := b.Check(ctx, doc); err != nil || !f || !slices.Contains(keys, bench.RegisterID(i)) {
			t.Errorf("person %d by passport number: flagged %v, %v, %v", i, f, keys, err)
		}
	}
	for _, name := range []string{"'; DROP TABLE persons; --", "%", "_", `\`, "O'BRIEN", "ИВАНОВ\u200b", "　"} {
		q := trex.Person{Names: []trex.Name{{Surname: name, Given: name}}, BirthDate: trex.MustPartialDate("1970-01-01"),
			Documents: []trex.Document{{Number: name}}}
		if f, keys, err := b.Check(ctx, q); err != nil || f {
			t.Errorf("name %q: flagged %v %v, %v", name, f, keys, err)
		}
	}
	if s2 := bench.Screen(ctx, qs[:100], 100, 4, check); s2.Errors > 0 {
		t.Errorf("checks after the hostile names: %v", s2.FirstErr)
	}

	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b = nil
	if schemaExists(t, schema) {
		t.Errorf("schema %s left behind", schema)
	}
}

// TestDateFirstAnswersTheSame: the date-first query asks the same
// question as the % operator, so it gives the same answer to every
// check, at the default threshold and at another.
func TestDateFirstAnswersTheSame(t *testing.T) {
	ctx := context.Background()
	people := bench.Register(21, 3000)
	qs := bench.Queries(people, 22, 600, 0.5)
	for _, threshold := range []float64{0, 0.45} {
		plain := openBaselineWith(t, pgtrgm.Options{Conns: 2, Threshold: threshold})
		defer plain.Close()
		if err := plain.Load(ctx, people, bench.RegisterID); err != nil {
			t.Fatal(err)
		}
		first := plain.DateFirst()
		flagged := 0
		for _, q := range qs {
			f1, k1, err1 := plain.Check(ctx, q.Person)
			f2, k2, err2 := first.Check(ctx, q.Person)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			slices.Sort(k1)
			slices.Sort(k2)
			if f1 != f2 || !slices.Equal(k1, k2) {
				t.Errorf("threshold %v, %s query: %% gives %v %v, date first %v %v", threshold, q.Kind, f1, k1, f2, k2)
			}
			if f1 {
				flagged++
			}
		}
		if flagged == 0 {
			t.Errorf("threshold %v: nothing flagged; the comparison proves nothing", threshold)
		}
	}
}
